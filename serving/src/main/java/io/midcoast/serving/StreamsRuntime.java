package io.midcoast.serving;

import io.midcoast.topology.StreamsErrorHandlers;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link KafkaStreams} instance: starts it with Midcoast's error handlers and tracks
 * whether its state is live and ready to serve (running, with no store still restoring).
 */
final class StreamsRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

  private final KafkaStreams streams;
  private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

  StreamsRuntime(final Topology topology, final Properties properties) {
    this.streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(StreamsErrorHandlers.uncaught());
    streams.setStateListener(
        (next, previous) -> LOG.info("Kafka Streams state {} -> {}", previous, next));
    streams.setGlobalStateRestoreListener(new RestoreTracker());
  }

  void start() {
    streams.start();
  }

  KafkaStreams streams() {
    return streams;
  }

  KafkaStreams.State state() {
    return streams.state();
  }

  /** False once Kafka Streams has failed or shut down: the process should be restarted. */
  boolean live() {
    final KafkaStreams.State state = streams.state();
    return state != KafkaStreams.State.ERROR
        && state != KafkaStreams.State.PENDING_ERROR
        && state != KafkaStreams.State.NOT_RUNNING
        && state != KafkaStreams.State.PENDING_SHUTDOWN;
  }

  /** True when running with every assigned store restored: queries see the committed state. */
  boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING && restoring.isEmpty();
  }

  /** Partitions whose stores are still restoring from their changelogs. */
  int restoringPartitions() {
    return restoring.size();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
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
