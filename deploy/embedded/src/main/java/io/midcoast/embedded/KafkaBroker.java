package io.midcoast.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) in a child JVM, as {@code
 * kafka-storage.sh format --standalone} and {@code kafka-server-start.sh} would run it.
 *
 * <p>Layout under {@code dir}: {@code server.properties}, {@code log4j2.xml}, {@code data/} (the
 * log directory, formatted once and kept across restarts) and {@code broker.log} (all output).
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

  /** Default client port. */
  public static final int DEFAULT_PORT = 9092;

  /** Default controller port. */
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final List<String> HEAP = List.of("-Xms128m", "-Xmx512m");

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final ChildJvm process;

  private KafkaBroker(
      final Path dir, final int port, final int controllerPort, final ChildJvm process) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.process = process;
  }

  /**
   * Formats the log directory if needed, starts the broker and waits until it answers (bounded).
   *
   * @param dir the broker's directory (created if absent; data kept across restarts)
   * @param port the PLAINTEXT client port on localhost
   * @param controllerPort the CONTROLLER port on localhost
   * @throws IllegalStateException with the tail of the broker log if it fails to start
   */
  public static KafkaBroker start(final Path dir, final int port, final int controllerPort) {
    Ports.requireFree(port, "the Kafka broker");
    Ports.requireFree(controllerPort, "the Kafka controller");
    final Path serverProperties = dir.resolve("server.properties");
    final Path logDir = dir.resolve("data");
    final Path logFile = dir.resolve("broker.log");
    try {
      Files.createDirectories(logDir);
      Files.writeString(serverProperties, serverProperties(port, controllerPort, logDir));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare broker directory " + dir, e);
    }
    final Path log4j = ChildJvm.copyResource("child-log4j2.xml", dir.resolve("log4j2.xml"));
    final List<String> jvmOptions =
        List.of(
            HEAP.get(0),
            HEAP.get(1),
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
            "-Dkafka.logs.dir=" + dir.toAbsolutePath());
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      final String clusterId = Uuid.randomUuid().toString();
      LOG.info("formatting KRaft log directory {} (cluster id {})", logDir, clusterId);
      ChildJvm.run(
          "kafka-storage format",
          ChildJvm.currentClasspath(),
          "kafka.tools.StorageTool",
          jvmOptions,
          List.of(
              "format",
              "--config",
              serverProperties.toAbsolutePath().toString(),
              "--cluster-id",
              clusterId,
              "--standalone"),
          logFile,
          Duration.ofSeconds(60));
    }
    final ChildJvm process =
        ChildJvm.start(
            "broker",
            ChildJvm.currentClasspath(),
            "kafka.Kafka",
            jvmOptions,
            List.of(serverProperties.toAbsolutePath().toString()),
            Map.of(),
            logFile);
    final KafkaBroker broker = new KafkaBroker(dir, port, controllerPort, process);
    try {
      broker.awaitReady(START_TIMEOUT);
    } catch (final RuntimeException e) {
      process.kill();
      throw new IllegalStateException(
          "Kafka broker did not start: "
              + e.getMessage()
              + System.lineSeparator()
              + "last lines of "
              + logFile
              + ":"
              + System.lineSeparator()
              + process.tail(40),
          e);
    }
    LOG.info("Kafka broker ready on {} (pid {})", broker.bootstrapServers(), process.pid());
    return broker;
  }

  static String serverProperties(final int port, final int controllerPort, final Path logDir) {
    final String plaintext = "PLAINTEXT://localhost:" + port;
    final String controller = "CONTROLLER://localhost:" + controllerPort;
    return String.join(
            System.lineSeparator(),
            "# written by io.midcoast.embedded.KafkaBroker on every start",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
            "listeners=" + plaintext + "," + controller,
            "advertised.listeners=" + plaintext + "," + controller,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + logDir.toAbsolutePath(),
            "auto.create.topics.enable=false",
            "num.partitions=1",
            "default.replication.factor=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=10",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=10",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "# demo data carries event timestamps from 2006-2010: never delete by age",
            "log.retention.ms=-1",
            "# ... and lead events months apart: a segment rolls when its records' timestamps span",
            "# more than log.roll.ms (7 days by default), i.e. on nearly every append here; Streams'",
            "# purge of repartition topics then deletes the segments holding the transactional",
            "# producer's state and its next batch fails with OUT_OF_ORDER_SEQUENCE_NUMBER (seen in",
            "# LeadLoopIT): roll by size only",
            "log.roll.ms=3153600000000",
            "num.network.threads=2",
            "num.io.threads=4",
            "")
        .replace("\\", "\\\\");
  }

  private void awaitReady(final Duration timeout) {
    try (Admin admin = Admin.create(adminConfig(bootstrapServers()))) {
      Await.until(
          "Kafka broker on " + bootstrapServers(),
          timeout,
          () -> {
            process.requireAlive();
            return !admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                .nodes()
                .get(3, TimeUnit.SECONDS)
                .isEmpty();
          });
    }
  }

  /** Admin client settings for a short-lived client of this stack. */
  static Map<String, Object> adminConfig(final String bootstrapServers) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
  }

  /** {@code localhost:<port>}, for clients. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** The client port. */
  public int port() {
    return port;
  }

  /** The controller port. */
  public int controllerPort() {
    return controllerPort;
  }

  /** The broker's directory. */
  public Path dir() {
    return dir;
  }

  /** The broker log (stdout and stderr of the child JVM). */
  public Path logFile() {
    return process.logFile();
  }

  /** Whether the broker process is running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The broker log's last lines, for failure messages. */
  public Optional<String> tail(final int lines) {
    return Optional.of(process.tail(lines)).filter(s -> !s.isEmpty());
  }

  /** Kills the broker at once (no controlled shutdown), as in a crash. */
  public void kill() {
    process.kill();
  }

  /** Stops the broker gracefully (controlled shutdown, bounded). */
  @Override
  public void close() {
    if (process.isAlive()) {
      LOG.info("stopping Kafka broker");
      process.stop(STOP_GRACE);
    }
  }
}
