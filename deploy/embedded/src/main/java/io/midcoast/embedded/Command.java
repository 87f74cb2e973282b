package io.midcoast.embedded;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A parsed {@code ./midcoast} command line. */
public sealed interface Command {

  /** Usage text. */
  String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: midcoast <command> [options]",
          "",
          "  dev   start the whole stack on this machine: Kafka broker, Postgres, Kafka Connect,",
          "        the app, and (once per data directory) the Ames demo feed; Ctrl-C stops it",
          "        --clean              wipe the data directory first",
          "        --data-dir DIR       state directory (default <repo>/.midcoast)",
          "        --no-feed            do not publish the demo feed",
          "        --kafka-port N       broker port (default 9092; controller on --controller-port,"
              + " default 9093)",
          "        --postgres-port N    Postgres port (default 15432)",
          "        --connect-port N     Kafka Connect REST port (default 8083)",
          "        --http-port N        app HTTP port (default 8080)",
          "  run   start only the app against an existing Kafka cluster (creates missing topics)",
          "        --bootstrap-servers HOST:PORT   (required)",
          "        --postgres-url JDBC_URL         migrate this database's schema first",
          "        --postgres-user U / --postgres-password P   (default midcoast / midcoast)",
          "        --data-dir DIR  --http-port N  --application-id ID (default midcoast)",
          "  feed  publish the Ames demo feed again (a replay: results must not change)",
          "        --bootstrap-servers HOST:PORT   (default: the dev stack of --data-dir)",
          "        --data-dir DIR",
          "  train-leads [--config FILE]  train a lead model once on leads.example and publish it to",
          "        ml.model (champion if there is none, else challenger); Kafka from",
          "        MIDCOAST_KAFKA_BOOTSTRAP_SERVERS (default localhost:9092)",
          "  verify-faults  the fault harness (docs/reliability.md): a feed with a known truth",
          "        through 3 Kafka nodes, 2 instances, Connect and Postgres while instances and a",
          "        broker are killed, Postgres is stopped and Connect restarted; then every table,",
          "        property.state and ingest.dlq is compared with the truth (exit 1 unless exact)",
          "        --houses N (50000)  --leads N (20000)  --rate MSG_PER_S (4000)  --seed S",
          "        --instances N (2)  --instance-kills N (10)  --broker-kills N (1)",
          "        --postgres-down-s S (60)  --connect-restarts N (1)  --pause-s S (10)",
          "        --drain-timeout-min M (150)",
          "  console-producer --topic T   Kafka's console producer on the dev broker (one line = one record)",
          "  console-consumer --topic T   Kafka's console consumer on the dev broker",
          "  help  this text");

  /**
   * {@code dev}.
   *
   * @param dataDir the data directory, default {@code <repo>/.midcoast}
   */
  record Dev(
      boolean clean,
      Optional<Path> dataDir,
      boolean feed,
      int kafkaPort,
      int controllerPort,
      int postgresPort,
      int connectPort,
      int httpPort)
      implements Command {}

  /** {@code run}. */
  record Run(
      String bootstrapServers,
      Optional<String> postgresUrl,
      String postgresUser,
      String postgresPassword,
      Optional<Path> dataDir,
      int httpPort,
      String applicationId)
      implements Command {}

  /** {@code feed}. */
  record Feed(Optional<String> bootstrapServers, Optional<Path> dataDir) implements Command {}

  /** {@code help} (also for no arguments). */
  record Help() implements Command {}

  /** A command line that cannot be parsed; the message says why. */
  final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error with its reason. */
    public UsageException(final String message) {
      super(message);
    }
  }

  /** Parses {@code args}. */
  static Command parse(final List<String> args) {
    final Deque<String> rest = new ArrayDeque<>(args);
    if (rest.isEmpty()) {
      return new Help();
    }
    final String name = rest.removeFirst();
    return switch (name) {
      case "dev" -> parseDev(rest);
      case "run" -> parseRun(rest);
      case "feed" -> parseFeed(rest);
      case "help", "-h", "--help" -> new Help();
      default -> throw new UsageException("unknown command '" + name + "'");
    };
  }

  private static Command parseDev(final Deque<String> rest) {
    boolean clean = false;
    Optional<Path> dataDir = Optional.empty();
    boolean feed = true;
    int kafkaPort = KafkaBroker.DEFAULT_PORT;
    int controllerPort = KafkaBroker.DEFAULT_CONTROLLER_PORT;
    int postgresPort = EmbeddedPostgresServer.DEFAULT_PORT;
    int connectPort = ConnectWorker.DEFAULT_PORT;
    int httpPort = AppProcess.DEFAULT_HTTP_PORT;
    while (!rest.isEmpty()) {
      final String option = rest.removeFirst();
      switch (option) {
        case "--clean" -> clean = true;
        case "--no-feed" -> feed = false;
        case "--data-dir" -> dataDir = Optional.of(Path.of(value(option, rest)));
        case "--kafka-port" -> kafkaPort = port(option, rest);
        case "--controller-port" -> controllerPort = port(option, rest);
        case "--postgres-port" -> postgresPort = port(option, rest);
        case "--connect-port" -> connectPort = port(option, rest);
        case "--http-port" -> httpPort = port(option, rest);
        default -> throw unknown("dev", option);
      }
    }
    return new Dev(
        clean, dataDir, feed, kafkaPort, controllerPort, postgresPort, connectPort, httpPort);
  }

  private static Command parseRun(final Deque<String> rest) {
    Optional<String> bootstrap = Optional.empty();
    Optional<String> postgresUrl = Optional.empty();
    String user = EmbeddedPostgresServer.USER;
    String password = EmbeddedPostgresServer.PASSWORD;
    Optional<Path> dataDir = Optional.empty();
    int httpPort = AppProcess.DEFAULT_HTTP_PORT;
    String applicationId = AppProcess.DEFAULT_APPLICATION_ID;
    while (!rest.isEmpty()) {
      final String option = rest.removeFirst();
      switch (option) {
        case "--bootstrap-servers" -> bootstrap = Optional.of(value(option, rest));
        case "--postgres-url" -> postgresUrl = Optional.of(value(option, rest));
        case "--postgres-user" -> user = value(option, rest);
        case "--postgres-password" -> password = value(option, rest);
        case "--data-dir" -> dataDir = Optional.of(Path.of(value(option, rest)));
        case "--http-port" -> httpPort = port(option, rest);
        case "--application-id" -> applicationId = value(option, rest);
        default -> throw unknown("run", option);
      }
    }
    return new Run(
        bootstrap.orElseThrow(() -> new UsageException("run needs --bootstrap-servers HOST:PORT")),
        postgresUrl,
        user,
        password,
        dataDir,
        httpPort,
        applicationId);
  }

  private static Command parseFeed(final Deque<String> rest) {
    Optional<String> bootstrap = Optional.empty();
    Optional<Path> dataDir = Optional.empty();
    while (!rest.isEmpty()) {
      final String option = rest.removeFirst();
      switch (option) {
        case "--bootstrap-servers" -> bootstrap = Optional.of(value(option, rest));
        case "--data-dir" -> dataDir = Optional.of(Path.of(value(option, rest)));
        default -> throw unknown("feed", option);
      }
    }
    return new Feed(bootstrap, dataDir);
  }

  private static String value(final String option, final Deque<String> rest) {
    final String value = rest.pollFirst();
    if (value == null || value.startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return value;
  }

  private static int port(final String option, final Deque<String> rest) {
    final String value = value(option, rest);
    try {
      final int port = Integer.parseInt(value);
      if (port < 1 || port > 65_535) {
        throw new UsageException(option + " must be a port number (1-65535), not " + value);
      }
      return port;
    } catch (final NumberFormatException e) {
      throw new UsageException(option + " must be a port number (1-65535), not " + value);
    }
  }

  private static UsageException unknown(final String command, final String option) {
    return new UsageException("unknown option '" + option + "' for " + command);
  }
}
