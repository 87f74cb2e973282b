package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic simulator of lead activity with a known ground truth, for {@code ./midcoast dev}
 * and tests: no public lead dataset exists. It emits {@code feeds.lead.event} messages ({@link
 * LeadEvent}) and knows, for every lead at every time, its true probability of reaching closed_won
 * within 90 days, so the best achievable AUC of any model is known.
 *
 * <p><b>Ground truth.</b> Each lead has a latent intent {@code z ~ N(0, 1)} and a latent "stretched
 * budget" flag {@code s} (probability 0.3). Its profile follows from them and chance: pre-approved
 * with probability σ(−0.6 + 0.9z); stated timeline from {@code 0.8z + N(0, 1)} (above 1: 0-3
 * months, above 0: 3-6, above −1: 6-12, else 12+; 10% leave it blank); source website 30%, zillow
 * 20%, social 15%, referral 12%, realtor.com 10%, open house 8%, other 5%; a budget (85% of leads)
 * around the price level of a random listing. While <i>active</i>, the lead converts and goes
 * <i>cold</i> at constant daily hazards
 *
 * <pre>
 * h_win  = exp(−5.6 + 1.0·z + 0.9·preApproved + T[timeline] + S[source] − 0.8·s)
 * h_cold = exp(−3.7 − 0.3·z)
 * T: 0-3 months +0.7, 3-6 +0.3, 6-12 −0.3, 12+ −0.9, blank 0
 * S: referral +0.6, open house +0.3, zillow 0, realtor.com 0, website −0.1, other −0.2, social −0.5
 * </pre>
 *
 * <p>whichever comes first ({@code closed_won}, or cold; a cold lead never converts, and half of
 * the cold leads get a {@code closed_lost} 7–45 days later). Hence the true probability as of a
 * time {@code t}: 0 when cold, else (memoryless hazards) {@code h_win / H · (1 − e^(−90·H))} with
 * {@code H = h_win + h_cold}. This is exact given everything the simulator knows, including the
 * latent traits, so its AUC on a set of examples is the best any model can reach.
 *
 * <p><b>What the events reveal.</b> Active leads act as Poisson processes whose daily rates grow
 * with intent, {@code rate × e^(k·z) × (0.5 + 0.5·e^(−age/21 days))}: listing_viewed 1.0 (k 1.0),
 * search_saved 0.04 (0.6), inquiry 0.06 (0.9), showing_requested 0.03 (1.0; 70% attended 1–4 days
 * later), email_opened 0.25 (0.3), email_clicked 0.06 (0.8), call_logged 0.08 (0.5),
 * mortgage_calculator_used 0.03 × (0.5 if pre-approved else 1.5) (0.7), plus 1–3 listing views in
 * the first hours. Viewed listings are priced around 0.85 × budgetMax, or 1.3 × budgetMax for a
 * stretched budget (σ = 12%). Status changes follow the first call (contacted), inquiry (qualified)
 * and attended showing (showing). Cold leads only open the odd email (0.03 a day). About 0.3% of
 * events are delivered twice (same eventId). Nothing about the future outcome leaks into the events
 * before it.
 *
 * <p>Deterministic: the same configuration gives the same events (each lead has its own random
 * stream derived from the seed).
 */
public final class LeadSimulator {

  /**
   * A listing leads can view.
   *
   * @param listingKey listing key
   * @param priceCents list price in cents
   */
  public record Listing(String listingKey, long priceCents) {}

