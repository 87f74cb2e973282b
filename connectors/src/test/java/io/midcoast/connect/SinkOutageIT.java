package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sink task outlives a Postgres outage longer than c3p0's default acquire retries (30 × 1 s): the
 * fault harness saw the property sink fail for good ("Failed to check for existence of table",
 * which Debezium does not retry) when a put needed a new connection 40 s into a 60 s outage. With
 * the sink configuration's acquire retries the put waits for Postgres and the row arrives.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SinkOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(45);

  private EmbeddedPostgres postgres;

  @AfterEach
  void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void shouldWaitForPostgresInsteadOfFailingTheTask() throws Exception {
    final Path data = Files.createTempDirectory("midcoast-sink-outage-");
    final int port = freePort();
    postgres = start(data, port);
    final String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    PostgresSchema.migrate(jdbcUrl, "postgres", "");
    final Map<String, String> config = SinkConnectors.leadSink(jdbcUrl, "postgres", "");

    try (DirectSink sink = new DirectSink(config, SinkConnectors.LEAD_PROFILE_TOPIC)) {
      sink.put(sink.record("before", Leads.minimalProfile("before")));
      postgres.close();
      postgres = null;
      // the put starts while Postgres is down and must still be waiting when it comes back
      final CompletableFuture<Void> put =
          CompletableFuture.runAsync(
              () -> sink.put(sink.record("during", Leads.minimalProfile("during"))));
      Thread.sleep(OUTAGE.toMillis());
      assertThat(put).as("the put waits for Postgres instead of failing").isNotDone();
      postgres = start(data, port);
      put.get(200, TimeUnit.SECONDS);
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM lead")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void shouldStartATaskWhilePostgresIsDown() throws Exception {
    final Path data = Files.createTempDirectory("midcoast-sink-outage-start-");
    final int port = freePort();
    postgres = start(data, port);
    final String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    PostgresSchema.migrate(jdbcUrl, "postgres", "");
    final Map<String, String> config = SinkConnectors.leadSink(jdbcUrl, "postgres", "");
    postgres.close();
    postgres = null;
    // Connect restarts tasks on a rebalance: one may start while Postgres is down
    final CompletableFuture<DirectSink> started =
        CompletableFuture.supplyAsync(
            () -> new DirectSink(config, SinkConnectors.LEAD_PROFILE_TOPIC));
    Thread.sleep(OUTAGE.toMillis());
    assertThat(started).as("the task waits for Postgres instead of failing").isNotDone();
    postgres = start(data, port);
    try (DirectSink sink = started.get(200, TimeUnit.SECONDS)) {
      sink.put(sink.record("after", Leads.minimalProfile("after")));
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM lead")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  private static EmbeddedPostgres start(final Path data, final int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
