package io.midcoast.embedded.faults;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ground truth of the leads of a {@link TruthFeed}: each lead's {@code created} event, its
 * assignment, its activities and its status changes. A lead is a pure function of the seed and its
 * index.
 */
final class Leads {

  private static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 4);

  private static final List<String> ACTIVITIES =
      List.of(
          "listing_viewed",
          "listing_viewed",
          "listing_viewed",
          "listing_viewed",
          "search_saved",
          "inquiry",
          "showing_requested",
          "showing_attended",
          "email_opened",
          "email_opened",
          "email_clicked",
          "call_logged",
          "mortgage_calculator_used");

  private static final List<List<String>> STATUS_PATHS =
      List.of(
          List.of("contacted"),
          List.of("contacted", "qualified"),
          List.of("contacted", "qualified", "showing"),
          List.of("contacted", "qualified", "showing", "offer", "closed_won"),
          List.of("contacted", "closed_lost"),
          List.of("contacted", "qualified", "showing", "offer", "closed_lost"),
          List.of("qualified", "showing", "closed_won"));

  private static final List<String> SOURCES =
      List.of("referral", "website", "zillow", "realtor.com", "open_house", "social");

  private static final List<String> TIMELINES =
      List.of("0-3 months", "3-6 months", "6-12 months", "12+ months");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Ada", "Bo", "Cruz", "Dana", "Eli", "Faye", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lin");

  private static final List<String> LAST_NAMES =
      List.of("Abbott", "Baker", "Chen", "Diaz", "Ekberg", "Flores", "Gupta", "Haas", "Ito");

  /**
   * One lead event.
   *
   * @param id eventId
   * @param type event type (wire name)
   * @param at occurredAt (whole seconds, distinct within the lead)
   * @param listingKey listingKey, or null
   * @param agentId agentId, or null
   * @param status the new status of a {@code status_changed}, else null
   */
  record Event(
      String id, String type, Instant at, String listingKey, String agentId, String status) {}

  /**
   * One lead: the attributes of its {@code created} event and every event, {@code created} first.
   *
   * @param id leadId
   * @param name name
   * @param source source
   * @param budgetMin budgetMin in dollars, or null (not sent)
   * @param budgetMax budgetMax in dollars, or null (not sent)
   * @param timeline timeline
   * @param propertyType wanted property type
   * @param location wanted location
   * @param preApproved preApproved
   * @param events every event
   */
  record Lead(
      String id,
      String name,
      String source,
      Long budgetMin,
      Long budgetMax,
      String timeline,
      String propertyType,
      String location,
      boolean preApproved,
      List<Event> events) {

    Event created() {
      return events.get(0);
    }

    /** The agent after every event: the assignment, else the agent named at creation. */
    String agent() {
      String agent = created().agentId();
      for (final Event e : events) {
        if (e.type().equals("assigned")) {
          agent = e.agentId();
        }
      }
      return agent;
    }

    /** The latest status change by event time, or null while the lead is new. */
    Event lastStatusChange() {
      Event last = null;
      for (final Event e : events) {
        if (e.status() != null && (last == null || e.at().isAfter(last.at()))) {
          last = e;
        }
      }
      return last;
    }
  }

  private Leads() {}

  /**
   * Lead {@code index} of the feed of {@code seed}; its views are of listings of {@code houses}.
   */
  static Lead lead(final long seed, final int index, final int houses) {
    final SplittableRandom r = new SplittableRandom(~seed * 0xC2B2AE3D27D4EB4FL + index);
    final String id = "TL-" + index;
    final Instant created =
        FIRST_DAY
            .plusDays(r.nextInt(1_400))
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC)
            .plusSeconds(r.nextInt(86_400));
    final List<Event> events = new ArrayList<>();
    final String creatingAgent = r.nextBoolean() ? "agent-" + (1 + r.nextInt(40)) : null;
    events.add(new Event(id + "-created", "created", created, null, creatingAgent, null));
    if (r.nextInt(10) < 7) {
      events.add(
          new Event(
              id + "-assigned",
              "assigned",
              created.plusSeconds(3_600L + r.nextInt(172_800)),
              null,
              "agent-" + (1 + r.nextInt(40)),
              null));
    }
    // distinct whole-second offsets within 120 days for the activities and status changes
    final int activities = 14 + r.nextInt(36);
    final List<String> path =
        r.nextInt(10) < 3 ? List.of() : STATUS_PATHS.get(r.nextInt(STATUS_PATHS.size()));
    final long[] offsets = distinctOffsets(r, activities + path.size(), 120L * 86_400);
    final long[] statusOffsets = Arrays.copyOfRange(offsets, activities, offsets.length);
    Arrays.sort(statusOffsets);
    for (int a = 0; a < activities; a++) {
      final String type = ACTIVITIES.get(r.nextInt(ACTIVITIES.size()));
      final boolean ofListing =
          type.equals("listing_viewed")
              || type.equals("inquiry")
              || type.equals("showing_requested");
      events.add(
          new Event(
              id + "-a" + a,
              type,
              created.plusSeconds(offsets[a]),
              ofListing ? "TF" + r.nextInt(houses) + "-A" : null,
              null,
              null));
    }
    for (int s = 0; s < path.size(); s++) {
      events.add(
          new Event(
              id + "-s" + s,
              "status_changed",
              created.plusSeconds(statusOffsets[s]),
              null,
              null,
              path.get(s)));
    }
    final long budgetMax = 150_000L + 5_000L * r.nextInt(200);
    final boolean budget = r.nextInt(10) > 0;
    final Houses.Market market = Houses.MARKETS.get(r.nextInt(Houses.MARKETS.size()));
    return new Lead(
        id,
        FIRST_NAMES.get(r.nextInt(FIRST_NAMES.size()))
            + " "
            + LAST_NAMES.get(r.nextInt(LAST_NAMES.size())),
        SOURCES.get(r.nextInt(SOURCES.size())),
        budget ? budgetMax * (60 + r.nextInt(30)) / 100 : null,
        budget ? budgetMax : null,
        TIMELINES.get(r.nextInt(TIMELINES.size())),
        r.nextInt(5) == 0 ? "condo" : "single_family",
        market.city() + ", " + market.state(),
        r.nextBoolean(),
        List.copyOf(events));
  }

  /** {@code n} distinct offsets in [60, 60 + range) seconds, in random order. */
  private static long[] distinctOffsets(final SplittableRandom r, final int n, final long range) {
    final long[] out = new long[n];
    final java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      long offset;
      do {
        offset = 60 + r.nextLong(range);
      } while (!seen.add(offset));
      out[i] = offset;
    }
    return out;
  }
}
