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
 * they are computed. {@link #with} keeps the activities within {@link #RETENTION} (395 days) of the
 * latest activity seen (and at most {@link #MAX_ACTIVITIES}, the oldest dropped first), and records
 * the time of the latest dropped activity in {@code lastActivityBefore} so that recency still works
 * after pruning. Features are therefore exact as of any time up to {@link #LATENESS} (365 days)
 * before the latest activity: a topology that receives an event late can recompute the features as
 * of every later event of the lead within that bound, and the result does not depend on the order
 * in which the events arrived.
 *
 * <p><b>Order independence.</b> Folding the same events in any order gives the same snapshot: the
 * activities are kept sorted by time, the status is that of the latest change by event time (ties:
 * the greater {@link LeadStatus} ordinal), the agent that of the latest {@code assigned} event by
 * event time (ties: the greater agent id; a {@code created} event's agent only while no assignment
 * is known), and {@code createdAt} the earliest {@code created} event.
 *
 * @param leadId the lead
 * @param agentId assigned agent, or null
 * @param agentAt event time of the {@code assigned} event that set {@code agentId}, or null when
 *     the agent came from {@code created} (any assignment replaces it) or is unknown
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
    Instant agentAt,
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

  /** How far back the features look. */
  public static final java.time.Duration HISTORY = java.time.Duration.ofDays(30);

  /**
   * How late (before the lead's latest activity) a time may be for the features as of it to stay
   * exact: a year, so that a feed replayed from a CRM's history without record keys (a lead's
   * events spread over partitions that progress months apart) still gives every event its exact
   * features. The state stays bounded by {@link #MAX_ACTIVITIES} whatever the bound.
   */
  public static final java.time.Duration LATENESS = java.time.Duration.ofDays(365);

  /** How long activities are kept before the latest one: {@link #HISTORY} + {@link #LATENESS}. */
  public static final java.time.Duration RETENTION = HISTORY.plus(LATENESS);

  /** Most activities kept (a runaway lead or bot cannot grow the state without bound). */
  public static final int MAX_ACTIVITIES = 2_000;

  /** Activities by time; ties in a fixed order, so that the arrival order never shows. */
  private static final Comparator<LeadActivity> BY_TIME =
      Comparator.comparing(LeadActivity::occurredAt)
          .thenComparing(LeadActivity::type)
          .thenComparing(LeadActivity::listingKey, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              LeadActivity::listingPriceCents, Comparator.nullsFirst(Comparator.naturalOrder()));

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
   * assigned} and {@code status_changed} (the latest status and assignment by event time win; an
   * event arriving late never overrides a newer one), the event inserted as an activity where its
   * time belongs, and activities older than {@link #RETENTION} before the newest one pruned. Pure:
   * this snapshot is unchanged.
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
    Instant agentSince = agentAt;
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
        if (created == null || !event.occurredAt().isAfter(created)) {
          // the earliest created event describes the lead, whatever order they arrive in
          src = event.attribute("source");
          min = cents(event.numberAttribute("budgetMin"));
          max = cents(event.numberAttribute("budgetMax"));
          time = event.attribute("timeline");
          pre = Boolean.TRUE.equals(event.booleanAttribute("preApproved"));
          ptype = event.attribute("propertyType");
          loc = event.attribute("location");
          created = event.occurredAt();
        }
        if (event.agentId() != null && agent == null) {
          agent = event.agentId();
        }
      }
      case ASSIGNED -> {
        if (event.agentId() != null
            && assignmentWins(event.occurredAt(), event.agentId(), agentSince, agent)) {
          agent = event.agentId();
          agentSince = event.occurredAt();
        }
      }
      case STATUS_CHANGED -> {
        final LeadStatus next = event.status();
        if (next != null
            && (stAt == null
                || event.occurredAt().isAfter(stAt)
                || (event.occurredAt().equals(stAt) && next.ordinal() > st.ordinal()))) {
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
    while (at > 0 && BY_TIME.compare(kept.get(at - 1), activity) > 0) {
      at--;
    }
    kept.add(at, activity);
    final Instant newest = kept.get(kept.size() - 1).occurredAt();
    final Instant horizon = newest.minus(RETENTION);
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
        agentSince,
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

  /**
   * Whether an assignment to {@code agent} at {@code at} replaces the current agent {@code
   * current}, set at {@code currentAt} (null: by a {@code created} event or unknown): the later
   * assignment wins, ties go to the greater agent id, and any assignment replaces an agent that no
   * assignment set.
   */
  static boolean assignmentWins(
      final Instant at, final String agent, final Instant currentAt, final String current) {
    if (currentAt == null || current == null) {
      return true;
    }
    final int byTime = at.compareTo(currentAt);
    return byTime > 0 || (byTime == 0 && agent.compareTo(current) > 0);
  }

  private static Long cents(final Double dollars) {
    return dollars == null || !Double.isFinite(dollars) || dollars <= 0
        ? null
        : Math.round(dollars * 100);
  }

  private static Instant max(final Instant a, final Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