  /**
   * The hidden ground truth of a simulated market: what drives conversion and what the events
   * reveal. {@link #STANDARD} is the world described above (the one the lead model was tuned on);
   * {@link #SECOND} is another market to test on data the code was not built around.
   *
   * @param sources CRM source values as the feed writes them
   * @param sourceShares share of leads per source
   * @param sourceEffects log-hazard effect per source
   * @param winIntercept log-hazard intercept
   * @param intentEffect log-hazard effect of intent z
   * @param preApprovedIntercept pre-approval probability σ(a + b·z): a
   * @param preApprovedIntent pre-approval probability σ(a + b·z): b
   * @param preApprovedEffect log-hazard effect of pre-approval
   * @param timelineIntent weight of z in the stated timeline ({@code w·z + N(0, 1)})
   * @param timelineEffects log-hazard effect of 0-3, 3-6, 6-12, 12+ months
   * @param stretchedShare share of leads with a stretched budget
   * @param stretchedEffect log-hazard effect of a stretched budget (negative)
   * @param coldIntercept log cold hazard: intercept
   * @param coldIntent log cold hazard: effect of z
   * @param rates daily event rates while active (listing_viewed, search_saved, inquiry,
   *     showing_requested, email_opened, email_clicked, call_logged, mortgage_calculator_used)
   * @param intentRates how strongly each rate grows with z ({@code rate × e^(k·z)})
   * @param reassignedShare share of leads reassigned to another agent 1–30 days after creation
   */
  public record World(
      List<String> sources,
      double[] sourceShares,
      double[] sourceEffects,
      double winIntercept,
      double intentEffect,
      double preApprovedIntercept,
      double preApprovedIntent,
      double preApprovedEffect,
      double timelineIntent,
      double[] timelineEffects,
      double stretchedShare,
      double stretchedEffect,
      double coldIntercept,
      double coldIntent,
      double[] rates,
      double[] intentRates,
      double reassignedShare) {

    /** The world of the class description; the trainer and the rules were tuned on it. */
    public static final World STANDARD =
        new World(
            List.of(
                "website", "zillow", "social", "referral", "realtor.com", "open_house", "other"),
            new double[] {0.30, 0.20, 0.15, 0.12, 0.10, 0.08, 0.05},
            new double[] {-0.1, 0.0, -0.5, 0.6, 0.0, 0.3, -0.2},
            -5.6,
            1.0,
            -0.6,
            0.9,
            0.9,
            0.8,
            new double[] {0.7, 0.3, -0.3, -0.9},
            0.3,
            -0.8,
            -3.7,
            -0.3,
            new double[] {1.0, 0.04, 0.06, 0.03, 0.25, 0.06, 0.08, 0.03},
            new double[] {1.0, 0.6, 0.9, 1.0, 0.3, 0.8, 0.5, 0.7},
            0.0);

    /**
     * A second market: CRM source names the standard world never uses (portal, sphere, paid search,
     * sign call, TikTok, Trulia, billboard) with other effects; intent matters less and shows in
     * calls, inquiries and showings, hardly in listing views or e-mails; the stated timeline says
     * little; a stretched budget is more common and costs more; leads go cold faster; 30% are
     * reassigned to another agent.
     */
    public static final World SECOND =
        new World(
            List.of(
                "portal", "sphere", "Paid Search", "sign call", "TikTok", "Trulia", "billboard"),
            new double[] {0.35, 0.10, 0.20, 0.08, 0.12, 0.10, 0.05},
            new double[] {-0.4, 0.9, -0.2, 0.5, -0.7, 0.0, -0.1},
            -5.0,
            0.7,
            0.2,
            0.4,
            0.4,
            0.3,
            new double[] {0.2, 0.1, -0.1, -0.3},
            0.45,
            -1.4,
            -3.3,
            -0.5,
            new double[] {0.4, 0.08, 0.10, 0.05, 0.6, 0.03, 0.15, 0.05},
            new double[] {0.3, 0.2, 1.2, 1.3, 0.1, 0.5, 1.0, 1.0},
            0.3);

    /** Checks the shapes. */
    public World {
      sources = List.copyOf(sources);
      if (sourceShares.length != sources.size()
          || sourceEffects.length != sources.size()
          || timelineEffects.length != 4
          || rates.length != 8
          || intentRates.length != 8) {
        throw new IllegalArgumentException(
            "a world needs a share and effect per source, 4"
                + " timeline effects and 8 event rates");
      }
    }
  }

  /**
   * Simulation settings.
   *
   * @param seed random seed
   * @param start time of the first possible lead creation
   * @param leads number of leads
   * @param agentIds agents leads are assigned to
   * @param listings listings leads view (at least one)
   * @param creationSpan leads are created uniformly over {@code [start, start + creationSpan)}
   * @param tail how long the simulation runs after the last creation
   */
  public record Config(
      long seed,
      Instant start,
      int leads,
      List<String> agentIds,
      List<Listing> listings,
      Duration creationSpan,
      Duration tail) {

    /** Checks and copies. */
    public Config {
      Objects.requireNonNull(start, "start");
      agentIds = List.copyOf(agentIds);
      listings = List.copyOf(listings);
      if (leads < 0 || agentIds.isEmpty() || listings.isEmpty()) {
        throw new IllegalArgumentException("need leads >= 0, agents and listings");
      }
    }

    /** {@code leads} leads created over 270 days, followed by 120 days. */
    public static Config of(
        final long seed,
        final Instant start,
        final int leads,
        final List<String> agentIds,
        final List<Listing> listings) {
      return new Config(
          seed, start, leads, agentIds, listings, Duration.ofDays(270), Duration.ofDays(120));
    }

    /** When the simulation ends: no event at or after it. */
    public Instant end() {
      return start.plus(creationSpan).plus(tail);
    }
  }

