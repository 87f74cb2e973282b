package io.midcoast.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect worker in distributed mode ({@code ConnectDistributed}) in a child JVM, with
 * its REST API on localhost and the Midcoast connector plugins on {@code plugin.path}.
 *
 * <p>Layout under {@code dir}: {@code worker.properties}, {@code log4j2.xml}, {@code connect.log}.
 * Its configs, offsets and status live in the internal topics {@code <group>-configs}, {@code
 * -offsets} and {@code -status} (replication 1), so connectors survive a restart.
 */
public final class ConnectWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Default REST port. */
  public static final int DEFAULT_PORT = 8083;

  /** Default worker group id (also the prefix of its internal topics). */
  public static final String DEFAULT_GROUP_ID = "midcoast-connect";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final int port;
  private final ChildJvm process;
  private final HttpClient http;

  private ConnectWorker(final int port, final ChildJvm process) {
    this.port = port;
    this.process = process;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Starts a worker and waits until its REST API answers (bounded).
   *
   * @param dir the worker's directory (config and log)
   * @param bootstrapServers the Kafka cluster
   * @param port REST port on localhost
   * @param groupId worker group id, prefix of the internal topics
   * @param pluginPath directory of connector plugins (must exist)
   */
  public static ConnectWorker start(
      final Path dir,
      final String bootstrapServers,
      final int port,
      final String groupId,
      final Path pluginPath) {
    return start(dir, bootstrapServers, port, groupId, pluginPath, 1);
  }

  /**
   * Starts a worker whose internal topics ({@code -configs}, {@code -offsets}, {@code -status}) get
   * {@code replicationFactor} replicas (the cluster's, e.g. 3 on a three-node cluster).
   */
  public static ConnectWorker start(
      final Path dir,
      final String bootstrapServers,
      final int port,
      final String groupId,
      final Path pluginPath,
      final int replicationFactor) {
    if (!Files.isDirectory(pluginPath)) {
      throw new IllegalStateException(
          "Connect plugin directory "
              + pluginPath
              + " is missing: build the connectors module first"
              + " (./mvnw -B install -DskipTests, or just ./midcoast which builds when needed)");
    }
    Ports.requireFree(port, "the Kafka Connect REST API");
    final Path workerProperties = dir.resolve("worker.properties");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          workerProperties,
          workerProperties(bootstrapServers, port, groupId, pluginPath, replicationFactor));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare Connect directory " + dir, e);
    }
    final Path log4j = ChildJvm.copyResource("child-log4j2.xml", dir.resolve("log4j2.xml"));
    final ChildJvm process =
        ChildJvm.start(
            "connect",
            workerClasspath(),
            "org.apache.kafka.connect.cli.ConnectDistributed",
            List.of(
                "-Xms128m",
                "-Xmx512m",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath()),
            List.of(workerProperties.toAbsolutePath().toString()),
            Map.of(),
            dir.resolve("connect.log"));
    final ConnectWorker worker = new ConnectWorker(port, process);
    try {
      Await.until(
          "Kafka Connect REST API on " + worker.url(),
          START_TIMEOUT,
          () -> {
            process.requireAlive();
            return worker.get("/connectors").statusCode() == 200;
          });
    } catch (final RuntimeException e) {
      process.kill();
      throw new IllegalStateException(
          "Kafka Connect worker did not start: "
              + e.getMessage()
              + System.lineSeparator()
              + process.tail(40),
          e);
    }
    LOG.info("Kafka Connect worker ready at {} (pid {})", worker.url(), process.pid());
    return worker;
  }

  /**
   * This JVM's classpath without the Midcoast connector classes: the worker loads those from
   * plugin.path only, in their own class loader, so no plugin class exists twice.
   */
  static List<String> workerClasspath() {
    return ChildJvm.currentClasspath().stream()
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("midcoast-connectors"))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("debezium-"))
        .filter(entry -> !entry.replace('\\', '/').endsWith("connectors/target/classes"))
        .toList();
  }

  static String workerProperties(
      final String bootstrapServers,
      final int port,
      final String groupId,
      final Path pluginPath,
      final int replicationFactor) {
    return String.join(
            System.lineSeparator(),
            "# written by io.midcoast.embedded.ConnectWorker on every start",
            "bootstrap.servers=" + bootstrapServers,
            "group.id=" + groupId,
            "listeners=http://localhost:" + port,
            "rest.advertised.host.name=localhost",
            "rest.advertised.port=" + port,
            "plugin.path=" + pluginPath.toAbsolutePath(),
            "# every plugin the sinks use ships a ServiceLoader manifest (ours, Debezium's, Kafka's",
            "# own): find them through it instead of scanning the whole classpath reflectively,",
            "# which took 25-40 s of every worker start on 2 cores",
            "plugin.discovery=service_load",
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable=false",
            "config.storage.topic=" + groupId + "-configs",
            "offset.storage.topic=" + groupId + "-offsets",
            "status.storage.topic=" + groupId + "-status",
            "config.storage.replication.factor=" + replicationFactor,
            "offset.storage.replication.factor=" + replicationFactor,
            "offset.storage.partitions=5",
            "status.storage.replication.factor=" + replicationFactor,
            "status.storage.partitions=1",
            "offset.flush.interval.ms=5000",
            "# the app writes its results in Kafka transactions (exactly_once_v2): a sink must see a",
            "# record only once its transaction committed, or an instance killed mid-transaction",
            "# leaves rows in Postgres from records that were aborted and written again",
            "consumer.isolation.level=read_committed",
            "scheduled.rebalance.max.delay.ms=0",
            "")
        .replace("\\", "\\\\");
  }

  /** {@code http://localhost:<port>}. */
  public String url() {
    return "http://localhost:" + port;
  }

  /** The REST port. */
  public int port() {
    return port;
  }

  /** The worker log. */
  public Path logFile() {
    return process.logFile();
  }

  /**
   * Creates or updates connector {@code name} ({@code PUT /connectors/<name>/config}); idempotent.
   */
  public void putConnector(final String name, final Map<String, String> config) {
    final HttpResponse<String> response;
    try {
      response =
          send(
              HttpRequest.newBuilder(uri("/connectors/" + name + "/config"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot configure connector " + name, e);
    }
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IllegalStateException(
          "Connect refused connector "
              + name
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    LOG.info("connector {} {}", name, response.statusCode() == 201 ? "created" : "updated");
  }

  /**
   * Waits until connector {@code name} and all of its tasks (at least one) are RUNNING; fails at
   * once, with the trace, if any is FAILED.
   */
  public void awaitRunning(final String name, final Duration timeout) {
    Await.until(
        "connector " + name + " and its tasks RUNNING",
        timeout,
        () -> {
          process.requireAlive();
          final Optional<JsonNode> status = status(name);
          if (status.isEmpty()) {
            return false;
          }
          final JsonNode connector = status.get().path("connector");
          failIfFailed(name, connector);
          final JsonNode tasks = status.get().path("tasks");
          boolean allRunning = "RUNNING".equals(connector.path("state").asText());
          for (final JsonNode task : tasks) {
            failIfFailed(name + " task " + task.path("id").asText(), task);
            allRunning &= "RUNNING".equals(task.path("state").asText());
          }
          return allRunning && !tasks.isEmpty();
        });
  }

  /**
   * Throws {@link Await.Abort}, with the trace, if connector {@code name} or one of its tasks is
   * FAILED: a sink task that failed on a row stays FAILED, and its consumer group never drains.
   */
  public void requireNotFailed(final String name) {
    final Optional<JsonNode> status = status(name);
    if (status.isPresent()) {
      failIfFailed(name, status.get().path("connector"));
      for (final JsonNode task : status.get().path("tasks")) {
        failIfFailed(name + " task " + task.path("id").asText(), task);
      }
    }
  }

  /**
   * Restarts the FAILED tasks of connector {@code name} ({@code POST
   * /connectors/<name>/restart?includeTasks=true&onlyFailed=true}), the step an operator takes once
   * the cause is gone; they resume from their last committed offsets.
   *
   * @return the traces of the tasks that were FAILED (empty: nothing restarted)
   */
  public List<String> restartFailedTasks(final String name) {
    final Optional<JsonNode> status = status(name);
    if (status.isEmpty()) {
      return List.of();
    }
    final List<String> traces = new ArrayList<>();
    for (final JsonNode task : status.get().path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        traces.add(task.path("trace").asText("(no trace)"));
      }
    }
    if (!traces.isEmpty()) {
      final HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(
                      uri("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true"))
                  .POST(HttpRequest.BodyPublishers.noBody()));
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "restart of " + name + ": HTTP " + response.statusCode() + " " + response.body());
      }
      LOG.warn("restarted {} FAILED task(s) of {}", traces.size(), name);
    }
    return traces;
  }

  private static void failIfFailed(final String what, final JsonNode state) {
    if ("FAILED".equals(state.path("state").asText())) {
      throw new Await.Abort(what + " FAILED: " + state.path("trace").asText("(no trace)"));
    }
  }

  /** The status document of {@code GET /connectors/<name>/status}, if the connector exists. */
  public Optional<JsonNode> status(final String name) {
    final HttpResponse<String> response = get("/connectors/" + name + "/status");
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "status of " + name + ": HTTP " + response.statusCode() + " " + response.body());
    }
    try {
      return Optional.of(JSON.readTree(response.body()));
    } catch (final IOException e) {
      throw new UncheckedIOException("bad status document for " + name, e);
    }
  }

  private HttpResponse<String> get(final String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (final IOException e) {
      throw new UncheckedIOException("Connect REST call failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling Connect", e);
    }
  }

  private URI uri(final String path) {
    return URI.create(url() + path);
  }

  /** Kills the worker at once, as in a crash. */
  public void kill() {
    process.kill();
  }

  /** Stops the worker gracefully (bounded). */
  @Override
  public void close() {
    if (process.isAlive()) {
      LOG.info("stopping Kafka Connect worker");
      process.stop(STOP_GRACE);
    }
  }
}
