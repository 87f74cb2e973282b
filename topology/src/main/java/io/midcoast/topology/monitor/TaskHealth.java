package io.midcoast.topology.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What the error handlers remember across stream-thread replacements (one instance per application,
 * passed to them in the Streams configuration under {@link #CONFIG}): how often each task failed,
 * and how often each record made its task fail.
 *
 * <p>A record that fails its task {@link #MAX_ATTEMPTS} times is dead-lettered and skipped on its
 * next attempt instead of failing the task again: a deterministic failure never retries in a loop,
 * while a transient one (a broker briefly away) still gets its retries. Readiness reports a task
 * that failed {@code threshold} times within a window ({@link #failing}).
 *
 * <p>Thread-safe. Memory is bounded: the {@link #MAX_TRACKED_RECORDS} most recent failing records
 * and, per task, the failures of the last {@link #MAX_FAILURES_PER_TASK}.
 */
public final class TaskHealth {

  /** Streams config key under which the instance reaches the error handlers. */
  public static final String CONFIG = "midcoast.task.health";

  /** How many times one record may fail its task before it is dead-lettered and skipped. */
  public static final int MAX_ATTEMPTS = 3;

  static final int MAX_TRACKED_RECORDS = 1_000;
  static final int MAX_FAILURES_PER_TASK = 100;

  /**
   * A task that keeps failing.
   *
   * @param task the task id, e.g. {@code 2_2}
   * @param failures failures within the window
   * @param lastCause the last failure's exception, as text
   * @param lastFailure when the task last failed
   */
  public record FailingTask(String task, int failures, String lastCause, Instant lastFailure) {}

  private record Failure(Instant at, String cause) {}

  private final Clock clock;
  private final Map<String, Deque<Failure>> failuresByTask = new TreeMap<>();
  private final Map<String, Long> totalByTask = new TreeMap<>();
  private final Map<String, Integer> attemptsByRecord =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Integer> eldest) {
          return size() > MAX_TRACKED_RECORDS;
        }
      };
  private volatile BiConsumer<String, String> onFailure = (task, cause) -> {};

  /** Task health on the system clock. */
  public TaskHealth() {
    this(Clock.systemUTC());
  }

  /** Task health on {@code clock} (tests). */
  public TaskHealth(final Clock clock) {
    this.clock = clock;
  }

  /** The instance in a Streams configuration, or null when none was passed. */
  public static TaskHealth of(final Map<String, ?> configs) {
    return configs.get(CONFIG) instanceof TaskHealth health ? health : null;
  }

  /** Called with (task, cause) on every recorded task failure, e.g. to count it in a metric. */
  public void onFailure(final BiConsumer<String, String> listener) {
    this.onFailure = Objects.requireNonNull(listener);
  }

  /**
   * Records that {@code record} (its topic, partition, offset and the node it failed in) made its
   * task fail once more.
   *
   * @return how many times it has failed, this time included
   */
  public synchronized int recordAttempt(final String record) {
    return attemptsByRecord.merge(record, 1, Integer::sum);
  }

  /** Whether {@code record} already failed {@link #MAX_ATTEMPTS} times and must now be skipped. */
  public synchronized boolean exhausted(final String record) {
    return attemptsByRecord.getOrDefault(record, 0) >= MAX_ATTEMPTS;
  }

  /** Records that {@code task} failed (its stream thread died and is being replaced). */
  public void taskFailed(final String task, final String cause) {
    synchronized (this) {
      final Deque<Failure> failures = failuresByTask.computeIfAbsent(task, t -> new ArrayDeque<>());
      failures.addLast(new Failure(clock.instant(), cause));
      while (failures.size() > MAX_FAILURES_PER_TASK) {
        failures.removeFirst();
      }
      totalByTask.merge(task, 1L, Long::sum);
    }
    onFailure.accept(task, cause);
  }

  /** Failures per task since start. */
  public synchronized Map<String, Long> totals() {
    return Map.copyOf(totalByTask);
  }

  /**
   * The tasks that failed at least {@code threshold} times within the last {@code window}.
   *
   * @param threshold failures that make a task "failing", at least 1
   * @param window how far back to count
   */
  public synchronized List<FailingTask> failing(final int threshold, final Duration window) {
    final Instant since = clock.instant().minus(window);
    final List<FailingTask> out = new ArrayList<>();
    failuresByTask.forEach(
        (task, failures) -> {
          final List<Failure> recent =
              failures.stream().filter(f -> f.at().isAfter(since)).toList();
          if (recent.size() >= threshold) {
            final Failure last = recent.get(recent.size() - 1);
            out.add(new FailingTask(task, recent.size(), last.cause(), last.at()));
          }
        });
    return out;
  }
}
