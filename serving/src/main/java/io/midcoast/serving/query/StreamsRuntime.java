package io.midcoast.serving.query;

import io.midcoast.topology.deadletter.StreamsErrorHandlers;
import io.midcoast.topology.monitor.TaskHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link KafkaStreams} instance: starts it with Midcoast's error handlers and tracks
 * whether its state is live and ready to serve (running, with no store still restoring).
 */
public final class StreamsRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

  private final KafkaStreams streams;
  private final Map<String, Set<Integer>> storeSubtopologies;
  private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();
  private final TaskHealth health;
  private final GlobalStateGuard globalState;

  /**
   * @param topology the topology
   * @param properties the Streams configuration; its {@link TaskHealth} (under {@link
   *     TaskHealth#CONFIG}, as {@code KafkaSettings} puts it) records task failures
   */
  public StreamsRuntime(final Topology topology, final Properties properties) {
    this.storeSubtopologies = storeSubtopologies(topology.describe());
    this.health =
        properties.get(TaskHealth.CONFIG) instanceof TaskHealth shared ? shared : new TaskHealth();
    this.globalState =
        new GlobalStateGuard(
            Path.of(
                properties.getProperty(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString())),
            properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    globalState.starting();
    this.streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(StreamsErrorHandlers.uncaught(health));
    streams.setStateListener(
        (next, previous) -> LOG.info("Kafka Streams state {} -> {}", previous, next));
    streams.setGlobalStateRestoreListener(new RestoreTracker());
  }

  public void start() {
    streams.start();
  }

  /** The task failures the error handlers record. */
  public TaskHealth health() {
    return health;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** False once Kafka Streams has failed or shut down: the process should be restarted. */
  public boolean live() {
    final KafkaStreams.State state = streams.state();
    return state != KafkaStreams.State.ERROR
        && state != KafkaStreams.State.PENDING_ERROR
        && state != KafkaStreams.State.NOT_RUNNING
        && state != KafkaStreams.State.PENDING_SHUTDOWN;
  }

  /** True when running with every assigned store restored: queries see the committed state. */
  public boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING && restoring.isEmpty();
  }

  /** Partitions whose stores are still restoring from their changelogs. */
  public int restoringPartitions() {
    return restoring.size();
  }

  /**
   * The partitions of {@code store} whose active task runs on this instance: the partitions of this
   * instance's active tasks of the sub-topology holding the store. (A task of another sub-topology
   * may have a partition number whose task of this store runs elsewhere.)
   */
  Set<Integer> localActivePartitions(final String store) {
    final Set<Integer> subtopologies = storeSubtopologies.get(store);
    if (subtopologies == null) {
      throw new IllegalArgumentException("no sub-topology holds store " + store);
    }
    final Set<Integer> partitions = new TreeSet<>();
    streams
        .metadataForLocalThreads()
        .forEach(
            thread ->
                thread.activeTasks().stream()
                    .filter(task -> subtopologies.contains(task.taskId().subtopology()))
                    .forEach(task -> partitions.add(task.taskId().partition())));
    return partitions;
  }

  /** The input partitions (source and repartition topics) of this instance's active tasks. */
  public Set<TopicPartition> localInputPartitions() {
    final Set<TopicPartition> partitions = new HashSet<>();
    streams
        .metadataForLocalThreads()
        .forEach(
            thread -> thread.activeTasks().forEach(t -> partitions.addAll(t.topicPartitions())));
    return partitions;
  }

  /** Store name → ids of the sub-topologies whose processors use it (global stores excluded). */
  static Map<String, Set<Integer>> storeSubtopologies(final TopologyDescription description) {
    final Map<String, Set<Integer>> out = new HashMap<>();
    for (final TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      for (final TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          for (final String store : processor.stores()) {
            out.computeIfAbsent(store, s -> new HashSet<>()).add(subtopology.id());
          }
        }
      }
    }
    return Map.copyOf(out);
  }

  /**
   * Closes Kafka Streams and leaves the consumer group, so the remaining instances take this one's
   * partitions at once instead of after the session timeout.
   */
  @Override
  public void close() {
    final boolean closed =
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    if (closed && streams.state() == KafkaStreams.State.NOT_RUNNING) {
      globalState.stoppedCleanly();
    }
  }

  private final class RestoreTracker implements StateRestoreListener {

    @Override
    public void onRestoreStart(
        final TopicPartition partition,
        final String storeName,
        final long startingOffset,
        final long endingOffset) {
      restoring.add(partition);
      LOG.info(
          "restoring {} from {} offsets {}..{}",
          storeName,
          partition,
          startingOffset,
          endingOffset);
    }

    @Override
    public void onBatchRestored(
        final TopicPartition partition,
        final String storeName,
        final long batchEndOffset,
        final long numRestored) {}

    @Override
    public void onRestoreEnd(
        final TopicPartition partition, final String storeName, final long totalRestored) {
      restoring.remove(partition);
      LOG.info("restored {} from {}: {} records", storeName, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(
        final TopicPartition partition, final String storeName, final long totalRestored) {
      restoring.remove(partition);
    }
  }
}
