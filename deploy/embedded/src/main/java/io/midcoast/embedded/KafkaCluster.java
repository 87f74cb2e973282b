package io.midcoast.embedded;

import io.midcoast.embedded.KafkaBroker.Membership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster on this machine: {@code size} combined broker + controller nodes in child
 * JVMs, with a static controller quorum of every node. Topics created without a replication factor,
 * the offsets and transaction topics get {@code min(size, 3)} replicas and {@code
 * min.insync.replicas} 2 from three replicas on, so one node can be killed without losing an
 * acknowledged write or stopping a transactional producer.
 *
 * <p>Layout: {@code <dir>/node-<id>/} per node (see {@link KafkaBroker}). A node can be killed
 * ({@link #kill(int)}, SIGKILL) and started again on the same ports and log directory ({@link
 * #restart(int)}).
 */
public final class KafkaCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final List<int[]> ports;
  private final List<Membership> members;
  private final KafkaBroker[] nodes;

  private KafkaCluster(final Path dir, final List<int[]> ports, final List<Membership> members) {
    this.dir = dir;
    this.ports = ports;
    this.members = members;
    this.nodes = new KafkaBroker[members.size()];
  }

  /**
   * Starts a cluster and waits (bounded) until every node is registered. A single-node cluster is
   * exactly {@link KafkaBroker#start}: formatted {@code --standalone}, replication 1.
   *
   * @param dir the cluster's directory (a {@code node-<id>} directory per node, kept on close)
   * @param size the number of nodes (1 or more)
   * @param port the first node's client port (0: free ports for every node); node {@code i} uses
   *     {@code port + 2i} and controller port {@code port + 2i + 1}
   */
  public static KafkaCluster start(final Path dir, final int size, final int port) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
    }
    final List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(
          port > 0 ? new int[] {port + 2 * i, port + 2 * i + 1} : new int[] {Ports.free(), 0});
    }
    if (port <= 0) {
      ports.forEach(p -> p[1] = Ports.free());
    }
    final List<Membership> members;
    if (size == 1) {
      members = List.of(Membership.single());
    } else {
      final String clusterId = Uuid.randomUuid().toString();
      final String voters =
          IntStream.range(0, size)
              .mapToObj(i -> (i + 1) + "@localhost:" + ports.get(i)[1])
              .collect(Collectors.joining(","));
      members =
          IntStream.range(0, size)
              .mapToObj(i -> new Membership(i + 1, clusterId, voters, Math.min(size, 3)))
              .toList();
    }
    final KafkaCluster cluster = new KafkaCluster(dir, ports, members);
    try {
      for (int i = 0; i < size; i++) {
        cluster.nodes[i] = cluster.launch(i);
      }
      for (final KafkaBroker node : cluster.nodes) {
        node.awaitStarted(START_TIMEOUT);
      }
    } catch (final RuntimeException e) {
      cluster.killAll();
      throw e;
    }
    LOG.info("Kafka cluster of {} node(s) ready on {}", size, cluster.bootstrapServers());
    return cluster;
  }

  /** A single-node cluster on the given ports: exactly {@link KafkaBroker#start}. */
  public static KafkaCluster single(final Path dir, final int port, final int controllerPort) {
    final KafkaCluster cluster =
        new KafkaCluster(
            dir, List.of(new int[] {port, controllerPort}), List.of(Membership.single()));
    cluster.nodes[0] = KafkaBroker.start(dir, port, controllerPort);
    return cluster;
  }

  private KafkaBroker launch(final int index) {
    final int[] nodePorts = ports.get(index);
    return KafkaBroker.launch(
        nodes.length == 1 ? dir : dir.resolve("node-" + members.get(index).nodeId()),
        nodePorts[0],
        nodePorts[1],
        members.get(index));
  }

  /** Every node's {@code localhost:<port>}, comma-separated, for clients. */
  public String bootstrapServers() {
    return ports.stream().map(p -> "localhost:" + p[0]).collect(Collectors.joining(","));
  }

  /** The number of nodes. */
  public int size() {
    return nodes.length;
  }

  /** Node {@code index} (0-based; its node id is {@code index + 1}). */
  public KafkaBroker node(final int index) {
    return nodes[index];
  }

  /** Replication factor of topics on this cluster: {@code min(size, 3)}. */
  public int replicationFactor() {
    return members.get(0).replicationFactor();
  }

  /** Kills node {@code index} at once (SIGKILL, no controlled shutdown), as in a crash. */
  public void kill(final int index) {
    LOG.info("killing Kafka node {}", members.get(index).nodeId());
    nodes[index].kill();
  }

  /**
   * Starts node {@code index} again on its ports and log directory (after {@link #kill}; stops it
   * first if it still runs) and waits until it is registered again.
   */
  public void restart(final int index) {
    nodes[index].close();
    final int[] nodePorts = ports.get(index);
    Await.until(
        "ports of Kafka node " + members.get(index).nodeId() + " released",
        PORT_RELEASE_TIMEOUT,
        () -> Ports.isFree(nodePorts[0]) && Ports.isFree(nodePorts[1]));
    nodes[index] = launch(index);
    nodes[index].awaitStarted(START_TIMEOUT);
  }

  private void killAll() {
    for (final KafkaBroker node : nodes) {
      if (node != null) {
        node.kill();
      }
    }
  }

  /** Stops every node gracefully (bounded), the last one first. */
  @Override
  public void close() {
    for (int i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i] != null) {
        nodes[i].close();
      }
    }
  }
}
