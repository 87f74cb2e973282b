package io.midcoast.serving.leads;

import io.midcoast.topology.config.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the instances running the lead trainer trains: each joins consumer group {@code
 * <applicationId>-lead-trainer} on {@code topic}, and the member the group assigns partition 0 is
 * the leader. Assignment is cooperative and sticky, so an instance joining does not unseat the
 * leader. The assigned partitions are paused at once, so the consumer fetches nothing; it only
 * keeps the membership alive. A leader that stops leaves the group and another member takes
 * partition 0 at the next rebalance; one that dies loses it after the session timeout.
 *
 * <p>Not thread-safe: {@link #poll} and {@link #close} belong to the trainer's thread; {@link
 * #leader()} may be read anywhere.
 */
final class TrainerElection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerElection.class);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicPartition seat;
  private volatile boolean leader;

  /**
   * @param consumer a consumer with a group id and no subscription yet (closed by {@link #close})
   * @param topic the topic whose partition 0 is the seat
   */
  TrainerElection(final Consumer<byte[], byte[]> consumer, final String topic) {
    this.consumer = consumer;
    this.seat = new TopicPartition(topic, 0);
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
            if (partitions.contains(seat)) {
              elected(false);
            }
          }

          @Override
          public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            if (partitions.contains(seat)) {
              elected(true);
            }
          }

          @Override
          public void onPartitionsLost(final Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
          }
        });
  }

  /** The election of the app: group {@code <applicationId>-lead-trainer} on {@code ml.model}. */
  static TrainerElection create(
      final KafkaSettings kafka, final String applicationId, final String topic) {
    final Map<String, Object> config =
        new HashMap<>(ModelTopic.readerConfig(kafka, applicationId + "-lead-trainer-election"));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-lead-trainer");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // sticky: a joining instance does not take the seat from the current leader
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    return new TrainerElection(new KafkaConsumer<>(config), topic);
  }

  /** Keeps the membership alive and follows rebalances (waits up to {@code timeout}). */
  boolean poll(final Duration timeout) {
    consumer.poll(timeout);
    return leader;
  }

  /** Whether this member holds partition 0 as of its last {@link #poll}. */
  boolean leader() {
    return leader;
  }

  private void elected(final boolean value) {
    if (leader != value) {
      LOG.info(
          value
              ? "this instance now trains the lead models (holds {} of the trainer group)"
              : "this instance no longer trains the lead models (gave up {})",
          seat);
    }
    leader = value;
  }

  /** Leaves the group (another member takes partition 0 at once). */
  @Override
  public void close() {
    leader = false;
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
