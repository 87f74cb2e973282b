package io.midcoast.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A real KRaft Kafka node (combined broker + controller) in a child JVM, as {@code kafka-storage.sh
 * format} and {@code kafka-server-start.sh} would run it: a single node (formatted {@code
 * --standalone}, replication 1), or one {@link Membership member} of a static three-node quorum
 * ({@link KafkaCluster}).
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

  /**
   * How a node belongs to its cluster.
   *
   * @param nodeId the node id ({@code node.id})
   * @param clusterId the cluster id every member is formatted with; null for a single node (a
   *     random one)
   * @param quorumVoters the static {@code controller.quorum.voters} ({@code
   *     1@localhost:9093,2@...}); null for a single node, which bootstraps from its own controller
   * @param replicationFactor replication of the internal topics (offsets, transactions) and of
   *     topics created without one; {@code min.insync.replicas} is 2 from three replicas on
   */
  public record Membership(
      int nodeId, String clusterId, String quorumVoters, int replicationFactor) {

    /** A single node: id 1, its own quorum, replication 1. */
    public static Membership single() {
      return new Membership(1, null, null, 1);
    }

    boolean isSingle() {
      return quorumVoters == null;
    }

    int minInsyncReplicas() {
      return replicationFactor >= 3 ? 2 : 1;
    }
  }

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final Membership membership;
  private final ChildJvm process;

  private KafkaBroker(
      final Path dir,
      final int port,
      final int controllerPort,
      final Membership membership,
      final ChildJvm process) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.membership = membership;
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
    final KafkaBroker broker = launch(dir, port, controllerPort, Membership.single());
    broker.awaitStarted(START_TIMEOUT);
    return broker;
  }

  /**
   * Formats the log directory if needed and starts the node without waiting: a member of a quorum
   * cannot answer before a majority of the controllers runs, so {@link KafkaCluster} launches every
   * member first and then waits for each ({@link #awaitStarted}).
   */
  static KafkaBroker launch(
      final Path dir, final int port, final int controllerPort, final Membership membership) {
    Ports.requireFree(port, "the Kafka broker");
    Ports.requireFree(controllerPort, "the Kafka controller");
    final Path serverProperties = dir.resolve("server.properties");
    final Path logDir = dir.resolve("data");
    final Path logFile = dir.resolve("broker.log");
    try {
      Files.createDirectories(logDir);
      Files.writeString(
          serverProperties, serverProperties(port, controllerPort, logDir, membership));
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
      final String clusterId =
          membership.clusterId() != null ? membership.clusterId() : Uuid.randomUuid().toString();
      LOG.info("formatting KRaft log directory {} (cluster id {})", logDir, clusterId);
      final List<String> format =
          new ArrayList<>(
              List.of(
                  "format",
                  "--config",
                  serverProperties.toAbsolutePath().toString(),
                  "--cluster-id",
                  clusterId));
      if (membership.isSingle()) {
        format.add("--standalone");
      }
      ChildJvm.run(
          "kafka-storage format",
          ChildJvm.currentClasspath(),
          "kafka.tools.StorageTool",
          jvmOptions,
          format,
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
    return new KafkaBroker(dir, port, controllerPort, membership, process);
  }

  /**
   * Waits (bounded) until this node is registered with the cluster; kills it and fails with the
   * tail of its log if it does not get there.
   */
  void awaitStarted(final Duration timeout) {
    try {
      awaitReady(timeout);
    } catch (final RuntimeException e) {
      process.kill();
      throw new IllegalStateException(
          "Kafka broker "
              + membership.nodeId()
              + " did not start: "
              + e.getMessage()
              + System.lineSeparator()
              + "last lines of "
              + process.logFile()
              + ":"
              + System.lineSeparator()
              + process.tail(40),
          e);
    }
    LOG.info(
        "Kafka broker {} ready on {} (pid {})",
        membership.nodeId(),
        bootstrapServers(),
        process.pid());
  }

  static String serverProperties(final int port, final int controllerPort, final Path logDir) {
    return serverProperties(port, controllerPort, logDir, Membership.single());
  }

  static String serverProperties(
      final int port, final int controllerPort, final Path logDir, final Membership membership) {
    final String plaintext = "PLAINTEXT://localhost:" + port;
    final String controller = "CONTROLLER://localhost:" + controllerPort;
    final int replication = membership.replicationFactor();
    final int minInsync = membership.minInsyncReplicas();
    return String.join(
            System.lineSeparator(),
            "# written by io.midcoast.embedded.KafkaBroker on every start",
            "process.roles=broker,controller",
            "node.id=" + membership.nodeId(),
            membership.isSingle()
                ? "controller.quorum.bootstrap.servers=localhost:" + controllerPort
                : "controller.quorum.voters=" + membership.quorumVoters(),
            "listeners=" + plaintext + "," + controller,
            "advertised.listeners=" + plaintext + "," + controller,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + logDir.toAbsolutePath(),
            "auto.create.topics.enable=false",
            "num.partitions=1",
            "default.replication.factor=" + replication,
            "min.insync.replicas=" + minInsync,
            "offsets.topic.replication.factor=" + replication,
            "offsets.topic.num.partitions=10",
            "transaction.state.log.replication.factor=" + replication,
            "transaction.state.log.min.isr=" + minInsync,
            "transaction.state.log.num.partitions=10",
            "share.coordinator.state.topic.replication.factor=" + replication,
            "share.coordinator.state.topic.min.isr=" + minInsync,
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
            return admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                .nodes()
                .get(3, TimeUnit.SECONDS)
                .stream()
                .anyMatch(node -> node.id() == membership.nodeId());
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

  /** This node's id and cluster. */
  public Membership membership() {
    return membership;
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
