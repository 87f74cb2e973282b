package io.midcoast.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.monitor.TaskHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PipelineHealthTest {

  private static final TopicPartition STORE = new TopicPartition("app-by-property-repartition", 2);
  private static final TopicPartition FEED = new TopicPartition("feeds.reso.property", 0);

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Moving clock = new Moving();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Map<TopicPartition, Long> end = new HashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final TaskHealth tasks = new TaskHealth(clock);

  private final PipelineHealth health =
      new PipelineHealth(
          tasks,
          () -> Set.of(STORE, FEED),
          new PipelineHealth.Offsets() {
            @Override
            public Map<TopicPartition, Long> committed(final Set<TopicPartition> partitions)
                throws Exception {
              if (failure.get() != null) {
                throw failure.get();
              }
              return Map.copyOf(committed);
            }

            @Override
            public Map<TopicPartition, Long> end(final Set<TopicPartition> partitions) {
              return Map.copyOf(end);
            }
          },
          3,
          Duration.ofMinutes(10),
          Duration.ofSeconds(120),
          clock);

  private void after(final int seconds) {
    clock.now = clock.now.plusSeconds(seconds);
    health.check();
  }

  @Test
  void shouldReportAPartitionWhoseCommittedOffsetStandsStillWithRecordsBehindIt() {
    committed.put(STORE, 11_462L);
    end.put(STORE, 16_737L);
    committed.put(FEED, 100L);
    end.put(FEED, 200L);
    health.check();
    assertThat(health.stalled()).isEmpty();

    committed.put(FEED, 150L); // the feed partition moves
    after(60);
    committed.put(FEED, 190L);
    after(61);

    assertThat(health.stalled())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.partition()).isEqualTo(STORE.toString());
              assertThat(p.lag()).isEqualTo(5_275);
              assertThat(p.since()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
            });
    assertThat(health.problem())
        .contains("partition " + STORE + " has not moved", "5275 records behind offset 11462");

    committed.put(STORE, 11_463L); // it moves again
    after(1);
    assertThat(health.stalled()).isEmpty();
    assertThat(health.problem()).isEmpty();
  }

  @Test
  void shouldNotReportAnIdlePartitionNorTheCommitMarkerBehindTheLastRecord() {
    committed.put(STORE, 500L);
    end.put(STORE, 501L); // a transaction marker after the last record
    committed.put(FEED, 200L);
    end.put(FEED, 200L);
    health.check();
    after(600);
    assertThat(health.stalled()).isEmpty();
  }

  @Test
  void shouldKeepTheLastResultWhenOffsetsCannotBeRead() {
    committed.put(STORE, 1L);
    end.put(STORE, 10L);
    health.check();
    after(121);
    assertThat(health.stalled()).hasSize(1);
    failure.set(new IllegalStateException("broker away"));
    after(10);
    assertThat(health.stalled()).hasSize(1);
  }

  @Test
  void shouldReportATaskThatFailedThreeTimesWithinTheWindowOnly() {
    tasks.taskFailed("2_2", "RecordTooLargeException: 1048692 bytes");
    tasks.taskFailed("2_2", "RecordTooLargeException: 1048692 bytes");
    assertThat(health.failingTasks()).isEmpty();
    tasks.taskFailed("2_2", "RecordTooLargeException: 1048692 bytes");
    assertThat(health.problem())
        .isEqualTo(
            "task 2_2 failed 3 times in the last 10 min (last: RecordTooLargeException: 1048692"
                + " bytes)");

    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(health.failingTasks()).isEmpty();
    assertThat(tasks.totals()).containsEntry("2_2", 3L);
  }
}