  /**
   * The simulator's knowledge of one lead.
   *
   * @param leadId the lead
   * @param intent latent intent z
   * @param stretchedBudget latent stretched-budget flag
   * @param winHazard daily conversion hazard while active
   * @param coldHazard daily hazard of going cold while active
   * @param createdAt creation time
   * @param wonAt time of closed_won, or null
   * @param coldAt time it went cold, or null
   */
  public record LeadTruth(
      String leadId,
      double intent,
      boolean stretchedBudget,
      double winHazard,
      double coldHazard,
      Instant createdAt,
      Instant wonAt,
      Instant coldAt) {

    /** The true probability of closed_won within 90 days after {@code asOf}. */
    public double probability(final Instant asOf) {
      if (coldAt != null && !coldAt.isAfter(asOf)) {
        return 0.0;
      }
      if (wonAt != null && !wonAt.isAfter(asOf)) {
        return 1.0; // already won: not an example
      }
      final double h = winHazard + coldHazard;
      return winHazard / h * -Math.expm1(-h * LeadLabels.HORIZON.toDays());
    }
  }

  /**
   * A simulation's output.
   *
   * @param config its settings
   * @param events every event, in event-time order (ties by eventId), duplicates included
   * @param truths the truth of each lead, by lead id
   */
  public record Simulation(Config config, List<LeadEvent> events, Map<String, LeadTruth> truths)
      implements Iterable<LeadEvent> {

    /** Copies. */
    public Simulation {
      events = List.copyOf(events);
      truths = Map.copyOf(truths);
    }

    @Override
    public Iterator<LeadEvent> iterator() {
      return events.iterator();
    }

    /** The events as wire JSON, in event-time order. */
    public List<String> jsonLines() {
      return events.stream().map(LeadEvent::toJson).toList();
    }

    /** Price in cents of a simulated listing key, or null (the property.state join). */
    public Long listingPrice(final String listingKey) {
      return prices().get(listingKey);
    }

    private Map<String, Long> prices() {
      final Map<String, Long> out = new HashMap<>();
      for (final Listing l : config.listings()) {
        out.put(l.listingKey(), l.priceCents());
      }
      return out;
    }

    /** The watermark of the simulation: its end. */
    public Instant end() {
      return config.end();
    }

    /** Every example of the simulation, built by {@link LeadExamples#fromEvents}. */
    public List<LeadExample> examples() {
      final Map<String, Long> prices = prices();
      return LeadExamples.fromEvents(events, prices::get, end());
    }

    /** The true probability of the example's lead as of the example's time. */
    public double trueProbability(final LeadExample example) {
      final LeadTruth truth = truths.get(example.leadId());
      if (truth == null) {
        throw new IllegalArgumentException("not a simulated lead: " + example.leadId());
      }
      return truth.probability(example.asOf());
    }

    /** The AUC of the true probabilities on the labelled {@code examples}: the best achievable. */
    public double bestAchievableAuc(final List<LeadExample> examples) {
      final List<LeadExample> labelled = examples.stream().filter(LeadExample::labelled).toList();
      final double[] p = new double[labelled.size()];
      final int[] y = new int[labelled.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = trueProbability(labelled.get(i));
        y[i] = labelled.get(i).label();
      }
      return ClassificationMetrics.auc(p, y);
    }
  }

  private static final String[] TIMELINES = {
    "0-3 months", "3-6 months", "6-12 months", "12+ months"
  };
  private static final String[] PROPERTY_TYPES = {"Residential", "Condominium", "Townhouse"};
  private static final String[] LOCATIONS = {"North Ames", "College Creek", "Old Town", "Edwards"};

  private record Process(LeadEventType type, double rate, double k) {}

  private static final double DAY_MS = 86_400_000.0;

  private final Config config;
  private final World world;
  private final long[] sortedPrices;
  private final String[] sortedKeys;

  /** A simulator of {@code config} in the {@link World#STANDARD} world. */
  public LeadSimulator(final Config config) {
    this(config, World.STANDARD);
  }

