package io.midcoast.topology.analytics.estimate;

import io.midcoast.ml.price.RegionalPriceIndex;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.schemas.RegionIndexLevel;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The regional price indexes of a market (the model's {@code region_ppsf}, {@link
 * RegionalPriceIndex#select}): keeps the market's {@link SalePoints}, which properties belong to
 * which subdivision (key {@code market␟subdivision␟propertyId}), and per subdivision the index its
 * members were last estimated with (key {@code market␟subdivision}); says which subdivisions
 * changed materially when the market's clock moves or a sale before it changes.
 */
public final class RegionIndexKeeper {

  /**
   * A region change is material when the subdivision's index moved by at least this fraction from
   * the index its members were last re-estimated with (or appeared or disappeared): only then are
   * the members re-estimated.
   */
  public static final double MATERIAL_INDEX_CHANGE = 0.02;

  private static final char SEP = '\u001f';
  private static final StringSerializer KEYS = new StringSerializer();

  private final SalePoints salePoints;
  private final KeyValueStore<String, String> members;
  private final KeyValueStore<String, RegionIndex> indexes;

  /**
   * @param salePoints the sale points of the task's markets
   * @param members the subdivision members: {@code market␟subdivision␟propertyId} → propertyId
   * @param indexes the index per {@code market␟subdivision} its members were last estimated with
   */
  public RegionIndexKeeper(
      final SalePoints salePoints,
      final KeyValueStore<String, String> members,
      final KeyValueStore<String, RegionIndex> indexes) {
    this.salePoints = salePoints;
    this.members = members;
    this.indexes = indexes;
  }

  /**
   * Applies a property's change to the market's sale points and subdivision members; true when a
   * sale point dated before {@code clock} was added, changed or removed.
   */
  public boolean apply(
      final String market,
      final String propertyId,
      final Property previous,
      final Property next,
      final LocalDate clock) {
    final boolean pointsChanged = salePoints.apply(market, previous, next, clock);
    final String before = previous == null ? null : memberKey(market, previous, propertyId);
    final String after = next == null ? null : memberKey(market, next, propertyId);
    if (before != null && !before.equals(after)) {
      members.delete(before);
    }
    if (after != null && !after.equals(before)) {
      members.put(after, propertyId);
    }
    return pointsChanged;
  }

  private static String memberKey(
      final String market, final Property property, final String propertyId) {
    return market + SEP + EstimateRules.subdivision(property) + SEP + propertyId;
  }

  /**
   * Recomputes every subdivision index of the market as of {@code clock}; for each that changed
   * materially ({@link #material}), stores it and hands it with the subdivision's member ids to
   * {@code reestimate}, one subdivision at a time.
   */
  public void refresh(
      final String market,
      final LocalDate clock,
      final BiConsumer<RegionIndex, List<String>> reestimate) {
    final List<KeyValue<String, RegionIndex>> entries = new ArrayList<>();
    try (KeyValueIterator<String, RegionIndex> it = indexes.prefixScan(market + SEP, KEYS)) {
      it.forEachRemaining(entries::add);
    }
    final CityWindows city = new CityWindows(market, clock);
    for (final KeyValue<String, RegionIndex> entry : entries) {
      final String subdivision = entry.key.substring(market.length() + 1);
      final RegionIndex fresh = compute(market, subdivision, clock, city);
      if (!material(entry.value, fresh)) {
        continue;
      }
      indexes.put(entry.key, fresh);
      final List<String> ids = new ArrayList<>();
      try (KeyValueIterator<String, String> it =
          members.prefixScan(market + SEP + subdivision + SEP, KEYS)) {
        it.forEachRemaining(member -> ids.add(member.value));
      }
      reestimate.accept(fresh, ids);
    }
  }

  /**
   * The index of the property's subdivision as of {@code asOf}, for a property estimated on its
   * own. The stored index (what the subdivision's members were last re-estimated with) is reused
   * while it is current; a subdivision seen for the first time is stored so region changes reach
   * it.
   */
  public RegionIndex current(final String market, final Property property, final LocalDate asOf) {
    final String subdivision = EstimateRules.subdivision(property);
    final String key = market + SEP + subdivision;
    final RegionIndex stored = indexes.get(key);
    if (stored != null && stored.getAsOf().equals(asOf)) {
      return stored;
    }
    final RegionIndex fresh = compute(market, subdivision, asOf, new CityWindows(market, asOf));
    if (stored == null) {
      indexes.put(key, fresh);
    }
    return fresh;
  }

  /**
   * The statistics of the property's subdivision as of {@code asOf} ({@link RegionStats}), read
   * once per subdivision and date through {@code cache}.
   */
  public RegionStats stats(
      final String market,
      final Property property,
      final LocalDate asOf,
      final Map<String, RegionStats> cache) {
    final String subdivision = EstimateRules.subdivision(property);
    return cache.computeIfAbsent(
        subdivision + SEP + asOf,
        k -> RegionStats.of(salePoints.subdivision(market, subdivision), asOf));
  }

  /** True when moving from {@code applied} to {@code fresh} is a material region change. */
  public static boolean material(final RegionIndex applied, final RegionIndex fresh) {
    final Double before = applied.getPricePerSqft();
    final Double after = fresh.getPricePerSqft();
    if (before == null || after == null) {
      return before != after;
    }
    return Math.abs(after - before) >= MATERIAL_INDEX_CHANGE * before;
  }

  private RegionIndex compute(
      final String market,
      final String subdivision,
      final LocalDate clock,
      final CityWindows city) {
    final RegionalPriceIndex.Values local =
        values(
            salePoints
                .subdivision(market, subdivision)
                .window(RegionalPriceIndex.windowStart(clock), clock));
    final RegionalPriceIndex.Values none = RegionalPriceIndex.Values.NONE;
    final RegionalPriceIndex.Selection selection;
    if (local.count() >= RegionalPriceIndex.MIN_SALES) {
      selection = RegionalPriceIndex.select(local, none, none);
    } else if (city.window().count() >= RegionalPriceIndex.MIN_SALES) {
      selection = RegionalPriceIndex.select(local, city.window(), none);
    } else {
      selection = RegionalPriceIndex.select(local, city.window(), city.before());
    }
    return RegionIndex.newBuilder()
        .setPricePerSqft(selection.pricePerSqft())
        .setLevel(RegionIndexLevel.valueOf(selection.level().name()))
        .setAsOf(clock)
        .build();
  }

  private static RegionalPriceIndex.Values values(final DatedValues.Window window) {
    return new RegionalPriceIndex.Values(window.size(), window::median);
  }

  /**
   * The city's windows as of one clock, opened once however many subdivisions fall back to them
   * during one refresh.
   */
  private final class CityWindows {
    private final String market;
    private final LocalDate clock;
    private RegionalPriceIndex.Values window;
    private RegionalPriceIndex.Values before;

    CityWindows(final String market, final LocalDate clock) {
      this.market = market;
      this.clock = clock;
    }

    RegionalPriceIndex.Values window() {
      if (window == null) {
        window =
            values(salePoints.city(market).window(RegionalPriceIndex.windowStart(clock), clock));
      }
      return window;
    }

    RegionalPriceIndex.Values before() {
      if (before == null) {
        before = values(salePoints.city(market).window(LocalDate.MIN, clock));
      }
      return before;
    }
  }
}
