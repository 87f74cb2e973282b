package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * THE lead feature vector: one definition, computed by the same code for training examples and for
 * live scoring. {@link #vector(LeadSnapshot, Instant)} reads only the snapshot and only its
 * activities at or before {@code asOf}; it needs at most {@link LeadSnapshot#HISTORY} (30 days) of
 * history. Windows are half-open on the left: "7d" means {@code asOf − 7 days < occurredAt ≤ asOf}.
 * Durations are in days (fractional). Unknown inputs give 0, with a flag where 0 would be
 * ambiguous.
 *
 * <table>
 *   <caption>Features, in vector order ({@link #NAMES})</caption>
 *   <tr><th>name</th><th>definition</th><th>model transform</th></tr>
 *   <tr><td>{@code <type>_7d}, {@code <type>_30d} (24)</td><td>number of activities of each of the
 *       12 {@link LeadEventType}s (wire name, e.g. {@code listing_viewed_7d}) in the last 7 / 30
 *       days, in enum order, 7d then 30d per type</td><td>log1p</td></tr>
 *   <tr><td>{@code distinct_listings_viewed_30d}</td><td>distinct listing keys of {@code
 *       listing_viewed} in the last 30 days</td><td>log1p</td></tr>
 *   <tr><td>{@code days_since_last_activity}</td><td>asOf − latest activity at or before asOf (or
 *       {@code lastActivityBefore}, else {@code createdAt}); 0 when nothing is known</td>
 *       <td>log1p</td></tr>
 *   <tr><td>{@code days_since_previous_activity}</td><td>gap between that latest activity and the
 *       one before it (or {@code lastActivityBefore}); 0 when there is none: the silence that the
 *       latest activity ended</td><td>log1p</td></tr>
 *   <tr><td>{@code engagement_velocity}</td><td>{@code (c7 + 1) / (p·7/d + 1)}: c7 = lead-driven
 *       activities ({@link LeadEventType#leadDriven()}) in the last 7 days, p = those in the 23
 *       days before, d = days of that earlier window the lead existed ({@code min(23, age − 7)});
 *       1 (neutral) when d &lt; 1</td><td>log</td></tr>
 *   <tr><td>{@code decayed_engagement}</td><td>Σ over the activities of the last 30 days of {@link
 *       LeadEventType#engagementWeight()} × 2^(−age/{@link #HALF_LIFE}), half-life 7 days; weights:
 *       listing_viewed 1, search_saved 2, inquiry 4, showing_requested 5, showing_attended 8,
 *       email_opened 0.5, email_clicked 1, call_logged 2, mortgage_calculator_used 3, others 0
 *       (older activities would weigh ≤ 5%; leaving them out keeps the vector a function of the
 *       30-day window, whatever the snapshot keeps)</td><td>log1p</td></tr>
 *   <tr><td>{@code engagement_rate_30d}</td><td>lead-driven activities in the last 30 days per
 *       day of that window the lead existed ({@code max(1, min(30, age))} days)</td>
 *       <td>log1p</td></tr>
 *   <tr><td>{@code has_budget}</td><td>1 when the profile has a budget maximum</td>
 *       <td>identity</td></tr>
 *   <tr><td>{@code budget_comparable}</td><td>1 when there is a budget maximum and at least one
 *       {@code listing_viewed} with a known price in the last 30 days</td><td>identity</td></tr>
 *   <tr><td>{@code viewed_in_budget_share_30d}</td><td>share of those priced views whose price is
 *       within [budgetMin (or 0), budgetMax]; 0 unless comparable</td><td>identity</td></tr>
 *   <tr><td>{@code viewed_price_to_budget_max_30d}</td><td>median price of those views ÷
 *       budgetMax; 0 unless comparable</td><td>identity</td></tr>
 *   <tr><td>{@code pre_approved}</td><td>1 when the lead says it is pre-approved</td>
 *       <td>identity</td></tr>
 *   <tr><td>{@code timeline_0_3m}, {@code timeline_3_6m}, {@code timeline_6_12m}, {@code
 *       timeline_12m_plus}, {@code timeline_unknown}</td><td>one-hot stated timeline ({@link
 *       #timelineBucket})</td><td>identity</td></tr>
 *   <tr><td>{@code source_referral}, {@code source_website}, {@code source_zillow}, {@code
 *       source_realtor_com}, {@code source_open_house}, {@code source_social}, {@code
 *       source_other}</td><td>one-hot source ({@link #sourceBucket})</td><td>identity</td></tr>
 *   <tr><td>{@code days_since_created}</td><td>asOf − createdAt (0 when unknown)</td>
 *       <td>log1p</td></tr>
 *   <tr><td>{@code days_since_last_engagement}</td><td>asOf − latest engagement in the last 30
 *       days: a lead-driven activity other than {@code email_opened} ({@link #engages}); none:
 *       the days of that window the lead existed, {@code min(30, age)}</td><td>log1p</td></tr>
 *   <tr><td>{@code engagement_silence}</td><td>engagements the lead would have made during that
 *       silence at its own rate before it: {@code gap × n / max(1, w − gap)}, n = engagements in
 *       30 days, w = {@code min(30, age)}; 0 without engagement</td><td>log1p</td></tr>
 *   <tr><td>{@code listing_views_per_day_30d}</td><td>{@code listing_viewed_30d} per day of that
 *       window the lead existed ({@code max(1, min(30, age))})</td><td>log1p</td></tr>
 * </table>
 *
 * <p>The model transform ({@link #transform(int)}) is applied by a model before standardizing; the
 * vector itself holds the raw values above, so factors read in plain units. Thread-safe (no state).
 */
public final class LeadFeatures {

  /** Half-life of the time-decayed engagement. */
  public static final Duration HALF_LIFE = Duration.ofDays(7);

  /** Timeline buckets, in feature order. */
  public static final List<String> TIMELINES =
      List.of("0_3m", "3_6m", "6_12m", "12m_plus", "unknown");

  /** Source buckets, in feature order. */
  public static final List<String> SOURCES =
      List.of("referral", "website", "zillow", "realtor_com", "open_house", "social", "other");

  /** How a model reads a raw feature value before standardizing it. */
  public enum Transform {
    /** The value as is. */
    IDENTITY,
    /** {@code ln(1 + max(0, x))}, for counts and durations. */
    LOG1P,
    /** {@code ln(x)} (x &gt; 0), for ratios. */
    LOG;

    /** The transformed value. */
    public double apply(final double x) {
      return switch (this) {
        case IDENTITY -> x;
        case LOG1P -> Math.log1p(Math.max(0.0, x));
        case LOG -> Math.log(Math.max(1e-9, x));
      };
    }
  }

  private static final int TYPES = LeadEventType.values().length;
  private static final int DISTINCT = 2 * TYPES;
  private static final int LAST = DISTINCT + 1;
  private static final int PREVIOUS = LAST + 1;
  private static final int VELOCITY = PREVIOUS + 1;
  private static final int DECAYED = VELOCITY + 1;
  private static final int RATE = DECAYED + 1;
  private static final int HAS_BUDGET = RATE + 1;
  private static final int COMPARABLE = HAS_BUDGET + 1;
  private static final int IN_BUDGET = COMPARABLE + 1;
  private static final int PRICE_RATIO = IN_BUDGET + 1;
  private static final int PRE_APPROVED = PRICE_RATIO + 1;
  private static final int TIMELINE = PRE_APPROVED + 1;
  private static final int SOURCE = TIMELINE + TIMELINES.size();
  private static final int AGE = SOURCE + SOURCES.size();
  private static final int SINCE_ENGAGEMENT = AGE + 1;
  private static final int SILENCE = SINCE_ENGAGEMENT + 1;
  private static final int VIEW_RATE = SILENCE + 1;
  private static final int SIZE = VIEW_RATE + 1;

  /** Feature names in vector order. */
  public static final List<String> NAMES = names();

  private static final Transform[] TRANSFORMS = transforms();

  private static final double DAY_MS = 86_400_000.0;
  private static final long WEEK_MS = Duration.ofDays(7).toMillis();
  private static final long MONTH_MS = LeadSnapshot.HISTORY.toMillis();

  private LeadFeatures() {}

  private static List<String> names() {
    final List<String> names = new ArrayList<>(SIZE);
    for (final LeadEventType type : LeadEventType.values()) {
      names.add(type.wireName() + "_7d");
      names.add(type.wireName() + "_30d");
    }
    names.addAll(
        List.of(
            "distinct_listings_viewed_30d",
            "days_since_last_activity",
            "days_since_previous_activity",
            "engagement_velocity",
            "decayed_engagement",
            "engagement_rate_30d",
            "has_budget",
            "budget_comparable",
            "viewed_in_budget_share_30d",
            "viewed_price_to_budget_max_30d",
            "pre_approved"));
    TIMELINES.forEach(t -> names.add("timeline_" + t));
    SOURCES.forEach(s -> names.add("source_" + s));
    names.add("days_since_created");
    names.add("days_since_last_engagement");
    names.add("engagement_silence");
    names.add("listing_views_per_day_30d");
    if (names.size() != SIZE) {
      throw new IllegalStateException("feature layout mismatch");
    }
    return List.copyOf(names);
  }

  private static Transform[] transforms() {
    final Transform[] t = new Transform[SIZE];
    Arrays.fill(t, Transform.IDENTITY);
    for (int i = 0; i < DISTINCT; i++) {
      t[i] = Transform.LOG1P;
    }
    t[DISTINCT] = Transform.LOG1P;
    t[LAST] = Transform.LOG1P;
    t[PREVIOUS] = Transform.LOG1P;
    t[VELOCITY] = Transform.LOG;
    t[DECAYED] = Transform.LOG1P;
    t[RATE] = Transform.LOG1P;
    t[AGE] = Transform.LOG1P;
    t[SINCE_ENGAGEMENT] = Transform.LOG1P;
    t[SILENCE] = Transform.LOG1P;
    t[VIEW_RATE] = Transform.LOG1P;
    return t;
  }

  /** Number of features. */
  public static int size() {
    return SIZE;
  }

  /** The model transform of feature {@code index}. */
  public static Transform transform(final int index) {
    return TRANSFORMS[index];
  }

  /** Index of the 7-day count of {@code type}; the 30-day count is the next index. */
  public static int countIndex(final LeadEventType type) {
    return 2 * type.ordinal();
  }

  /**
   * The feature vector of {@code lead} as of {@code asOf}, reading only activities at or before
   * {@code asOf}.
   */
  public static FeatureVector vector(final LeadSnapshot lead, final Instant asOf) {
    final double[] v = new double[SIZE];
    final long now = asOf.toEpochMilli();
    final long weekAgo = now - WEEK_MS;
    final long monthAgo = now - MONTH_MS;
    final double halfLifeMs = HALF_LIFE.toMillis();
    final Set<String> distinct = new HashSet<>();
    final List<Long> pricedViews = new ArrayList<>();
    long latest = Long.MIN_VALUE;
    long previous = Long.MIN_VALUE;
    int driven7 = 0;
    int drivenPrior = 0;
    int engagements = 0;
    long latestEngagement = Long.MIN_VALUE;
    double decayed = 0.0;
    for (final LeadActivity a : lead.activities()) {
      final long t = a.occurredAt().toEpochMilli();
      if (t > now) {
        break; // sorted by time
      }
      previous = latest;
      latest = t;
      if (t <= monthAgo) {
        continue;
      }
      decayed += a.type().engagementWeight() * Math.pow(0.5, (now - t) / halfLifeMs);
      final int c = countIndex(a.type());
      final boolean inWeek = t > weekAgo;
      v[c + 1] += 1;
      if (inWeek) {
        v[c] += 1;
      }
      if (engages(a.type())) {
        engagements++;
        latestEngagement = t;
      }
      if (a.type().leadDriven()) {
        if (inWeek) {
          driven7++;
        } else {
          drivenPrior++;
        }
      }
      if (a.type() == LeadEventType.LISTING_VIEWED) {
        if (a.listingKey() != null) {
          distinct.add(a.listingKey());
        }
        if (a.listingPriceCents() != null && a.listingPriceCents() > 0) {
          pricedViews.add(a.listingPriceCents());
        }
      }
    }
    v[DISTINCT] = distinct.size();
    final long before =
        lead.lastActivityBefore() == null
            ? Long.MIN_VALUE
            : Math.min(now, lead.lastActivityBefore().toEpochMilli());
    if (previous == Long.MIN_VALUE) {
      previous = before;
    }
    if (latest == Long.MIN_VALUE) {
      latest = before;
      previous = Long.MIN_VALUE;
    }
    if (latest == Long.MIN_VALUE && lead.createdAt() != null) {
      latest = Math.min(now, lead.createdAt().toEpochMilli());
    }
    v[LAST] = latest == Long.MIN_VALUE ? 0.0 : (now - latest) / DAY_MS;
    v[PREVIOUS] =
        latest == Long.MIN_VALUE || previous == Long.MIN_VALUE
            ? 0.0
            : Math.max(0, latest - previous) / DAY_MS;
    final double ageDays =
        lead.createdAt() == null
            ? Double.NaN
            : Math.max(0, now - lead.createdAt().toEpochMilli()) / DAY_MS;
    final double priorDays = Double.isNaN(ageDays) ? 23.0 : Math.min(23.0, ageDays - 7.0);
    v[VELOCITY] = priorDays < 1.0 ? 1.0 : (driven7 + 1.0) / (drivenPrior * 7.0 / priorDays + 1.0);
    v[DECAYED] = decayed;
    final double exposure = Double.isNaN(ageDays) ? 30.0 : Math.max(1.0, Math.min(30.0, ageDays));
    v[RATE] = (driven7 + drivenPrior) / exposure;
    final Long budgetMax = lead.budgetMaxCents();
    v[HAS_BUDGET] = budgetMax == null ? 0.0 : 1.0;
    if (budgetMax != null && !pricedViews.isEmpty()) {
      final long lo = lead.budgetMinCents() == null ? 0 : lead.budgetMinCents();
      int inBudget = 0;
      for (final long p : pricedViews) {
        if (p >= lo && p <= budgetMax) {
          inBudget++;
        }
      }
      v[COMPARABLE] = 1.0;
      v[IN_BUDGET] = inBudget / (double) pricedViews.size();
      v[PRICE_RATIO] = median(pricedViews) / budgetMax;
    }
    v[PRE_APPROVED] = lead.preApproved() ? 1.0 : 0.0;
    v[TIMELINE + TIMELINES.indexOf(timelineBucket(lead.timeline()))] = 1.0;
    v[SOURCE + SOURCES.indexOf(sourceBucket(lead.source()))] = 1.0;
    v[AGE] = Double.isNaN(ageDays) ? 0.0 : ageDays;
    final double window = Double.isNaN(ageDays) ? 30.0 : Math.min(30.0, ageDays);
    final double sinceEngagement =
        latestEngagement == Long.MIN_VALUE ? window : (now - latestEngagement) / DAY_MS;
    v[SINCE_ENGAGEMENT] = sinceEngagement;
    v[SILENCE] =
        engagements == 0
            ? 0.0
            : sinceEngagement * engagements / Math.max(1.0, window - sinceEngagement);
    v[VIEW_RATE] = v[countIndex(LeadEventType.LISTING_VIEWED) + 1] / exposure;
    return new FeatureVector(NAMES, v, false);
  }

  /**
   * Whether an activity counts as engagement for {@code days_since_last_engagement}: lead-driven
   * ({@link LeadEventType#leadDriven()}) other than an email open (opens are passive and often
   * automatic, e.g. mail privacy prefetching).
   */
  static boolean engages(final LeadEventType type) {
    return type.leadDriven() && type != LeadEventType.EMAIL_OPENED;
  }

  private static double median(final List<Long> values) {
    final long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    final int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2.0;
  }

  /**
   * The timeline bucket of a stated timeline: {@code 0-3 months}, {@code asap}, {@code
   * immediately}, {@code now} → {@code 0_3m}; {@code 3-6 months} → {@code 3_6m}; {@code 6-12
   * months} → {@code 6_12m}; {@code 12+ months}, {@code 1 year+}, {@code just browsing} → {@code
   * 12m_plus}; anything else or null → {@code unknown}. Case and blanks are ignored.
   */
  public static String timelineBucket(final String timeline) {
    if (timeline == null) {
      return "unknown";
    }
    final String t = timeline.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    if (t.startsWith("0-3") || t.equals("asap") || t.equals("immediately") || t.equals("now")) {
      return "0_3m";
    }
    if (t.startsWith("3-6")) {
      return "3_6m";
    }
    if (t.startsWith("6-12")) {
      return "6_12m";
    }
    if (t.startsWith("12+") || t.startsWith("1year") || t.equals("justbrowsing")) {
      return "12m_plus";
    }
    return "unknown";
  }

  /**
   * The source bucket of a CRM source value (trimmed, lower-cased, spaces and hyphens as {@code
   * _}):
   *
   * <ul>
   *   <li>{@code referral}: referral, agent referral, sphere, sphere of influence, SOI, past
   *       client, repeat client, friend, family, word of mouth;
   *   <li>{@code website}: website, web, organic, SEO, IDX, email, and paid search (paid search,
   *       PPC, SEM, Google, Google Ads, AdWords, Bing);
   *   <li>{@code zillow}: the Zillow Group portals (Zillow, Trulia, StreetEasy, HotPads);
   *   <li>{@code realtor_com}: realtor.com and every other listing portal (realtor, move, Redfin,
   *       Homes.com, Homesnap, and a plain "portal");
   *   <li>{@code open_house}: open house, sign call, yard sign, sign, walk-in, drive-by;
   *   <li>{@code social}: social, Facebook, Instagram, TikTok, YouTube, LinkedIn, Twitter, X, Meta,
   *       Nextdoor;
   *   <li>{@code other}: anything else, and null.
   * </ul>
   */
  public static String sourceBucket(final String source) {
    if (source == null) {
      return "other";
    }
    final String s = source.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    return switch (s) {
      case "referral",
          "agent_referral",
          "sphere",
          "sphere_of_influence",
          "soi",
          "past_client",
          "repeat_client",
          "friend",
          "family",
          "word_of_mouth" ->
          "referral";
      case "website",
          "web",
          "organic",
          "seo",
          "idx",
          "email",
          "paid_search",
          "ppc",
          "sem",
          "google",
          "google_ads",
          "adwords",
          "bing" ->
          "website";
      case "zillow", "trulia", "streeteasy", "hotpads" -> "zillow";
      case "realtor.com",
          "realtor_com",
          "realtor",
          "move",
          "redfin",
          "homes.com",
          "homes_com",
          "homesnap",
          "portal" ->
          "realtor_com";
      case "open_house", "sign_call", "yard_sign", "sign", "walk_in", "drive_by" -> "open_house";
      case "social",
          "facebook",
          "instagram",
          "tiktok",
          "youtube",
          "linkedin",
          "twitter",
          "x",
          "meta",
          "nextdoor" ->
          "social";
      default -> "other";
    };
  }
}
