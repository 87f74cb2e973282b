package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The labelling rule, as pure functions of event time. For an example taken at {@code asOf}:
 *
 * <ol>
 *   <li>If the lead's status at {@code asOf} (its latest status change at or before {@code asOf})
 *       is closed_won or closed_lost, the lead is {@link Decision#CLOSED}: no example.
 *   <li>Otherwise the first closing change (closed_won or closed_lost) in {@code (asOf, asOf + 90
 *       days]} decides: closed_won → {@link Decision#WON} (label 1), closed_lost → {@link
 *       Decision#LOST} (label 0). A closed_won after a closed_lost in the window is still 0. The
 *       window is closed on the right: a win exactly 90 days after {@code asOf} counts.
 *   <li>With no closing change in the window: once the event-time clock ({@code watermark}: the
 *       lead's latest event time, or a stream watermark, whichever the caller trusts) has reached
 *       {@code asOf + 90 days}, {@link Decision#EXPIRED} (label 0); before that, {@link
 *       Decision#PENDING} (label unknown).
 * </ol>
 *
 * <p>Status changes at the same instant are ordered closed_lost before closed_won (a conflicting
 * record resolves to the conservative label), then by {@link LeadStatus} order; the input order
 * does not matter, so late outcomes simply re-decide pending examples.
 */
public final class LeadLabels {

  /** The label horizon. */
  public static final Duration HORIZON = Duration.ofDays(90);

  /**
   * One status change of a lead.
   *
   * @param at event time of the change
   * @param status the new status
   */
  public record StatusChange(Instant at, LeadStatus status) {

    /** Checks fields. */
    public StatusChange {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
    }
  }

  /** The outcome of the rule for one example. */
  public enum Decision {
    /** closed_won first within the horizon: label 1. */
    WON(1),
    /** closed_lost first within the horizon: label 0. */
    LOST(0),
    /** No closing change within the horizon and the clock has passed it: label 0. */
    EXPIRED(0),
    /** Not decided yet: label unknown. */
    PENDING(null),
    /** The lead was already closed at the example time: not an example. */
    CLOSED(null);

    private final Integer label;

    Decision(final Integer label) {
      this.label = label;
    }

    /** The label, or null when unknown or not applicable. */
    public Integer label() {
      return label;
    }
  }

  private static final Comparator<StatusChange> ORDER =
      Comparator.comparing(StatusChange::at)
          .thenComparing(c -> c.status() == LeadStatus.CLOSED_LOST ? -1 : c.status().ordinal());

  private LeadLabels() {}

  /**
   * Decides the label of an example taken at {@code asOf}.
   *
   * @param asOf the example's time
   * @param history the lead's status changes, in any order, possibly including ones after {@code
   *     asOf + 90 days}
   * @param watermark the event time up to which the history is known complete
   */
  public static Decision decide(
      final Instant asOf, final List<StatusChange> history, final Instant watermark) {
    final List<StatusChange> sorted = new ArrayList<>(history);
    sorted.sort(ORDER);
    LeadStatus current = LeadStatus.NEW;
    final Instant end = asOf.plus(HORIZON);
    for (final StatusChange change : sorted) {
      if (!change.at().isAfter(asOf)) {
        current = change.status();
        continue;
      }
      if (current.closed()) {
        return Decision.CLOSED;
      }
      if (change.at().isAfter(end)) {
        break;
      }
      if (change.status() == LeadStatus.CLOSED_WON) {
        return Decision.WON;
      }
      if (change.status() == LeadStatus.CLOSED_LOST) {
        return Decision.LOST;
      }
    }
    if (current.closed()) {
      return Decision.CLOSED;
    }
    return watermark != null && !watermark.isBefore(end) ? Decision.EXPIRED : Decision.PENDING;
  }

  /** The label of {@link #decide}: 1, 0, or null when unknown or not an example. */
  public static Integer label(
      final Instant asOf, final List<StatusChange> history, final Instant watermark) {
    return decide(asOf, history, watermark).label();
  }

  /** The earliest event time at which an example taken at {@code asOf} is decided by expiry. */
  public static Instant expiresAt(final Instant asOf) {
    return asOf.plus(HORIZON);
  }
}
