package io.midcoast.topology.analytics;

import io.midcoast.ml.price.ExtendedCharacteristics;
import io.midcoast.ml.price.PriceInput;
import io.midcoast.ml.price.PriceModel;
import io.midcoast.ml.price.RegionalPriceIndex;
import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateInput;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.schemas.RegionIndexLevel;
import io.midcoast.schemas.Sale;
import io.midcoast.topology.monitor.StageCounters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The estimate stage, keyed by propertyId and partitioned by market ({@link MarketPartitioner}):
 * one task holds every property of a city, the sale points behind its regional indexes, and the
 * market's event-time clock ({@link EstimateRules}).
 *
 * <p>On each property change it: updates the market's sale points and clock; when the clock moved
 * or a sale before it changed, recomputes the regional index of every subdivision of the market
 * ({@link RegionalPriceIndex#select}) and re-estimates, in one model call per subdivision, the
 * members of each subdivision whose index changed; estimates the changed property; records a
 * live-accuracy sample when a new sale closes after the property's last estimate; and forwards
 * every estimate and score that changed ({@link EstimateOutput}).
 */
public final class EstimateProcessor
    implements Processor<String, EstimateInput, String, EstimateOutput> {

  /** Stage name in counters and logs. */
  public static final String STAGE = "estimates";

  /** How many factors an estimate carries. */
  public static final int TOP_FACTORS = 5;

  /**
   * A region change is material when the subdivision's index moved by at least this fraction from
   * the index its members were last re-estimated with (or appeared or disappeared): only then are
   * the members re-estimated.
   */
  public static final double MATERIAL_INDEX_CHANGE = 0.02;

  /** An estimate is republished when its price or a bound moved by at least this fraction. */
  public static final double MATERIAL_ESTIMATE_CHANGE = 0.001;

  /**
   * Two closes of one property at most this many days apart are one sale (as ingest merges them).
   */
  public static final int SAME_SALE_DAYS = 7;

  /** Accuracy region of every sample. */
  public static final String ALL_REGIONS = "all";

  private static final char SEP = '\u001f';
  private static final String SUBDIVISION_POINTS = "S";
  private static final String CITY_POINTS = "C";
  private static final StringSerializer KEYS = new StringSerializer();

  /** Names of the stores this stage uses. */
  public record Stores(
      String properties,
      String members,
      String salePoints,
      String clocks,
      String regionIndex,
      String estimates,
      String scores,
      String samples,
      String history) {}

  private final StageCounters counters;
  private final PriceModel model;
  private final Stores names;
  private ProcessorContext<String, EstimateOutput> context;
  private KeyValueStore<String, Property> properties;
  private KeyValueStore<String, String> members;
  private KeyValueStore<String, Double> salePoints;
  private KeyValueStore<String, Long> clocks;
  private KeyValueStore<String, RegionIndex> regionIndex;
  private KeyValueStore<String, PriceEstimate> estimates;
  private KeyValueStore<String, PropertyScore> scores;
  private KeyValueStore<String, AccuracySample> samples;
  private KeyValueStore<String, PriceEstimate> history;

  /**
   * @param counters stage counters
   * @param model the price model
   * @param names the stores
   */
  public EstimateProcessor(
      final StageCounters counters, final PriceModel model, final Stores names) {
    this.counters = counters;
    this.model = model;
    this.names = names;
  }

  @Override
  public void init(final ProcessorContext<String, EstimateOutput> context) {
    this.context = context;
    this.properties = context.getStateStore(names.properties());
    this.members = context.getStateStore(names.members());
    this.salePoints = context.getStateStore(names.salePoints());
    this.clocks = context.getStateStore(names.clocks());
    this.regionIndex = context.getStateStore(names.regionIndex());
    this.estimates = context.getStateStore(names.estimates());
    this.scores = context.getStateStore(names.scores());
    this.samples = context.getStateStore(names.samples());
    this.history = context.getStateStore(names.history());
  }

  @Override
  public void process(final Record<String, EstimateInput> record) {
    final String propertyId = record.key();
    final EstimateInput input = record.value();
    if (propertyId == null || input == null) {
      return;
    }
    final String market = input.getMarket();
    final Property next = input.getProperty();
    final Property previous = properties.get(propertyId);
    final Long storedClock = clocks.get(market);
    final LocalDate clockBefore = storedClock == null ? null : LocalDate.ofEpochDay(storedClock);
    final LocalDate clock =
        next == null ? clockBefore : max(clockBefore, EstimateRules.date(next.getUpdatedAt()));
    final Map<String, RegionStats> stats = new HashMap<>();

    final boolean pointsChanged = updateSalePoints(market, previous, next, clock);
    updateMembership(market, propertyId, previous, next);
    updateSamples(record, propertyId, previous, next);
    if (next == null) {
      properties.delete(propertyId);
      estimates.delete(propertyId);
      forgetHistory(propertyId);
      scores.delete(propertyId);
      if (!input.getMoved() && previous != null) {
        forward(record, propertyId, EstimateOutput.Kind.ESTIMATE, null);
        forward(record, propertyId, EstimateOutput.Kind.SCORE, null);
      }
    } else {
      properties.put(propertyId, next);
    }
    if (clock == null) {
      return;
    }
    final boolean clockMoved = clockBefore == null || clock.isAfter(clockBefore);
    if (clockMoved) {
      clocks.put(market, clock.toEpochDay());
    }
    final Set<String> done = new HashSet<>();
    if (clockMoved || pointsChanged) {
      refreshRegions(record, market, clock, done, stats);
    }
    if (next != null) {
      // the change itself is valued as of its own event date: with several upstream partitions
      // the market clock can run ahead of a change that was in flight
      final LocalDate asOf = EstimateRules.date(next.getUpdatedAt());
      if (!done.contains(propertyId) || !asOf.equals(clock)) {
        final RegionIndex index = currentIndex(market, subdivisionOf(next), asOf);
        estimate(
            record, market, List.of(KeyValue.pair(propertyId, next)), index, asOf, stats, true);
      }
    }
  }

  // ---- sale points and membership --------------------------------------------------------------

  /**
   * Applies the difference of the property's sale points; true when one before the clock changed.
   */
  private boolean updateSalePoints(
      final String market, final Property previous, final Property next, final LocalDate clock) {
    final Map<String, EstimateRules.SalePoint> before = pointKeys(market, previous);
    final Map<String, EstimateRules.SalePoint> after = pointKeys(market, next);
    boolean changedBeforeClock = false;
    for (final Map.Entry<String, EstimateRules.SalePoint> old : before.entrySet()) {
      final EstimateRules.SalePoint now = after.get(old.getKey());
      if (now == null || now.pricePerSqft() != old.getValue().pricePerSqft()) {
        salePoints.delete(old.getKey());
        changedBeforeClock |= clock != null && old.getValue().date().isBefore(clock);
      }
    }
    for (final Map.Entry<String, EstimateRules.SalePoint> added : after.entrySet()) {
      final EstimateRules.SalePoint was = before.get(added.getKey());
      if (was == null || was.pricePerSqft() != added.getValue().pricePerSqft()) {
        salePoints.put(added.getKey(), added.getValue().pricePerSqft());
        changedBeforeClock |= clock != null && added.getValue().date().isBefore(clock);
      }
    }
    return changedBeforeClock;
  }

  /** Store keys of a property's points: one per subdivision index, one per city index. */
  private static Map<String, EstimateRules.SalePoint> pointKeys(
      final String market, final Property property) {
    final Map<String, EstimateRules.SalePoint> keys = new HashMap<>();
    if (property == null) {
      return keys;
    }
    final String subdivision = subdivisionOf(property);
    for (final EstimateRules.SalePoint point : EstimateRules.salePoints(property)) {
      final String suffix =
          SEP + point.date().toString() + SEP + property.getPropertyId() + SEP + point.sourceKey();
      keys.put(SUBDIVISION_POINTS + SEP + market + SEP + subdivision + suffix, point);
      keys.put(CITY_POINTS + SEP + market + suffix, point);
    }
    return keys;
  }

  private void updateMembership(
      final String market, final String propertyId, final Property previous, final Property next) {
    final String before =
        previous == null ? null : memberKey(market, subdivisionOf(previous), propertyId);
    final String after = next == null ? null : memberKey(market, subdivisionOf(next), propertyId);
    if (before != null && !before.equals(after)) {
      members.delete(before);
    }
    if (after != null && !after.equals(before)) {
      members.put(after, propertyId);
    }
  }

  private static String memberKey(
      final String market, final String subdivision, final String propertyId) {
    return market + SEP + subdivision + SEP + propertyId;
  }

  private static String subdivisionOf(final Property property) {
    final String subdivision = property.getAddress().getSubdivision();
    return subdivision == null ? "" : subdivision;
  }

  // ---- regional index --------------------------------------------------------------------------

  /** Recomputes every subdivision index of the market; re-estimates the members of changed ones. */
  private void refreshRegions(
      final Record<String, EstimateInput> record,
      final String market,
      final LocalDate clock,
      final Set<String> done,
      final Map<String, RegionStats> stats) {
    final List<KeyValue<String, RegionIndex>> entries = new ArrayList<>();
    try (KeyValueIterator<String, RegionIndex> it = regionIndex.prefixScan(market + SEP, KEYS)) {
      it.forEachRemaining(entries::add);
    }
    final CityWindows city = new CityWindows(market, clock);
    for (final KeyValue<String, RegionIndex> entry : entries) {
      final String subdivision = entry.key.substring(market.length() + 1);
      final RegionIndex fresh = computeIndex(market, subdivision, clock, city);
      if (!material(entry.value, fresh)) {
        continue;
      }
      regionIndex.put(entry.key, fresh);
      final List<KeyValue<String, Property>> group = new ArrayList<>();
      try (KeyValueIterator<String, String> it =
          members.prefixScan(market + SEP + subdivision + SEP, KEYS)) {
        while (it.hasNext()) {
          final String propertyId = it.next().value;
          final Property property = properties.get(propertyId);
          if (property != null) {
            group.add(KeyValue.pair(propertyId, property));
            done.add(propertyId);
          }
        }
      }
      estimate(record, market, group, fresh, clock, stats, false);
    }
  }

  /**
   * The subdivision's index as of the clock for a property estimated on its own. The stored index
   * (what the subdivision's members were last re-estimated with) is reused while it is current; a
   * subdivision seen for the first time is stored so region changes reach it.
   */
  private RegionIndex currentIndex(
      final String market, final String subdivision, final LocalDate clock) {
    final String key = market + SEP + subdivision;
    final RegionIndex stored = regionIndex.get(key);
    if (stored != null && stored.getAsOf().equals(clock)) {
      return stored;
    }
    final RegionIndex fresh = computeIndex(market, subdivision, clock);
    if (stored == null) {
      regionIndex.put(key, fresh);
    }
    return fresh;
  }

  /** True when moving from {@code applied} to {@code fresh} is a material region change. */
  static boolean material(final RegionIndex applied, final RegionIndex fresh) {
    final Double before = applied.getPricePerSqft();
    final Double after = fresh.getPricePerSqft();
    if (before == null || after == null) {
      return before != after;
    }
    return Math.abs(after - before) >= MATERIAL_INDEX_CHANGE * before;
  }

  private RegionIndex computeIndex(
      final String market, final String subdivision, final LocalDate clock) {
    return computeIndex(market, subdivision, clock, new CityWindows(market, clock));
  }

  /**
   * The city's windows as of one clock, read once however many subdivisions fall back to them
   * during one refresh.
   */
  private final class CityWindows {
    private final String prefix;
    private final LocalDate clock;
    private double[] window;
    private double[] before;

    CityWindows(final String market, final LocalDate clock) {
      this.prefix = CITY_POINTS + SEP + market + SEP;
      this.clock = clock;
    }

    double[] window() {
      if (window == null) {
        window = values(prefix, RegionalPriceIndex.windowStart(clock), clock);
      }
      return window;
    }

    double[] before() {
      if (before == null) {
        before = values(prefix, LocalDate.MIN, clock);
      }
      return before;
    }
  }

  private RegionIndex computeIndex(
      final String market,
      final String subdivision,
      final LocalDate clock,
      final CityWindows city) {
    final LocalDate from = RegionalPriceIndex.windowStart(clock);
    final String subdivisionPrefix = SUBDIVISION_POINTS + SEP + market + SEP + subdivision + SEP;
    final double[] local = values(subdivisionPrefix, from, clock);
    final RegionalPriceIndex.Selection selection;
    if (local.length >= RegionalPriceIndex.MIN_SALES) {
      selection = RegionalPriceIndex.select(local, new double[0], new double[0]);
    } else if (city.window().length >= RegionalPriceIndex.MIN_SALES) {
      selection = RegionalPriceIndex.select(local, city.window(), new double[0]);
    } else {
      selection = RegionalPriceIndex.select(local, city.window(), city.before());
    }
    return RegionIndex.newBuilder()
        .setPricePerSqft(selection.pricePerSqft())
        .setLevel(RegionIndexLevel.valueOf(selection.level().name()))
        .setAsOf(clock)
        .build();
  }

  /** The point values under {@code prefix} with dates in {@code [from, until)}. */
  private double[] values(final String prefix, final LocalDate from, final LocalDate until) {
    final String lower = from.equals(LocalDate.MIN) ? prefix : prefix + from;
    final String upper = prefix + until;
    final List<Double> out = new ArrayList<>();
    try (KeyValueIterator<String, Double> it = salePoints.range(lower, upper)) {
      while (it.hasNext()) {
        final KeyValue<String, Double> point = it.next();
        // the upper bound is inclusive in range(): points dated `until` start with upper + SEP
        if (!point.key.startsWith(upper)) {
          out.add(point.value);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private RegionStats statsOf(
      final String market,
      final String subdivision,
      final LocalDate clock,
      final Map<String, RegionStats> cache) {
    return cache.computeIfAbsent(
        subdivision + SEP + clock,
        k -> {
          final String s = subdivision;
          final String prefix = SUBDIVISION_POINTS + SEP + market + SEP + s + SEP;
          final List<RegionStats.Point> points = new ArrayList<>();
          try (KeyValueIterator<String, Double> it =
              salePoints.range(prefix + clock.minusMonths(12), prefix + clock)) {
            while (it.hasNext()) {
              final KeyValue<String, Double> point = it.next();
              final String date = point.key.substring(prefix.length(), prefix.length() + 10);
              points.add(new RegionStats.Point(LocalDate.parse(date), point.value));
            }
          }
          return RegionStats.of(points, clock);
        });
  }

  // ---- estimates and scores --------------------------------------------------------------------

  private void estimate(
      final Record<String, EstimateInput> record,
      final String market,
      final List<KeyValue<String, Property>> group,
      final RegionIndex index,
      final LocalDate clock,
      final Map<String, RegionStats> stats,
      final boolean propertyChanged) {
    if (group.isEmpty()) {
      return;
    }
    final List<PriceInput> inputs = new ArrayList<>(group.size());
    for (final KeyValue<String, Property> member : group) {
      inputs.add(input(member.value, clock, index.getPricePerSqft()));
    }
    final List<Optional<PriceModel.Estimate>> results = model.estimates(inputs);
    for (int i = 0; i < group.size(); i++) {
      final String propertyId = group.get(i).key;
      final Property property = group.get(i).value;
      final PriceEstimate previous = estimates.get(propertyId);
      PriceEstimate current = previous;
      if (results.get(i).isPresent()) {
        final PriceEstimate candidate =
            estimateRecord(property, results.get(i).get(), index, clock, List.of());
        if (!sameEstimate(previous, candidate)) {
          current = withFactors(candidate, inputs.get(i));
          estimates.put(propertyId, current);
          remember(current);
          forward(record, propertyId, EstimateOutput.Kind.ESTIMATE, current);
        }
      }
      if (current != previous || propertyChanged) {
        final PropertyScore score =
            PropertyScores.score(
                property, current, clock, statsOf(market, subdivisionOf(property), clock, stats));
        final PropertyScore before = scores.get(propertyId);
        if (!sameScore(before, score)) {
          scores.put(propertyId, score);
          forward(record, propertyId, EstimateOutput.Kind.SCORE, score);
        }
      }
    }
  }

  private static PriceInput input(
      final Property property, final LocalDate asOf, final Double regionPricePerSqft) {
    final Listing listing = property.getListing();
    return new PriceInput(
        property.getCharacteristics(),
        property.getAddress(),
        ExtendedCharacteristics.of(
            property.getCharacteristics(),
            listing == null ? null : listing.getSpecialListingConditions()),
        asOf,
        regionPricePerSqft);
  }

  private PriceEstimate estimateRecord(
      final Property property,
      final PriceModel.Estimate estimate,
      final RegionIndex index,
      final LocalDate clock,
      final List<Factor> factors) {
    final Listing listing = property.getListing();
    return PriceEstimate.newBuilder()
        .setPropertyId(property.getPropertyId())
        .setModelId(PriceModel.MODEL_ID)
        .setModelVersion(model.version())
        .setEstimateCents(wholeDollars(estimate.price()))
        .setLowCents(wholeDollars(estimate.low()))
        .setHighCents(wholeDollars(estimate.high()))
        .setAsOf(clock)
        .setCity(property.getAddress().getCity())
        .setSubdivision(property.getAddress().getSubdivision())
        .setRegionPricePerSqftCents(
            index.getPricePerSqft() == null ? null : Math.round(index.getPricePerSqft() * 100))
        .setRegionIndexLevel(index.getLevel())
        .setListPriceCents(
            listing != null && EstimateRules.isListed(listing) ? listing.getListPriceCents() : null)
        .setFactors(factors)
        .build();
  }

  private PriceEstimate withFactors(final PriceEstimate estimate, final PriceInput input) {
    final List<Factor> factors = new ArrayList<>(TOP_FACTORS);
    for (final PriceModel.Contribution c : model.explain(input, TOP_FACTORS)) {
      factors.add(new Factor(c.feature(), Math.round(c.effect() * 10_000) / 10_000.0));
    }
    return PriceEstimate.newBuilder(estimate).setFactors(factors).build();
  }

  /** Estimates are rounded to whole dollars: sub-dollar model noise is not a change. */
  private static long wholeDollars(final double dollars) {
    return Math.round(dollars) * 100;
  }

  /**
   * No material change: price and bounds within {@link #MATERIAL_ESTIMATE_CHANGE}, same model, list
   * price and region. The valuation date, the regional input and the factors alone are not a
   * change.
   */
  static boolean sameEstimate(final PriceEstimate a, final PriceEstimate b) {
    return a != null
        && close(a.getEstimateCents(), b.getEstimateCents())
        && close(a.getLowCents(), b.getLowCents())
        && close(a.getHighCents(), b.getHighCents())
        && a.getModelVersion().equals(b.getModelVersion())
        && Objects.equals(a.getListPriceCents(), b.getListPriceCents())
        && Objects.equals(a.getCity(), b.getCity())
        && Objects.equals(a.getSubdivision(), b.getSubdivision());
  }

  private static boolean close(final long a, final long b) {
    return Math.abs(a - b) < MATERIAL_ESTIMATE_CHANGE * Math.max(Math.abs(a), Math.abs(b));
  }

  private static boolean sameScore(final PropertyScore a, final PropertyScore b) {
    return a != null
        && a.getInvestment() == b.getInvestment()
        && a.getRisk() == b.getRisk()
        && a.getDevelopment() == b.getDevelopment()
        && a.getFormulaVersion().equals(b.getFormulaVersion())
        && a.getInvestmentFactors().equals(b.getInvestmentFactors())
        && a.getRiskFactors().equals(b.getRiskFactors())
        && a.getDevelopmentFactors().equals(b.getDevelopmentFactors());
  }

  // ---- live accuracy ---------------------------------------------------------------------------

  /**
   * Records, retracts or corrects accuracy samples: a sale new to the property whose close date is
   * not before its current estimate's valuation date adds a sample; a changed close price corrects
   * it; a sale that disappears retracts it.
   */
  private void updateSamples(
      final Record<String, EstimateInput> record,
      final String propertyId,
      final Property previous,
      final Property next) {
    final Map<LocalDate, Long> before = closes(previous);
    final Map<LocalDate, Long> after = closes(next);
    final Set<LocalDate> dates = new TreeSet<>(before.keySet());
    dates.addAll(after.keySet());
    dates.removeAll(moveSamples(record, propertyId, before, after));
    for (final LocalDate date : dates) {
      final PriceEstimate prior = priorEstimate(propertyId, date);
      final String key = propertyId + SEP + date;
      final AccuracySample sample = samples.get(key);
      final Long price = after.get(date);
      if (price == null) {
        if (sample != null) {
          samples.delete(key);
          forwardSample(record, sample, -1);
        }
      } else if (sample != null) {
        if (sample.getClosePriceCents() != price) {
          forwardSample(record, sample, -1);
          final AccuracySample corrected =
              AccuracySample.newBuilder(sample).setClosePriceCents(price).build();
          samples.put(key, corrected);
          forwardSample(record, corrected, +1);
        }
      } else if (!before.containsKey(date) && prior != null) {
        final AccuracySample added =
            AccuracySample.newBuilder()
                .setPropertyId(propertyId)
                .setCloseDate(date)
                .setClosePriceCents(price)
                .setEstimateCents(prior.getEstimateCents())
                .setLowCents(prior.getLowCents())
                .setHighCents(prior.getHighCents())
                .setEstimateAsOf(prior.getAsOf())
                .setModelVersion(prior.getModelVersion())
                .setCity(next.getAddress().getCity())
                .setSubdivision(next.getAddress().getSubdivision())
                .build();
        samples.put(key, added);
        forwardSample(record, added, +1);
      }
    }
  }

  /**
   * Keeps the sample of a sale whose close date moved (an MLS close and a county deed of one sale
   * merged under the other's date, at most {@value #SAME_SALE_DAYS} days apart): the sample follows
   * the sale to its new date and price. Returns the dates handled.
   */
  private Set<LocalDate> moveSamples(
      final Record<String, EstimateInput> record,
      final String propertyId,
      final Map<LocalDate, Long> before,
      final Map<LocalDate, Long> after) {
    final Set<LocalDate> handled = new HashSet<>();
    for (final LocalDate gone : before.keySet()) {
      final AccuracySample sample =
          after.containsKey(gone) ? null : samples.get(propertyId + SEP + gone);
      if (sample == null) {
        continue;
      }
      for (final LocalDate added : after.keySet()) {
        if (!before.containsKey(added)
            && !handled.contains(added)
            && Math.abs(added.toEpochDay() - gone.toEpochDay()) <= SAME_SALE_DAYS) {
          samples.delete(propertyId + SEP + gone);
          forwardSample(record, sample, -1);
          final AccuracySample moved =
              AccuracySample.newBuilder(sample)
                  .setCloseDate(added)
                  .setClosePriceCents(after.get(added))
                  .build();
          samples.put(propertyId + SEP + added, moved);
          forwardSample(record, moved, +1);
          handled.add(gone);
          handled.add(added);
          break;
        }
      }
    }
    return handled;
  }

  /** Estimates kept per property for {@link #priorEstimate}, newest valuation dates. */
  public static final int HISTORY_SIZE = 8;

  /** Keeps a published estimate under its valuation date; drops all but the newest few. */
  private void remember(final PriceEstimate estimate) {
    final String prefix = estimate.getPropertyId() + SEP;
    history.put(prefix + estimate.getAsOf(), estimate);
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, PriceEstimate> it =
        history.reverseRange(prefix, prefix + '\uffff')) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    keys.subList(Math.min(HISTORY_SIZE, keys.size()), keys.size()).forEach(history::delete);
  }

  private void forgetHistory(final String propertyId) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, PriceEstimate> it = history.prefixScan(propertyId + SEP, KEYS)) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(history::delete);
  }

  /**
   * The last estimate made before a close: the published estimate of the property with the latest
   * valuation date not after {@code closeDate}; null when none.
   */
  private PriceEstimate priorEstimate(final String propertyId, final LocalDate closeDate) {
    final String prefix = propertyId + SEP;
    try (KeyValueIterator<String, PriceEstimate> it =
        history.reverseRange(prefix, prefix + closeDate)) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  /** Close date → close price of a property's sales (the latest-listed sale of a date wins). */
  private static Map<LocalDate, Long> closes(final Property property) {
    final Map<LocalDate, Long> closes = new TreeMap<>();
    if (property != null) {
      for (final Sale sale : property.getSales()) {
        closes.put(sale.getCloseDate(), sale.getClosePriceCents());
      }
    }
    return closes;
  }

  private void forwardSample(
      final Record<String, EstimateInput> record, final AccuracySample sample, final int delta) {
    final AccuracyContribution contribution = new AccuracyContribution(delta, sample);
    final List<String> regions = new ArrayList<>(3);
    regions.add(ALL_REGIONS);
    if (sample.getCity() != null) {
      regions.add("city:" + sample.getCity());
    }
    if (sample.getSubdivision() != null) {
      regions.add("subdivision:" + sample.getSubdivision());
    }
    for (final String region : regions) {
      context.forward(
          record
              .withKey(region)
              .withValue(new EstimateOutput(EstimateOutput.Kind.ACCURACY, contribution)));
    }
  }

  private void forward(
      final Record<String, EstimateInput> record,
      final String propertyId,
      final EstimateOutput.Kind kind,
      final org.apache.avro.specific.SpecificRecord value) {
    context.forward(record.withKey(propertyId).withValue(new EstimateOutput(kind, value)));
    counters.recordOut(STAGE);
  }

  private static LocalDate max(final LocalDate a, final LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
