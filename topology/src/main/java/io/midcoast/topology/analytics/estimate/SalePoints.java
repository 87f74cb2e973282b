package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.Property;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sale points of a market ({@link EstimateRules#salePoints}), kept twice: once under the
 * property's subdivision and once under its city. Keys: {@code
 * S␟market␟subdivision␟date␟propertyId␟sourceKey} and {@code C␟market␟date␟propertyId␟sourceKey}
 * ({@code ␟} = U+001F); value: close price per sq ft in dollars. The store is the state; each
 * region (a subdivision's or a city's points) is also held in memory as {@link DatedValues}, loaded
 * from the store by one prefix scan when the region is first read and then changed with the store,
 * so a window of a region is answered without reading or sorting its points (docs/estimates.md,
 * "Cost and limits"). An instance lives as long as its processor: a task that is re-initialized
 * after its state was restored or wiped starts with an empty memory and reloads from the store.
 */
public final class SalePoints {

  private static final char SEP = '\u001f';
  private static final String SUBDIVISION_POINTS = "S";
  private static final String CITY_POINTS = "C";
  private static final StringSerializer KEYS = new StringSerializer();

  /** A point's store key and the prefix of its region. */
  private record Keyed(String region, EstimateRules.SalePoint point) {}

  private final KeyValueStore<String, Double> store;
  private final Map<String, DatedValues> regions = new HashMap<>();

  /**
   * @param store the sale points of the task's markets
   */
  public SalePoints(final KeyValueStore<String, Double> store) {
    this.store = store;
  }

  /**
   * Applies the difference between a property's previous and next sale points; true when a point
   * dated before {@code clock} was added, changed or removed (never when {@code clock} is null).
   */
  public boolean apply(
      final String market, final Property previous, final Property next, final LocalDate clock) {
    final Map<String, Keyed> before = keys(market, previous);
    final Map<String, Keyed> after = keys(market, next);
    boolean changedBeforeClock = false;
    for (final Map.Entry<String, Keyed> old : before.entrySet()) {
      if (differs(old.getValue(), after.get(old.getKey()))) {
        delete(old.getKey(), old.getValue());
        changedBeforeClock |= clock != null && old.getValue().point().date().isBefore(clock);
      }
    }
    for (final Map.Entry<String, Keyed> added : after.entrySet()) {
      if (differs(added.getValue(), before.get(added.getKey()))) {
        put(added.getKey(), added.getValue());
        changedBeforeClock |= clock != null && added.getValue().point().date().isBefore(clock);
      }
    }
    return changedBeforeClock;
  }

  /**
   * True when {@code other} (a version's point under the same key, or null) is not {@code point}.
   */
  private static boolean differs(final Keyed point, final Keyed other) {
    return other == null || other.point().pricePerSqft() != point.point().pricePerSqft();
  }

  /** Store keys of a property's points: one per subdivision index, one per city index. */
  private static Map<String, Keyed> keys(final String market, final Property property) {
    final Map<String, Keyed> keys = new HashMap<>();
    if (property == null) {
      return keys;
    }
    final String subdivision = subdivisionPrefix(market, EstimateRules.subdivision(property));
    final String city = cityPrefix(market);
    for (final EstimateRules.SalePoint point : EstimateRules.salePoints(property)) {
      final String suffix =
          point.date().toString() + SEP + property.getPropertyId() + SEP + point.sourceKey();
      keys.put(subdivision + suffix, new Keyed(subdivision, point));
      keys.put(city + suffix, new Keyed(city, point));
    }
    return keys;
  }

  /**
   * Deletes a point from the store and, with the value the store held, from its region in memory (a
   * point the store does not hold, e.g. of a version kept under another market, changes nothing).
   */
  private void delete(final String key, final Keyed keyed) {
    final Double stored = store.get(key);
    if (stored != null) {
      store.delete(key);
      loaded(keyed.region()).ifPresent(values -> values.remove(keyed.point().date(), stored));
    }
  }

  private void put(final String key, final Keyed keyed) {
    final Double stored = store.get(key);
    final double value = keyed.point().pricePerSqft();
    store.put(key, value);
    loaded(keyed.region())
        .ifPresent(
            values -> {
              if (stored != null) {
                values.remove(keyed.point().date(), stored);
              }
              values.add(keyed.point().date(), value);
            });
  }

  /** The $/sqft of the subdivision's points by close date, every date. */
  public DatedValues subdivision(final String market, final String subdivision) {
    return region(subdivisionPrefix(market, subdivision));
  }

  /** The $/sqft of the city's points by close date, every date. */
  public DatedValues city(final String market) {
    return region(cityPrefix(market));
  }

  /**
   * The array reads and moves of every region in memory so far ({@link DatedValues#work()}), for
   * tests that bound the cost of a change.
   */
  public long work() {
    return regions.values().stream().mapToLong(DatedValues::work).sum();
  }

  private Optional<DatedValues> loaded(final String region) {
    return Optional.ofNullable(regions.get(region));
  }

  private DatedValues region(final String prefix) {
    return regions.computeIfAbsent(prefix, this::load);
  }

  /** The region's points read from the store. */
  private DatedValues load(final String prefix) {
    final DatedValues values = new DatedValues();
    try (KeyValueIterator<String, Double> it = store.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        final KeyValue<String, Double> point = it.next();
        final LocalDate date = dateOf(point.key, prefix);
        if (date != null) {
          values.add(date, point.value);
        }
      }
    }
    return values;
  }

  /**
   * The close date in a key under {@code prefix}; null for a key that only shares the prefix (the
   * points of a subdivision whose name continues this one's past a U+001F).
   */
  private static LocalDate dateOf(final String key, final String prefix) {
    final int end = key.indexOf(SEP, prefix.length());
    if (end < 0) {
      return null;
    }
    try {
      return LocalDate.parse(key.substring(prefix.length(), end));
    } catch (final DateTimeParseException notADate) {
      return null;
    }
  }

  private static String subdivisionPrefix(final String market, final String subdivision) {
    return SUBDIVISION_POINTS + SEP + market + SEP + subdivision + SEP;
  }

  private static String cityPrefix(final String market) {
    return CITY_POINTS + SEP + market + SEP;
  }
}