  /** A simulator of {@code config} in {@code world}. */
  public LeadSimulator(final Config config, final World world) {
    this.config = Objects.requireNonNull(config, "config");
    this.world = Objects.requireNonNull(world, "world");
    final List<Listing> sorted = new ArrayList<>(config.listings());
    sorted.sort(Comparator.comparingLong(Listing::priceCents).thenComparing(Listing::listingKey));
    this.sortedPrices = sorted.stream().mapToLong(Listing::priceCents).toArray();
    this.sortedKeys = sorted.stream().map(Listing::listingKey).toArray(String[]::new);
  }

  /** {@code n} synthetic listings priced log-normally around $250,000 (for tests and dev). */
  public static List<Listing> syntheticListings(final long seed, final int n) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Listing> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final double dollars = 250_000 * Math.exp(0.45 * gaussian(random));
      out.add(
          new Listing(
              String.format(java.util.Locale.ROOT, "SIM-%05d", i + 1),
              Math.round(dollars / 100.0) * 100 * 100));
    }
    return out;
  }

  /** Runs the simulation. */
  public Simulation run() {
    final List<LeadEvent> events = new ArrayList<>();
    final Map<String, LeadTruth> truths = new LinkedHashMap<>();
    final SplittableRandom root = new SplittableRandom(config.seed());
    for (int i = 0; i < config.leads(); i++) {
      final SplittableRandom random = root.split();
      final LeadTruth truth = lead(i, random, events);
      truths.put(truth.leadId(), truth);
    }
    events.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId));
    return new Simulation(config, events, truths);
  }

  private LeadTruth lead(final int index, final SplittableRandom r, final List<LeadEvent> out) {
    final String leadId =
        String.format(java.util.Locale.ROOT, "lead-%d-%06d", config.seed(), index);
    final long end = config.end().toEpochMilli();
    final long t0 =
        config.start().toEpochMilli() + (long) (r.nextDouble() * config.creationSpan().toMillis());
    final double z = gaussian(r);
    final boolean stretched = r.nextDouble() < world.stretchedShare();
    final boolean preApproved =
        r.nextDouble() < sigmoid(world.preApprovedIntercept() + world.preApprovedIntent() * z);
    final int sourceIndex = pick(r, world.sourceShares());
    final String source = world.sources().get(sourceIndex);
    final int timeline;
    if (r.nextDouble() < 0.1) {
      timeline = -1;
    } else {
      final double s = world.timelineIntent() * z + gaussian(r);
      timeline = s > 1 ? 0 : s > 0 ? 1 : s > -1 ? 2 : 3;
    }
    final long level = sortedPrices[r.nextInt(sortedPrices.length)];
    final Long budgetMaxDollars =
        r.nextDouble() < 0.85
            ? Math.max(
                5_000L, Math.round(level / 100.0 * Math.exp(0.1 * gaussian(r)) / 5_000) * 5_000)
            : null;
    final double viewCenterCents =
        budgetMaxDollars == null ? level : budgetMaxDollars * 100.0 * (stretched ? 1.3 : 0.85);
    final double logWin =
        world.winIntercept()
            + world.intentEffect() * z
            + (preApproved ? world.preApprovedEffect() : 0.0)
            + (timeline < 0 ? 0.0 : world.timelineEffects()[timeline])
            + world.sourceEffects()[sourceIndex]
            + (stretched ? world.stretchedEffect() : 0.0);
    final double winHazard = Math.exp(logWin);
    final double coldHazard = Math.exp(world.coldIntercept() + world.coldIntent() * z);
    final double winAge = -Math.log(1 - r.nextDouble()) / winHazard;
    final double coldAge = -Math.log(1 - r.nextDouble()) / coldHazard;
    final boolean won = winAge < coldAge;
    final long activeEnd = t0 + (long) (Math.min(winAge, coldAge) * DAY_MS);
    final String agent = config.agentIds().get(r.nextInt(config.agentIds().size()));

    final Emitter emit = new Emitter(leadId, r, out, end);
    final Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("name", "Sim Lead " + index);
    profile.put("email", "lead" + index + "@example.com");
    profile.put("phone", String.format(java.util.Locale.ROOT, "555-%04d", index % 10_000));
    profile.put("source", source);
    if (budgetMaxDollars != null) {
      profile.put("budgetMin", Math.round(budgetMaxDollars * 0.7 / 5_000) * 5_000);
      profile.put("budgetMax", budgetMaxDollars);
    }
    if (timeline >= 0) {
      profile.put("timeline", TIMELINES[timeline]);
    }
    profile.put("propertyType", PROPERTY_TYPES[r.nextInt(PROPERTY_TYPES.length)]);
    profile.put("location", LOCATIONS[r.nextInt(LOCATIONS.length)]);
    profile.put("preApproved", preApproved);
    emit.event(LeadEventType.CREATED, t0, null, null, profile);
    emit.event(LeadEventType.ASSIGNED, t0 + 60_000L + r.nextInt(3 * 3_600_000), null, agent, null);

    final List<String> viewed = new ArrayList<>();
    final int burst = 1 + r.nextInt(3);
    for (int b = 0; b < burst; b++) {
      final long t = t0 + 30_000L + r.nextInt(2 * 3_600_000);
      if (t < activeEnd) {
        final String key = listing(r, viewCenterCents);
        viewed.add(key);
        emit.event(LeadEventType.LISTING_VIEWED, t, key, null, null);
      }
    }
    final double pre = preApproved ? 0.5 : 1.5;
    final double[] rate = world.rates();
    final double[] k = world.intentRates();
    final List<Process> processes =
        List.of(
            new Process(LeadEventType.LISTING_VIEWED, rate[0], k[0]),
            new Process(LeadEventType.SEARCH_SAVED, rate[1], k[1]),
            new Process(LeadEventType.INQUIRY, rate[2], k[2]),
            new Process(LeadEventType.SHOWING_REQUESTED, rate[3], k[3]),
            new Process(LeadEventType.EMAIL_OPENED, rate[4], k[4]),
            new Process(LeadEventType.EMAIL_CLICKED, rate[5], k[5]),
            new Process(LeadEventType.CALL_LOGGED, rate[6], k[6]),
            new Process(LeadEventType.MORTGAGE_CALCULATOR_USED, rate[7] * pre, k[7]));
    // merge the processes in time order so that status changes follow their causes
    final List<long[]> times = new ArrayList<>(); // {time, process index}
    final long activeStop = Math.min(activeEnd, end);
    emit.openUntil = activeStop;
    for (int p = 0; p < processes.size(); p++) {
      final double max = processes.get(p).rate() * Math.exp(processes.get(p).k() * z);
      double t = t0;
      while (true) {
        t += -Math.log(1 - r.nextDouble()) / max * DAY_MS;
        if (t >= activeStop) {
          break;
        }
        final double age = (t - t0) / DAY_MS;
        if (r.nextDouble() < 0.5 + 0.5 * Math.exp(-age / 21.0)) {
          times.add(new long[] {(long) t, p});
        }
      }
    }
    times.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    LeadStatus status = LeadStatus.NEW;
    final List<Long> attended = new ArrayList<>();
    for (final long[] at : times) {
      final long t = at[0];
      while (!attended.isEmpty() && attended.get(0) <= t) {
        status = showingAttended(emit, attended.remove(0), viewed, agent, status);
      }
      final LeadEventType type = processes.get((int) at[1]).type();
      switch (type) {
        case LISTING_VIEWED -> {
          final String key = listing(r, viewCenterCents);
          viewed.add(key);
          emit.event(type, t, key, null, null);
        }
        case INQUIRY, SHOWING_REQUESTED -> {
          final String key = viewed.isEmpty() ? listing(r, viewCenterCents) : recent(r, viewed);
          emit.event(type, t, key, null, null);
          if (type == LeadEventType.INQUIRY && status.ordinal() < LeadStatus.QUALIFIED.ordinal()) {
            status = LeadStatus.QUALIFIED;
            emit.status(t + 3_600_000L, agent, status);
          }
          if (type == LeadEventType.SHOWING_REQUESTED && r.nextDouble() < 0.7) {
            final long when = t + (long) ((1 + 3 * r.nextDouble()) * DAY_MS);
            if (when < activeStop) {
              attended.add(when);
              attended.sort(null);
            }
          }
        }
        case CALL_LOGGED -> {
          emit.event(type, t, null, agent, null);
          if (status == LeadStatus.NEW) {
            status = LeadStatus.CONTACTED;
            emit.status(t + 60_000L, agent, status);
          }
        }
        default -> emit.event(type, t, null, null, null);
      }
    }
    while (!attended.isEmpty()) {
      status = showingAttended(emit, attended.remove(0), viewed, agent, status);
    }
    if (world.reassignedShare() > 0 && r.nextDouble() < world.reassignedShare()) {
      final List<String> agents = config.agentIds();
      final String other =
          agents.get((agents.indexOf(agent) + 1 + r.nextInt(agents.size())) % agents.size());
      final long at = t0 + (long) ((1 + 29 * r.nextDouble()) * DAY_MS);
      if (at < activeStop) {
        emit.event(LeadEventType.ASSIGNED, at, null, other, null);
      }
    }
    Instant wonAt = null;
    Instant coldAt = null;
    if (activeEnd < end) {
      if (won) {
        wonAt = Instant.ofEpochMilli(activeEnd);
        emit.status(activeEnd, agent, LeadStatus.CLOSED_WON);
      } else {
        coldAt = Instant.ofEpochMilli(activeEnd);
        final long lostAt =
            r.nextDouble() < 0.5
                ? activeEnd + (long) ((7 + 38 * r.nextDouble()) * DAY_MS)
                : Long.MAX_VALUE;
        double t = activeEnd;
        while (true) {
          t += -Math.log(1 - r.nextDouble()) / 0.03 * DAY_MS;
          if (t >= Math.min(end, lostAt)) {
            break;
          }
          emit.event(LeadEventType.EMAIL_OPENED, (long) t, null, null, null);
        }
        if (lostAt < end) {
          emit.status(lostAt, agent, LeadStatus.CLOSED_LOST);
        }
      }
    } else if (won) {
      wonAt = Instant.ofEpochMilli(activeEnd); // after the simulation's end
    } else {
      coldAt = Instant.ofEpochMilli(activeEnd);
    }
    return new LeadTruth(
        leadId, z, stretched, winHazard, coldHazard, Instant.ofEpochMilli(t0), wonAt, coldAt);
  }

  private static LeadStatus showingAttended(
      final Emitter emit,
      final long t,
      final List<String> viewed,
      final String agent,
      final LeadStatus status) {
    emit.event(
        LeadEventType.SHOWING_ATTENDED,
        t,
        viewed.isEmpty() ? null : viewed.get(viewed.size() - 1),
        agent,
        null);
    if (status.ordinal() < LeadStatus.SHOWING.ordinal()) {
      emit.status(t + 3_600_000L, agent, LeadStatus.SHOWING);
      return LeadStatus.SHOWING;
    }
    return status;
  }

  private static String recent(final SplittableRandom r, final List<String> viewed) {
    return viewed.get(Math.max(0, viewed.size() - 1 - r.nextInt(Math.min(10, viewed.size()))));
  }

  /** A listing priced near {@code center × lognormal(0.12)}. */
  private String listing(final SplittableRandom r, final double centerCents) {
    final double target = centerCents * Math.exp(0.12 * gaussian(r));
    int lo = 0;
    int hi = sortedPrices.length - 1;
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      if (sortedPrices[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    final int jitter = r.nextInt(5) - 2;
    return sortedKeys[Math.max(0, Math.min(sortedKeys.length - 1, lo + jitter))];
  }

  private static final class Emitter {
    private final String leadId;
    private final SplittableRandom random;
    private final List<LeadEvent> out;
    private final long end;
    private long openUntil = Long.MAX_VALUE;

    Emitter(
        final String leadId,
        final SplittableRandom random,
        final List<LeadEvent> out,
        final long end) {
      this.leadId = leadId;
      this.random = random;
      this.out = out;
      this.end = end;
    }

    void status(final long t, final String agent, final LeadStatus status) {
      if (!status.closed() && t >= openUntil) {
        return; // the lead closed or went cold before this change
      }
      event(LeadEventType.STATUS_CHANGED, t, null, agent, Map.of("status", status.wireName()));
    }

    void event(
        final LeadEventType type,
        final long t,
        final String listingKey,
        final String agentId,
        final Map<String, Object> attributes) {
      if (t >= end) {
        return;
      }
      final LeadEvent event =
          new LeadEvent(
              new UUID(random.nextLong(), random.nextLong()).toString(),
              leadId,
              type,
              Instant.ofEpochMilli(t),
              listingKey,
              agentId,
              attributes);
      out.add(event);
      if (random.nextDouble() < 0.003) {
        out.add(event); // delivered twice
      }
    }
  }

  private static int pick(final SplittableRandom r, final double[] shares) {
    double u = r.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  private static double sigmoid(final double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** A standard normal deviate (Box–Muller, one of the pair). */
  static double gaussian(final SplittableRandom r) {
    final double u = 1.0 - r.nextDouble();
    final double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
