package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.Property;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sale points of a market ({@link EstimateRules#salePoints}), kept twice: once under the
 * property's subdivision and once under its city, so that a subdivision's window and the city's
 * window are each one range scan. Keys: {@code S␟market␟subdivision␟date␟propertyId␟sourceKey} and
 * {@code C␟market␟date␟propertyId␟sourceKey} ({@code ␟} = U+001F); value: close price per sq ft in
 * dollars.
 */
public final class SalePoints {

  private static final char SEP = '\u001f';
  private static final String SUBDIVISION_POINTS = "S";
  private static final String CITY_POINTS = "C";

  private final KeyValueStore<String, Double> store;

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
    final Map<String, EstimateRules.SalePoint> before = keys(market, previous);
    final Map<String, EstimateRules.SalePoint> after = keys(market, next);
    boolean changedBeforeClock = false;
    for (final Map.Entry<String, EstimateRules.SalePoint> old : before.entrySet()) {
      final EstimateRules.SalePoint now = after.get(old.getKey());
      if (now == null || now.pricePerSqft() != old.getValue().pricePerSqft()) {
        store.delete(old.getKey());
        changedBeforeClock |= clock != null && old.getValue().date().isBefore(clock);
      }
    }
    for (final Map.Entry<String, EstimateRules.SalePoint> added : after.entrySet()) {
      final EstimateRules.SalePoint was = before.get(added.getKey());
      if (was == null || was.pricePerSqft() != added.getValue().pricePerSqft()) {
        store.put(added.getKey(), added.getValue().pricePerSqft());
        changedBeforeClock |= clock != null && added.getValue().date().isBefore(clock);
      }
    }
    return changedBeforeClock;
  }

  /** Store keys of a property's points: one per subdivision index, one per city index. */
  private static Map<String, EstimateRules.SalePoint> keys(
      final String market, final Property property) {
    final Map<String, EstimateRules.SalePoint> keys = new HashMap<>();
    if (property == null) {
      return keys;
    }
    final String subdivision = EstimateRules.subdivision(property);
    for (final EstimateRules.SalePoint point : EstimateRules.salePoints(property)) {
      final String suffix =
          SEP + point.date().toString() + SEP + property.getPropertyId() + SEP + point.sourceKey();
      keys.put(SUBDIVISION_POINTS + SEP + market + SEP + subdivision + suffix, point);
      keys.put(CITY_POINTS + SEP + market + suffix, point);
    }
    return keys;
  }

  /** The $/sqft of the subdivision's points dated in {@code [from, until)}. */
  public double[] subdivision(
      final String market, final String subdivision, final LocalDate from, final LocalDate until) {
    return values(subdivisionPrefix(market, subdivision), from, until);
  }

  /**
   * The $/sqft of the city's points dated in {@code [from, until)}; {@code from} {@link
   * LocalDate#MIN} means every point before {@code until}.
   */
  public double[] city(final String market, final LocalDate from, final LocalDate until) {
    return values(CITY_POINTS + SEP + market + SEP, from, until);
  }

  /**
   * The subdivision's points dated in {@code [asOf − 12 months, asOf)}, with their dates, for its
   * {@link RegionStats}.
   */
  public List<RegionStats.Point> lastYear(
      final String market, final String subdivision, final LocalDate asOf) {
    final String prefix = subdivisionPrefix(market, subdivision);
    final List<RegionStats.Point> points = new ArrayList<>();
    try (KeyValueIterator<String, Double> it =
        store.range(prefix + asOf.minusMonths(12), prefix + asOf)) {
      while (it.hasNext()) {
        final KeyValue<String, Double> point = it.next();
        final String date = point.key.substring(prefix.length(), prefix.length() + 10);
        points.add(new RegionStats.Point(LocalDate.parse(date), point.value));
      }
    }
    return points;
  }

  private static String subdivisionPrefix(final String market, final String subdivision) {
    return SUBDIVISION_POINTS + SEP + market + SEP + subdivision + SEP;
  }

  /** The point values under {@code prefix} with dates in {@code [from, until)}. */
  private double[] values(final String prefix, final LocalDate from, final LocalDate until) {
    final String lower = from.equals(LocalDate.MIN) ? prefix : prefix + from;
    final String upper = prefix + until;
    final List<Double> out = new ArrayList<>();
    try (KeyValueIterator<String, Double> it = store.range(lower, upper)) {
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
}
