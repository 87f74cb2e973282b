package io.midcoast.serving.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.midcoast.topology.monitor.TaskHealth;
import io.midcoast.topology.monitor.TaskHealth.FailingTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance's share of the pipeline is moving: the tasks that keep failing (from {@link
 * TaskHealth}) and the stalled partitions — an input partition of one of this instance's active
 * tasks whose committed offset has not moved for {@code stallAfter} while records wait behind it.
 * Readiness fails on either, naming the task or partition and the cause.
 *
 * <p>{@link #check()} reads the committed and end offsets (read-committed, so transaction markers
 * do not count as records) of the local active partitions; the application calls it periodically. A
 * lag of one record is not counted as waiting: under exactly-once the last offset of a partition
 * written transactionally is a commit marker the consumer's committed position may stop before.
 */
public final class PipelineHealth {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineHealth.class);

  /**
   * An input partition that is not moving.
   *
   * @param partition topic-partition
   * @param committed the committed offset that has not moved
   * @param end the end offset (read-committed)
   * @param since when the committed offset was first seen at this value
   */
  public record StalledPartition(String partition, long committed, long end, Instant since) {

    /** Records waiting behind the committed offset. */
    @JsonProperty("lag")
    public long lag() {
      return end - committed;
    }
  }

  /** Reads committed and end offsets (the real one asks the cluster through an {@link Admin}). */
  public interface Offsets {

    /** Committed offsets of the application's consumer group for {@code partitions}. */
    Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) throws Exception;

    /** Read-committed end offsets of {@code partitions}. */
    Map<TopicPartition, Long> end(Set<TopicPartition> partitions) throws Exception;

    /** Offsets read through {@code admin} for consumer group {@code groupId}. */
    static Offsets of(final Admin admin, final String groupId, final Duration timeout) {
      return new Offsets() {
        @Override
        public Map<TopicPartition, Long> committed(final Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
          final Map<TopicPartition, OffsetAndMetadata> offsets =
              admin
                  .listConsumerGroupOffsets(groupId)
                  .partitionsToOffsetAndMetadata()
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          final Map<TopicPartition, Long> out = new HashMap<>();
          offsets.forEach(
              (partition, offset) -> {
                if (offset != null && partitions.contains(partition)) {
                  out.put(partition, offset.offset());
                }
              });
          return out;
        }

        @Override
        public Map<TopicPartition, Long> end(final Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
          final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
          final Map<TopicPartition, Long> out = new HashMap<>();
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .forEach((partition, info) -> out.put(partition, info.offset()));
          return out;
        }
      };
    }
  }

  private record Seen(long committed, Instant since) {}

  private final TaskHealth tasks;
  private final Supplier<Set<TopicPartition>> localPartitions;
  private final Offsets offsets;
  private final int failureThreshold;
  private final Duration failureWindow;
  private final Duration stallAfter;
  private final Clock clock;
  private final Map<TopicPartition, Seen> seen = new HashMap<>();
  private volatile List<StalledPartition> stalled = List.of();

  /**
   * @param tasks the task failures the error handlers record
   * @param localPartitions the input partitions of this instance's active tasks
   * @param offsets where committed and end offsets are read
   * @param failureThreshold failures within {@code failureWindow} that make a task failing
   * @param failureWindow how far back task failures count
   * @param stallAfter how long a committed offset may stand still with records behind it
   * @param clock the clock
   */
  public PipelineHealth(
      final TaskHealth tasks,
      final Supplier<Set<TopicPartition>> localPartitions,
      final Offsets offsets,
      final int failureThreshold,
      final Duration failureWindow,
      final Duration stallAfter,
      final Clock clock) {
    this.tasks = tasks;
    this.localPartitions = localPartitions;
    this.offsets = offsets;
    this.failureThreshold = failureThreshold;
    this.failureWindow = failureWindow;
    this.stallAfter = stallAfter;
    this.clock = clock;
  }

  /** Reads the offsets of the local active partitions once and updates the stalled ones. */
  public synchronized void check() {
    final Set<TopicPartition> partitions = localPartitions.get();
    final Map<TopicPartition, Long> committed;
    final Map<TopicPartition, Long> end;
    try {
      committed = offsets.committed(partitions);
      end = offsets.end(partitions);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (final Exception e) {
      LOG.warn("cannot read offsets for the stalled-partition check; keeping the last result", e);
      return;
    }
    final Instant now = clock.instant();
    seen.keySet().retainAll(partitions);
    final List<StalledPartition> out = new ArrayList<>();
    for (final TopicPartition partition : partitions) {
      final Long at = committed.get(partition);
      final Long last = end.get(partition);
      if (at == null || last == null) {
        continue; // nothing committed yet: a new task, not a stalled one
      }
      final Seen previous = seen.get(partition);
      final Seen current =
          previous != null && previous.committed() == at ? previous : new Seen(at, now);
      seen.put(partition, current);
      final boolean waiting = last - at > 1;
      if (waiting && !now.isBefore(current.since().plus(stallAfter))) {
        out.add(new StalledPartition(partition.toString(), at, last, current.since()));
      }
    }
    out.sort((a, b) -> a.partition().compareTo(b.partition()));
    if (!out.isEmpty() && !out.equals(stalled)) {
      LOG.error("stalled partitions (committed offset not moving with records behind): {}", out);
    }
    stalled = List.copyOf(out);
  }

  /** The stalled partitions as of the last {@link #check()}. */
  public List<StalledPartition> stalled() {
    return stalled;
  }

  /** The tasks that failed at least the threshold times within the window. */
  public List<FailingTask> failingTasks() {
    return tasks.failing(failureThreshold, failureWindow);
  }

  /**
   * Why this instance's pipeline is unhealthy, in one sentence naming the tasks and partitions;
   * empty when healthy.
   */
  public String problem() {
    final List<String> parts = new ArrayList<>();
    for (final FailingTask task : failingTasks()) {
      parts.add(
          "task "
              + task.task()
              + " failed "
              + task.failures()
              + " times in the last "
              + failureWindow.toMinutes()
              + " min (last: "
              + task.lastCause()
              + ")");
    }
    for (final StalledPartition partition : stalled) {
      parts.add(
          "partition "
              + partition.partition()
              + " has not moved since "
              + partition.since()
              + " with "
              + partition.lag()
              + " records behind offset "
              + partition.committed());
    }
    return String.join("; ", parts);
  }
}
