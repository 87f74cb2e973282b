package io.midcoast.topology.leads;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lead stage's label clock: how far in event time every source partition of {@code
 * feeds.lead.event} has been read, so that an example is decided by expiry only when no source can
 * still deliver an earlier outcome of its lead (beyond the grace).
 *
 * <p>The parse stage stamps every event it forwards with two headers: its source partition and the
 * newest occurredAt that parse task has forwarded (its progress). Events are re-partitioned by
 * leadId, so every lead task receives records of every active source and keeps the newest progress
 * of each. The clock is the least progress over the sources heard from within {@link #IDLE} of wall
 * clock (a source that falls silent stops holding the clock back after that; its later events are
 * late by however long it was silent). With the task's stream time as the clock instead (the newest
 * event time of any source), one source read weeks of event time ahead of another (a replay, an
 * unkeyed feed, a lagging partition) made examples expire, and then be purged with label 0, before
 * their lead's {@code closed_won} arrived from the slower source.
 *
 * <p>Progress is kept in the expiry store under keys {@value #KEY_PREFIX}{@code <source>}, outside
 * the range of its time index, so it is restored with the task.
 */
final class SourceProgress {

  /** Header with the source partition ({@code <topic>-<partition>}, UTF-8). */
  static final String SOURCE_HEADER = "midcoast-lead-source";

  /** Header with the source's progress: epoch millis, 8 bytes big-endian. */
  static final String PROGRESS_HEADER = "midcoast-lead-progress";

  /** A source not heard from for this long (wall clock) no longer holds the clock back. */
  static final Duration IDLE = Duration.ofMinutes(5);

  /** Key prefix in the expiry store ('~' sorts after the digits of the time index). */
  static final String KEY_PREFIX = "~source:";

  private final KeyValueStore<String, String> store;
  private final LongSupplier wallClock;
  private final Map<String, Long> progress = new HashMap<>();
  private final Map<String, Long> heardAt = new HashMap<>();

  SourceProgress(final KeyValueStore<String, String> store, final LongSupplier wallClock) {
    this.store = store;
    this.wallClock = wallClock;
    final long now = wallClock.getAsLong();
    try (KeyValueIterator<String, String> it =
        store.range(KEY_PREFIX, KEY_PREFIX + Character.MAX_VALUE)) {
      it.forEachRemaining(
          kv -> {
            final String source = kv.key.substring(KEY_PREFIX.length());
            progress.put(source, Long.parseLong(kv.value));
            heardAt.put(source, now);
          });
    }
  }

  static byte[] encode(final long millis) {
    return ByteBuffer.allocate(Long.BYTES).putLong(millis).array();
  }

  /** Takes the source progress of a record's headers, if it has them. */
  void observe(final Headers headers) {
    final Header source = headers.lastHeader(SOURCE_HEADER);
    final Header at = headers.lastHeader(PROGRESS_HEADER);
    if (source == null || at == null || at.value() == null || at.value().length != Long.BYTES) {
      return;
    }
    final String id = new String(source.value(), java.nio.charset.StandardCharsets.UTF_8);
    final long millis = ByteBuffer.wrap(at.value()).getLong();
    heardAt.put(id, wallClock.getAsLong());
    final Long old = progress.get(id);
    if (old == null || millis > old) {
      progress.put(id, millis);
      store.put(KEY_PREFIX + id, Long.toString(millis));
    }
  }

  /**
   * The label clock: the least progress of the sources heard from within {@link #IDLE}, never past
   * {@code streamTime}; {@code streamTime} itself when no record carried a progress.
   */
  long clock(final long streamTime) {
    final long now = wallClock.getAsLong();
    long least = Long.MAX_VALUE;
    for (final Map.Entry<String, Long> e : progress.entrySet()) {
      if (now - heardAt.get(e.getKey()) <= IDLE.toMillis()) {
        least = Math.min(least, e.getValue());
      }
    }
    return least == Long.MAX_VALUE ? streamTime : Math.min(least, streamTime);
  }
}
