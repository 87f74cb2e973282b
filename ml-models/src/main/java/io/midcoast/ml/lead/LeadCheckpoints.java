package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ages at which a lead is scored (and an example taken) even when nothing happens: 1, 3, 7, 14,
 * 30, 60 and 90 days after its {@code created} event. A lead scored only at its events keeps its
 * last score through any silence, while silence is what says that it went cold; the features as of
 * a checkpoint ({@code days_since_last_activity}, {@code engagement_silence}, ...) see it.
 *
 * <p>The checkpoints depend only on the creation time, so the set of times a lead is scored at is
 * the same whatever order its events arrive in. Each has an id, {@code checkpoint-<days>d}, that
 * stands where an event id stands in a score or an example.
 */
public final class LeadCheckpoints {

  /** The lead ages of the checkpoints, in days. */
  public static final List<Integer> DAYS = List.of(1, 3, 7, 14, 30, 60, 90);

  private static final String PREFIX = "checkpoint-";

  private LeadCheckpoints() {}

  /**
   * One checkpoint of a lead.
   *
   * @param days the lead's age at it
   * @param at the time: creation + {@code days}
   */
  public record Checkpoint(int days, Instant at) {

    /** The id in place of an event id: {@code checkpoint-<days>d}. */
    public String id() {
      return PREFIX + days + "d";
    }
  }

  /** The checkpoints of a lead created at {@code createdAt}, in time order. */
  public static List<Checkpoint> of(final Instant createdAt) {
    final List<Checkpoint> out = new ArrayList<>(DAYS.size());
    for (final int days : DAYS) {
      out.add(new Checkpoint(days, createdAt.plus(Duration.ofDays(days))));
    }
    return out;
  }

  /**
   * The checkpoint of a lead created at {@code createdAt} at {@code days}, if one of {@link #DAYS}.
   */
  public static Optional<Checkpoint> at(final Instant createdAt, final int days) {
    return DAYS.contains(days)
        ? Optional.of(new Checkpoint(days, createdAt.plus(Duration.ofDays(days))))
        : Optional.empty();
  }

  /** Whether an event id names a checkpoint rather than an event. */
  public static boolean isCheckpoint(final String id) {
    return id != null && id.startsWith(PREFIX);
  }
}
