package io.midcoast.serving.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TrainerElectionTest {

  private static final String TOPIC = "ml.model";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  private final TrainerElection election = new TrainerElection(consumer, TOPIC);

  TrainerElectionTest() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
  }

  @Test
  void shouldLeadWhileHoldingPartitionZeroOnly() {
    assertThat(election.leader()).as("before any assignment").isFalse();

    consumer.rebalance(List.of(P1, P2));
    assertThat(election.poll(Duration.ZERO)).isFalse();

    consumer.rebalance(List.of(P0, P2));
    assertThat(election.poll(Duration.ZERO)).isTrue();
    assertThat(election.leader()).isTrue();

    consumer.rebalance(List.of(P1));
    assertThat(election.leader()).as("partition 0 went to another member").isFalse();
  }

  @Test
  void shouldPauseWhatItIsAssignedSoItFetchesNothing() {
    consumer.rebalance(List.of(P0, P1));
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void shouldStopLeadingWhenClosed() {
    consumer.rebalance(List.of(P0));
    assertThat(election.leader()).isTrue();
    election.close();
    assertThat(election.leader()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }
}
