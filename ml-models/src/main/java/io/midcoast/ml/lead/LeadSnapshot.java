package io.midcoast.ml.lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one lead as of a time: its profile (from the {@code created}, {@code
 * assigned} and {@code status_changed} events) and its recent activities. This is the value a
 * topology keeps per lead in a state store; {@link LeadFeatures#vector} reads nothing else.
 *
 * <p><b>History kept.</b> The features look back at most {@link #HISTORY} (30 days) from the time
 * they are computed. {@link #with} therefore keeps only the activities within {@link #HISTORY} of
 * the latest activity seen (and at most {@link #MAX_ACTIVITIES}, the oldest dropped first), and
 * records the time of the latest dropped activity in {@code lastActivityBefore} so that recency
 * still works after pruning. Features computed as of a time earlier than the latest activity minus
 * 30 days would miss history; a topology computes them as of the event it is processing, or later.
 *
 * @param leadId the lead
 * @param agentId assigned agent, or null
 * @param source lead source as sent ({@code created.source}), or null
 * @param budgetMinCents lower budget bound in cents, or null
 * @param budgetMaxCents upper budget bound in cents, or null
 * @param timeline stated buying timeline as sent, e.g. {@code 0-3 months}, or null
 * @param preApproved whether the lead says it is pre-approved for a mortgage
 * @param propertyType wanted property type, or null
 * @param location wanted location, or null
 * @param createdAt time of the {@code created} event, or null when not seen yet
 * @param status current status (of the latest {@code status_changed} by event time)
 * @param statusAt time of that status change, or null while {@link LeadStatus#NEW}
 * @param activities kept activities, oldest first (unmodifiable)
 * @param lastActivityBefore time of the latest activity no longer kept, or null
 */
public record LeadSnapshot(
    String leadId,
    String agentId,
    String source,
    Long budgetMinCents,
    Long budgetMaxCents,
    String timeline,
    boolean preApproved,
    String propertyType,
    String location,
    Instant createdAt,
    LeadStatus status,
    Instant statusAt,
    List<LeadActivity> activities,
    Instant lastActivityBefore) {

  /** How far back the features look; older activities may be pruned. */
  public static final java.time.Duration HISTORY = java.time.Duration.ofDays(30);

  /** Most activities kept (a runaway lead or bot cannot grow the state without bound). */
  public static final int MAX_ACTIVITIES = 2_000;

  private static final Comparator<LeadActivity> BY_TIME =
      Comparator.comparing(LeadActivity::occurredAt);

  /** Checks required fields; copies and sorts the activities by time. */
  public LeadSnapshot {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(status, "status");
    final List<LeadActivity> sorted = new ArrayList<>(Objects.requireNonNull(activities));
    sorted.sort(BY_TIME);
    activities = List.copyOf(sorted);
  }

  /** A lead about which nothing is known yet. */
  public static LeadSnapshot empty(final String leadId) {
    return new LeadSnapshot(
        leadId,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        LeadStatus.NEW,
        null,
        List.of(),
        null);
  }

  /**
   * This snapshot with one more event folded in: the profile updated from {@code created}, {@code
   * assigned} and {@code status_changed} (the latest status by event time wins; an event arriving
   * late never overrides a newer one), the event appended as an activity, and activities older than
   * {@link #HISTORY} before the newest one pruned. Pure: this snapshot is unchanged.
   *
   * <p>Deduplication by {@code eventId} is the caller's job (the same event folded twice counts
   * twice).
   *
   * @param event the event (its {@code leadId} must match)
   * @param listingPriceCents current price of {@code event.listingKey()} in cents, from {@code
   *     property.state}, or null when unknown or not a listing event
   */
  public LeadSnapshot with(final LeadEvent event, final Long listingPriceCents) {
    if (!leadId.equals(event.leadId())) {
      throw new IllegalArgumentException(
          "event of lead " + event.leadId() + " folded into lead " + leadId);
    }
    String agent = agentId;
    String src = source;
    Long min = budgetMinCents;
    Long max = budgetMaxCents;
    String time = timeline;
    boolean pre = preApproved;
    String ptype = propertyType;
    String loc = location;
    Instant created = createdAt;
    LeadStatus st = status;
    Instant stAt = statusAt;
    switch (event.type()) {
      case CREATED -> {
        src = event.attribute("source");
        min = cents(event.numberAttribute("budgetMin"));
        max = cents(event.numberAttribute("budgetMax"));
        time = event.attribute("timeline");
        pre = Boolean.TRUE.equals(event.booleanAttribute("preApproved"));
        ptype = event.attribute("propertyType");
        loc = event.attribute("location");
        created = created == null ? event.occurredAt() : min(created, event.occurredAt());
        if (event.agentId() != null && agent == null) {
          agent = event.agentId();
        }
      }
      case ASSIGNED -> {
        if (event.agentId() != null) {
          agent = event.agentId();
        }
      }
      case STATUS_CHANGED -> {
        final LeadStatus next = event.status();
        if (next != null && (stAt == null || !event.occurredAt().isBefore(stAt))) {
          st = next;
          stAt = event.occurredAt();
        }
      }
      default -> {
        // activity only
      }
    }
    final List<LeadActivity> kept = new ArrayList<>(activities.size() + 1);
    kept.addAll(activities);
    final LeadActivity activity =
        new LeadActivity(event.type(), event.occurredAt(), event.listingKey(), listingPriceCents);
    // activities are sorted; insert in place (late events land where they belong)
    int at = kept.size();
    while (at > 0 && kept.get(at - 1).occurredAt().isAfter(activity.occurredAt())) {
      at--;
    }
    kept.add(at, activity);
    final Instant newest = kept.get(kept.size() - 1).occurredAt();
    final Instant horizon = newest.minus(HISTORY);
    Instant before = lastActivityBefore;
    int drop = 0;
    while (drop < kept.size()
        && (kept.get(drop).occurredAt().isBefore(horizon) || kept.size() - drop > MAX_ACTIVITIES)) {
      before = max(before, kept.get(drop).occurredAt());
      drop++;
    }
    return new LeadSnapshot(
        leadId,
        agent,
        src,
        min,
        max,
        time,
        pre,
        ptype,
        loc,
        created,
        st,
        stAt,
        kept.subList(drop, kept.size()),
        before);
  }

  private static Long cents(final Double dollars) {
    return dollars == null || !Double.isFinite(dollars) || dollars <= 0
        ? null
        : Math.round(dollars * 100);
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(final Instant a, final Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
