package io.midcoast.embedded.faults;

import io.midcoast.embedded.faults.FeedText.Invalid;
import io.midcoast.embedded.faults.Houses.Deed;
import io.midcoast.embedded.faults.Houses.House;
import io.midcoast.embedded.faults.Houses.Listing;
import io.midcoast.embedded.faults.Leads.Event;
import io.midcoast.embedded.faults.Leads.Lead;
import io.midcoast.topology.catalog.Topics;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A self-verifying feed for the fault harness (issue 10), after Kafka Streams' {@code
 * SmokeTestDriver}: it generates the ground truth of a housing market — houses in five synthetic
 * markets, each with MLS listings in several versions, county deeds, and leads with their events —
 * renders it as the upstream feeds would send it, in a shuffled order with duplicates, stale
 * versions, deletes and a share of invalid inputs, and computes itself, from the ground truth and
 * the rules of the docs (not by running the topology), what Postgres must hold at the end: the
 * {@code property}, {@code market_trend}, {@code property_estimate} and {@code lead} rows and the
 * dead letters.
 *
 * <p>What the feed holds and which rules the truth encodes: docs/reliability.md, "The fault
 * harness's feed and its truth". Everything is a pure function of the seed and the sizes; the
 * messages are rendered on demand ({@link #messages()}), so a feed of a million messages takes a
 * few hundred megabytes at most.
 */
public final class TruthFeed {

  private static final int RESO = 1;
  private static final int PAGE = 2;
  private static final int COUNTY = 3;
  private static final int LEAD = 4;
  private static final int INVALID = 5;

  /** Share of RESO and county messages sent twice, in percent. */
  private static final int FEED_DUPLICATES_PERCENT = 10;

  /** Share of lead events sent twice, in percent. */
  private static final int LEAD_DUPLICATES_PERCENT = 5;

  /** Share of listings whose whole history is sent again as one OData page, in percent. */
  private static final int RESYNC_PAGES_PERCENT = 3;

  /** Invalid inputs per 1,000 valid messages. */
  private static final int INVALID_PER_MILLE = 5;

  private final House[] houses;
  private final Lead[] leads;
  private final long[] order;
  private final Map<String, ExpectedTable> tables;
  private final Map<String, Long> deadLetters;
  private final Map<String, Long> summary;

  private TruthFeed(
      final House[] houses,
      final Lead[] leads,
      final long[] order,
      final Map<String, ExpectedTable> tables,
      final Map<String, Long> deadLetters,
      final Map<String, Long> summary) {
    this.houses = houses;
    this.leads = leads;
    this.order = order;
    this.tables = tables;
    this.deadLetters = deadLetters;
    this.summary = summary;
  }

  /**
   * Generates the feed of {@code seed}: the same seed and sizes give the same messages in the same
   * order and the same truth.
   *
   * @param seed the seed
   * @param houses number of houses (at least 1)
   * @param leads number of leads (0 or more)
   */
  public static TruthFeed generate(final long seed, final int houses, final int leads) {
    if (houses < 1 || leads < 0) {
      throw new IllegalArgumentException("houses must be ≥ 1 and leads ≥ 0");
    }
    final SplittableRandom sends = new SplittableRandom(seed ^ 0x5DEECE66DL);
    final Descriptors out = new Descriptors();
    final Map<String, Long> summary = new LinkedHashMap<>();
    final Map<String, Map<String, String>> properties = new TreeMap<>();
    final Map<String, Map<String, String>> estimates = new TreeMap<>();
    final TrendTruth trends = new TrendTruth();
    final House[] allHouses = new House[houses];
    for (int i = 0; i < houses; i++) {
      final House house = Houses.house(seed, i);
      allHouses[i] = house;
      for (int l = 0; l < house.listings().size(); l++) {
        final Listing listing = house.listings().get(l);
        for (int v = 0; v < listing.versions().size(); v++) {
          out.add(RESO, i, l, v, sends.nextInt(100) < FEED_DUPLICATES_PERCENT, summary);
          count(summary, "resoRecords", 1);
        }
        if (sends.nextInt(100) < RESYNC_PAGES_PERCENT) {
          out.add(PAGE, i, l, 0, false, summary);
          count(summary, "resyncPages", 1);
        }
      }
      for (int d = 0; d < house.deeds().size(); d++) {
        out.add(COUNTY, i, d, 0, sends.nextInt(100) < FEED_DUPLICATES_PERCENT, summary);
      }
      summarize(house, summary);
      final PropertyTruth.Truth truth = PropertyTruth.of(house);
      if (truth != null) {
        properties.put(truth.id(), truth.row());
        estimates.put(truth.id(), PropertyTruth.estimateRow(truth));
        trends.add(truth);
      }
    }
    final Lead[] allLeads = new Lead[leads];
    final Map<String, Map<String, String>> leadRows = new TreeMap<>();
    for (int n = 0; n < leads; n++) {
      final Lead lead = Leads.lead(seed, n, houses);
      allLeads[n] = lead;
      for (int e = 0; e < lead.events().size(); e++) {
        out.add(LEAD, n, e, 0, sends.nextInt(100) < LEAD_DUPLICATES_PERCENT, summary);
      }
      count(summary, "leadEvents", lead.events().size());
      leadRows.put(lead.id(), leadRow(lead));
    }
    final int invalid =
        Math.max(FeedText.INVALID_KINDS.size(), out.size * INVALID_PER_MILLE / 1_000);
    final Map<String, Long> deadLetters = new TreeMap<>();
    for (int k = 0; k < invalid; k++) {
      out.add(INVALID, k, 0, 0, false, summary);
      deadLetters.merge(
          FeedText.INVALID_KINDS.get(k % FeedText.INVALID_KINDS.size()).code(), 1L, Long::sum);
    }
    final long[] order = out.shuffled(sends);
    final Map<String, ExpectedTable> tables = new LinkedHashMap<>();
    tables.put("property", new ExpectedTable("property", List.of("property_id"), properties));
    tables.put(
        "market_trend",
        new ExpectedTable(
            "market_trend", List.of("region_type", "region_id", "month"), trends.rows()));
    tables.put(
        "property_estimate",
        new ExpectedTable("property_estimate", List.of("property_id"), estimates));
    tables.put("lead", new ExpectedTable("lead", List.of("lead_id"), leadRows));
    final Map<String, Long> totals = new LinkedHashMap<>();
    totals.put("houses", (long) houses);
    totals.put("leads", (long) leads);
    totals.put("messages", (long) order.length);
    totals.putAll(summary);
    totals.put("staleVersions", staleVersions(order, allHouses));
    totals.put("invalid", (long) invalid);
    totals.put("properties", (long) properties.size());
    totals.put("trendCells", (long) tables.get("market_trend").rows().size());
    totals.put("leadRows", (long) leadRows.size());
    return new TruthFeed(
        allHouses,
        allLeads,
        order,
        Map.copyOf(tables),
        Map.copyOf(deadLetters),
        java.util.Collections.unmodifiableMap(totals));
  }

  /**
   * Every message in send order: rendered on each {@code get}, the same text every time. Shuffled
   * across topics and keys, so stale versions, deletes before creations and events before their
   * lead's {@code created} all occur.
   */
  public List<FeedMessage> messages() {
    return new Messages();
  }

  /**
   * The rows a table must hold: {@code property}, {@code market_trend}, {@code property_estimate}
   * or {@code lead}.
   *
   * @throws IllegalArgumentException for another table
   */
  public ExpectedTable expected(final String table) {
    final ExpectedTable expected = tables.get(table);
    if (expected == null) {
      throw new IllegalArgumentException(
          "no truth for table " + table + "; known: " + tables.keySet());
    }
    return expected;
  }

  /** Rows expected in {@code property_estimate}: one per final property. */
  public long expectedEstimates() {
    return tables.get("property_estimate").rows().size();
  }

  /**
   * The dead letters of {@code ingest.dlq}, {@code "<stage>/<REASON>"} → count: exactly the invalid
   * inputs (each sent once).
   */
  public Map<String, Long> expectedDeadLetters() {
    return deadLetters;
  }

  /**
   * What the feed holds: {@code houses}, {@code leads}, {@code messages}, {@code resoRecords}
   * (versions sent one by one), {@code resyncPages}, {@code countyDeeds}, {@code leadEvents},
   * {@code duplicates} (messages sent a second time), {@code staleVersions} (RESO versions arriving
   * after a newer version of their listing), {@code deletes}, {@code addressCorrections}, {@code
   * soldTwice}, {@code deedsOfMlsCloses} (merged with the close), {@code quitclaims}, {@code
   * offMarketDeeds}, {@code invalid}, {@code properties}, {@code trendCells}, {@code leadRows}.
   */
  public Map<String, Long> summary() {
    return summary;
  }

  private FeedMessage render(final long descriptor) {
    final int kind = (int) (descriptor >>> 60);
    final int a = (int) ((descriptor >>> 32) & 0x0FFF_FFFF);
    final int b = (int) ((descriptor >>> 16) & 0xFFFF);
    final int c = (int) (descriptor & 0xFFFF);
    return switch (kind) {
      case RESO -> {
        final House house = houses[a];
        final Listing listing = house.listings().get(b);
        yield new FeedMessage(
            Topics.RESO_PROPERTY.name(),
            a % 10 == 3 ? null : listing.key(),
            FeedText.reso(house, listing, c));
      }
      case PAGE ->
          new FeedMessage(
              Topics.RESO_PROPERTY.name(),
              null,
              FeedText.page(houses[a], houses[a].listings().get(b)));
      case COUNTY -> {
        final Deed deed = houses[a].deeds().get(b);
        yield new FeedMessage(
            Topics.COUNTY_SALE.name(), deed.apn(), FeedText.county(houses[a], deed));
      }
      case LEAD ->
          new FeedMessage(
              Topics.LEAD_EVENT.name(),
              a % 7 == 0 ? null : leads[a].id(),
              FeedText.lead(leads[a], leads[a].events().get(b)));
      case INVALID -> invalid(a);
      default -> throw new IllegalStateException("descriptor " + Long.toHexString(descriptor));
    };
  }

  private static FeedMessage invalid(final int k) {
    final Invalid kind = FeedText.INVALID_KINDS.get(k % FeedText.INVALID_KINDS.size());
    final String value = FeedText.invalid(k);
    return switch (kind.feed()) {
      case Invalid.RESO ->
          new FeedMessage(Topics.RESO_PROPERTY.name(), k % 2 == 0 ? "TFX-" + k : null, value);
      case Invalid.COUNTY -> new FeedMessage(Topics.COUNTY_SALE.name(), "X-" + k, value);
      default -> new FeedMessage(Topics.LEAD_EVENT.name(), k % 3 == 0 ? null : "TLX-" + k, value);
    };
  }

  /** The lead row: what docs/leads.md makes independent of arrival order. */
  private static Map<String, String> leadRow(final Lead lead) {
    final Map<String, String> row = new LinkedHashMap<>();
    final Event status = lead.lastStatusChange();
    row.put("lead_id", lead.id());
    row.put("agent_id", lead.agent());
    row.put("name", lead.name());
    row.put("source", lead.source());
    row.put("timeline", lead.timeline());
    row.put("property_type", lead.propertyType());
    row.put("location", lead.location());
    row.put(
        "budget_min_cents",
        lead.budgetMin() == null ? null : Long.toString(lead.budgetMin() * 100));
    row.put(
        "budget_max_cents",
        lead.budgetMax() == null ? null : Long.toString(lead.budgetMax() * 100));
    row.put("pre_approved", Boolean.toString(lead.preApproved()));
    row.put("created_at", PgText.timestamp(lead.created().at()));
    row.put("status_at", status == null ? null : PgText.timestamp(status.at()));
    row.put("status", status == null ? "new" : status.status());
    return row;
  }

  private static void summarize(final House house, final Map<String, Long> summary) {
    final Listing first = house.listings().get(0);
    count(summary, "deletes", first.latest().isDelete() ? 1 : 0);
    count(
        summary,
        "addressCorrections",
        first.versions().get(0).street().equals(house.street()) ? 0 : 1);
    count(summary, "soldTwice", house.listings().size() > 1 ? 1 : 0);
    count(summary, "countyDeeds", house.deeds().size());
    for (final Deed deed : house.deeds()) {
      final boolean ofClose =
          house.listings().stream()
              .flatMap(l -> l.versions().stream())
              .anyMatch(
                  v ->
                      v.closeDate() != null
                          && Math.abs(ChronoUnit.DAYS.between(v.closeDate(), deed.date())) <= 7);
      count(
          summary,
          ofClose
              ? "deedsOfMlsCloses"
              : deed.documentType().equals("QCD") ? "quitclaims" : "offMarketDeeds",
          1);
    }
  }

  private static void count(final Map<String, Long> summary, final String key, final long n) {
    summary.merge(key, n, Long::sum);
  }

  /** RESO versions that arrive after a newer version of their listing (single or in a page). */
  private static long staleVersions(final long[] order, final House[] houses) {
    final int[] newest = new int[houses.length * 2];
    Arrays.fill(newest, -1);
    long stale = 0;
    for (final long descriptor : order) {
      final int kind = (int) (descriptor >>> 60);
      if (kind != RESO && kind != PAGE) {
        continue;
      }
      final int house = (int) ((descriptor >>> 32) & 0x0FFF_FFFF);
      final int listing = (int) ((descriptor >>> 16) & 0xFFFF);
      final int slot = house * 2 + listing;
      final int first = kind == RESO ? (int) (descriptor & 0xFFFF) : 0;
      final int last =
          kind == RESO ? first : houses[house].listings().get(listing).versions().size() - 1;
      for (int v = first; v <= last; v++) {
        if (v < newest[slot]) {
          stale++;
        } else {
          newest[slot] = v;
        }
      }
    }
    return stale;
  }

  /** The send list before the shuffle, as packed descriptors. */
  private static final class Descriptors {
    private long[] items = new long[1_024];
    private int size;

    void add(
        final int kind,
        final int a,
        final int b,
        final int c,
        final boolean twice,
        final Map<String, Long> summary) {
      final long descriptor = ((long) kind << 60) | ((long) a << 32) | ((long) b << 16) | c;
      append(descriptor);
      if (twice) {
        append(descriptor);
        count(summary, "duplicates", 1);
      }
    }

    private void append(final long descriptor) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = descriptor;
    }

    /** Fisher–Yates with the feed's own random. */
    long[] shuffled(final SplittableRandom random) {
      final long[] out = Arrays.copyOf(items, size);
      for (int i = out.length - 1; i > 0; i--) {
        final int j = random.nextInt(i + 1);
        final long t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
      return out;
    }
  }

  /** The messages, rendered on demand. */
  private final class Messages extends AbstractList<FeedMessage> implements RandomAccess {
    @Override
    public FeedMessage get(final int index) {
      return render(order[index]);
    }

    @Override
    public int size() {
      return order.length;
    }
  }
}
