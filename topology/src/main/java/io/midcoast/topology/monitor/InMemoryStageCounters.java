package io.midcoast.topology.monitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe in-memory {@link StageCounters}, for tests and tools. */
public final class InMemoryStageCounters implements StageCounters {

  private final Map<String, LongAdder> in = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> out = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

  @Override
  public void recordIn(final String stage) {
    in.computeIfAbsent(stage, s -> new LongAdder()).increment();
  }

  @Override
  public void recordOut(final String stage) {
    out.computeIfAbsent(stage, s -> new LongAdder()).increment();
  }

  @Override
  public void deadLettered(final String stage, final String reason) {
    deadLettered.computeIfAbsent(key(stage, reason), s -> new LongAdder()).increment();
  }

  @Override
  public void dropped(final String stage, final String reason) {
    dropped.computeIfAbsent(key(stage, reason), s -> new LongAdder()).increment();
  }

  /** Records that {@code stage} dropped on purpose for {@code reason}. */
  public long drops(final String stage, final String reason) {
    return sum(dropped, key(stage, reason));
  }

  /** Records that entered {@code stage}. */
  public long in(final String stage) {
    return sum(in, stage);
  }

  /** Records that left {@code stage} towards the next one. */
  public long out(final String stage) {
    return sum(out, stage);
  }

  /** Records that {@code stage} dead-lettered for {@code reason}. */
  public long deadLetters(final String stage, final String reason) {
    return sum(deadLettered, key(stage, reason));
  }

  /** Records that {@code stage} dead-lettered, whatever the reason. */
  public long deadLetters(final String stage) {
    final String prefix = stage + "/";
    return deadLettered.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /** Every dead-letter count as {@code "stage/REASON" -> count}, sorted by key. */
  public Map<String, Long> deadLetters() {
    final Map<String, Long> snapshot = new TreeMap<>();
    deadLettered.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }

  @Override
  public String toString() {
    return "InMemoryStageCounters{in="
        + in
        + ", out="
        + out
        + ", deadLettered="
        + deadLettered
        + ", dropped="
        + dropped
        + "}";
  }

  private static String key(final String stage, final String reason) {
    return stage + "/" + reason;
  }

  private static long sum(final Map<String, LongAdder> counts, final String key) {
    final LongAdder adder = counts.get(key);
    return adder == null ? 0 : adder.sum();
  }
}
