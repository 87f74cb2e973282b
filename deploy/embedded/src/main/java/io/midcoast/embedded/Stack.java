package io.midcoast.embedded;

import io.midcoast.connect.SinkConnectors;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole one-machine stack as one object: a KRaft broker, Postgres with the Midcoast schema, the
 * topic catalogue, a Connect worker with every sink ({@code SinkConnectors.all}), and on demand the
 * app. {@link #close()} stops what was started, in order: app, Connect, broker, Postgres.
 *
 * <p>For integration tests, {@code Stack.builder().start()} uses free ports and a temporary data
 * directory that is deleted on close:
 *
 * <pre>{@code
 * try (Stack stack = Stack.builder().start()) {
 *   AppProcess app = stack.startApp();
 *   ... produce to stack.bootstrapServers(), query app.url(), read stack.jdbcUrl() ...
 * }
 * }</pre>
 *
 * <p>Layout of the data directory: {@code kafka/} (broker config, log dirs, {@code broker.log}),
 * {@code postgres/} ({@code data/}, {@code postgres.log}), {@code connect/} ({@code connect.log}),
 * {@code app/} ({@code state/}, {@code app.log}).
 */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);

  /** Default bound on waiting for each sink connector and its tasks to run. */
  public static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(120);

  /** How to build a stack; every port defaults to a free one. */
  public static final class Builder {
    private RepoLayout repo;
    private Path dataDir;
    private boolean deleteDataDirOnClose;
    private int kafkaPort;
    private int controllerPort;
    private int brokers = 1;
    private int postgresPort;
    private int connectPort;
    private int httpPort;
    private boolean postgres = true;
    private boolean connect = true;
    private String connectGroupId = ConnectWorker.DEFAULT_GROUP_ID;
    private String applicationId = AppProcess.DEFAULT_APPLICATION_ID;
    private TopicSettings topicSettings;
    private Collection<Topic<?, ?>> topics = Topics.all();
    private Consumer<String> progress = step -> {};

    private Builder() {}

    /** The repository (default: {@link RepoLayout#detect()}). */
    public Builder repo(final RepoLayout value) {
      this.repo = value;
      return this;
    }

    /** A persistent data directory (default: a temporary one, deleted on close). */
    public Builder dataDir(final Path value) {
      this.dataDir = value;
      return this;
    }

    /** Broker client and controller ports. */
    public Builder kafkaPorts(final int port, final int controller) {
      this.kafkaPort = port;
      this.controllerPort = controller;
      return this;
    }

    /**
     * The number of Kafka nodes (default 1): from 3 on, a {@link KafkaCluster} whose topics get 3
     * replicas and {@code min.insync.replicas} 2; the client port and its successors are used (or
     * free ports if none was set).
     */
    public Builder brokers(final int value) {
      this.brokers = value;
      return this;
    }

    /** Postgres port. */
    public Builder postgresPort(final int value) {
      this.postgresPort = value;
      return this;
    }

    /** Connect REST port. */
    public Builder connectPort(final int value) {
      this.connectPort = value;
      return this;
    }

    /** The app's HTTP port. */
    public Builder httpPort(final int value) {
      this.httpPort = value;
      return this;
    }

    /** Whether to start Postgres (default true); without it there is no Connect either. */
    public Builder withPostgres(final boolean value) {
      this.postgres = value;
      return this;
    }

    /** Whether to start the Connect worker and the sink (default true). */
    public Builder withConnect(final boolean value) {
      this.connect = value;
      return this;
    }

    /** The Connect worker group id (prefix of its internal topics). */
    public Builder connectGroupId(final String value) {
      this.connectGroupId = value;
      return this;
    }

    /** The app's Kafka Streams application id (default {@code midcoast}). */
    public Builder applicationId(final String value) {
      this.applicationId = value;
      return this;
    }

    /** Partitions and replication of the created topics (default: the declared defaults). */
    public Builder topicSettings(final TopicSettings value) {
      this.topicSettings = value;
      return this;
    }

    /** The topics to create (default {@link Topics#all()}). */
    public Builder topics(final Collection<Topic<?, ?>> value) {
      this.topics = List.copyOf(value);
      return this;
    }

    /** Called with a short description after each part has started (for progress output). */
    public Builder progress(final Consumer<String> value) {
      this.progress = value;
      return this;
    }

    /** Starts the stack (bounded waits); on failure stops whatever had started. */
    public Stack start() {
      return create().start();
    }

    /**
     * The stack, not started yet: lets a caller register a shutdown hook that {@link #close()}s it
     * before {@link Stack#start()} is called.
     */
    public Stack create() {
      final RepoLayout layout = repo != null ? repo : RepoLayout.detect();
      final Path dir;
      try {
        if (dataDir == null) {
          dir = Files.createTempDirectory("midcoast-stack-");
          deleteDataDirOnClose = true;
        } else {
          dir = Files.createDirectories(dataDir);
        }
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot create the data directory", e);
      }
      return new Stack(this, layout, dir);
    }
  }

  private final Builder settings;
  private final RepoLayout repo;
  private final Path dataDir;
  private final int httpPort;
  private volatile boolean closed;
  private volatile KafkaCluster kafka;
  private volatile EmbeddedPostgresServer postgres;
  private volatile ConnectWorker connect;
  private volatile AppProcess app;

  private Stack(final Builder settings, final RepoLayout repo, final Path dataDir) {
    this.settings = settings;
    this.repo = repo;
    this.dataDir = dataDir;
    this.httpPort = orFree(settings.httpPort);
  }

  /** A builder with free ports and a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** Topic settings from defaults only (no environment): 3 partitions, replication 1. */
  public static TopicSettings defaultTopicSettings() {
    return TopicSettings.from(ConfigSource.of(new Properties(), Map.of()));
  }

  /** Starts the parts (bounded waits); on failure stops whatever had started and rethrows. */
  public Stack start() {
    try {
      startParts();
      return this;
    } catch (final RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the stack was stopped while starting");
    }
  }

  private void startParts() {
    requireOpen();
    if (settings.brokers == 1) {
      kafka =
          KafkaCluster.single(
              dataDir.resolve("kafka"),
              orFree(settings.kafkaPort),
              orFree(settings.controllerPort));
      settings.progress.accept("Kafka broker on " + kafka.bootstrapServers());
    } else {
      kafka = KafkaCluster.start(dataDir.resolve("kafka"), settings.brokers, settings.kafkaPort);
      settings.progress.accept(
          "Kafka cluster of " + settings.brokers + " nodes on " + kafka.bootstrapServers());
    }
    requireOpen();
    if (settings.postgres) {
      postgres =
          EmbeddedPostgresServer.start(dataDir.resolve("postgres"), orFree(settings.postgresPort));
      postgres.migrate();
      settings.progress.accept("Postgres + schema on port " + postgres.port());
    }
    requireOpen();
    TopicInstaller.install(kafka.bootstrapServers(), settings.topics, topicSettings());
    settings.progress.accept("topics");
    requireOpen();
    if (settings.connect && postgres != null) {
      connect =
          ConnectWorker.start(
              dataDir.resolve("connect"),
              kafka.bootstrapServers(),
              orFree(settings.connectPort),
              settings.connectGroupId,
              repo.connectPluginDir(),
              kafka.replicationFactor());
      final List<Map<String, String>> sinks =
          SinkConnectors.all(postgres.jdbcUrl(), postgres.user(), postgres.password());
      for (final Map<String, String> sink : sinks) {
        connect.putConnector(sink.get("name"), sink);
      }
      for (final Map<String, String> sink : sinks) {
        connect.awaitRunning(sink.get("name"), CONNECTOR_TIMEOUT);
      }
      settings.progress.accept(
          "Kafka Connect + " + sinks.size() + " sinks on port " + connect.port());
    }
  }

  /** The topic settings in use: as set, else the defaults with the cluster's replication. */
  public TopicSettings topicSettings() {
    if (settings.topicSettings != null) {
      return settings.topicSettings;
    }
    final TopicSettings defaults = defaultTopicSettings();
    return new TopicSettings(defaults.partitions(), (short) kafka.replicationFactor());
  }

  private static int orFree(final int port) {
    return port > 0 ? port : Ports.free();
  }

  /** Starts the app with the stack's defaults and waits until it is ready. */
  public AppProcess startApp() {
    return startApp(UnaryOperator.identity());
  }

  /**
   * Starts the app with the stack's default settings adjusted by {@code customize} (e.g. {@code s
   * -> s.withEnvironment("MIDCOAST_...", "...")}) and waits until ready. One app per stack.
   */
  public AppProcess startApp(final UnaryOperator<AppProcess.Settings> customize) {
    if (app != null && app.isAlive()) {
      throw new IllegalStateException("the app is already running at " + app.url());
    }
    final AppProcess.Settings appSettings =
        customize.apply(
            AppProcess.Settings.of(
                repo.servingDir(),
                bootstrapServers(),
                dataDir.resolve("app/state"),
                httpPort,
                settings.applicationId,
                dataDir.resolve("app/app.log")));
    app = AppProcess.start(appSettings, AppProcess.DEFAULT_READY_TIMEOUT);
    return app;
  }

  /** The brokers' bootstrap servers ({@code localhost:<port>}, comma-separated). */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The Postgres JDBC URL of database {@code midcoast}. */
  public String jdbcUrl() {
    return postgres().jdbcUrl();
  }

  /** The Connect REST URL. */
  public String connectUrl() {
    return connect().url();
  }

  /** The app's base URL (whether or not it is running). */
  public String appUrl() {
    return "http://localhost:" + httpPort;
  }

  /** The (first) broker. */
  public KafkaBroker broker() {
    return kafka.node(0);
  }

  /** The Kafka cluster (one node unless {@link Builder#brokers} said otherwise). */
  public KafkaCluster kafka() {
    return kafka;
  }

  /** Postgres; fails if the stack was built without it. */
  public EmbeddedPostgresServer postgres() {
    if (postgres == null) {
      throw new IllegalStateException("this stack runs without Postgres");
    }
    return postgres;
  }

  /** The Connect worker; fails if the stack was built without it. */
  public ConnectWorker connect() {
    if (connect == null) {
      throw new IllegalStateException("this stack runs without Kafka Connect");
    }
    return connect;
  }

  /** The app, once {@link #startApp()} was called. */
  public Optional<AppProcess> app() {
    return Optional.ofNullable(app);
  }

  /**
   * Stops Postgres (fast shutdown), e.g. for an outage; {@link #startPostgres()} brings it back.
   */
  public synchronized void stopPostgres() {
    postgres().close();
  }

  /** Starts Postgres again on its port and data directory (after {@link #stopPostgres()}). */
  public synchronized void startPostgres() {
    final int port = postgres().port();
    Await.until(
        "Postgres port " + port + " released", Duration.ofSeconds(30), () -> Ports.isFree(port));
    postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), port);
  }

  /**
   * Stops the Connect worker gracefully and starts it again on its port and group: the sinks'
   * configurations and offsets are in its topics, so they resume where they stopped.
   */
  public synchronized void restartConnect() {
    final ConnectWorker old = connect();
    final int port = old.port();
    old.close();
    Await.until(
        "Connect port " + port + " released", Duration.ofSeconds(30), () -> Ports.isFree(port));
    connect =
        ConnectWorker.start(
            dataDir.resolve("connect"),
            kafka.bootstrapServers(),
            port,
            settings.connectGroupId,
            repo.connectPluginDir(),
            kafka.replicationFactor());
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The repository layout in use. */
  public RepoLayout repo() {
    return repo;
  }

  /** Stops the app, Connect, the broker and Postgres, in that order; never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly("the app", app);
    quietly("Kafka Connect", connect);
    quietly("Kafka", kafka);
    quietly("Postgres", postgres);
    if (settings.deleteDataDirOnClose) {
      DataDir.deleteRecursively(dataDir);
    }
  }

  private static void quietly(final String what, final AutoCloseable part) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (final Exception e) {
      LOG.warn("cannot stop {} cleanly: {}", what, e.toString());
    }
  }
}
