package io.midcoast.ml.price;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The region's trailing median close price per square foot of living area as of a date, computed
 * only from sales closed strictly before that date (no information from the sale itself or after
 * it). The rule, also the contract for the live topology's trend store:
 *
 * <ol>
 *   <li>the subdivision's sales with close date in {@code [asOf − 12 months, asOf)}, when there are
 *       at least {@value #MIN_SALES};
 *   <li>else the city's sales in the same window, when at least {@value #MIN_SALES};
 *   <li>else the city's sales at any time before {@code asOf}, when at least one;
 *   <li>else unknown (null).
 * </ol>
 *
 * The median of an even count is the mean of the two middle values. Sales without a positive living
 * area are ignored. Instances are immutable.
 */
public final class RegionalPriceIndex {

  /** Length of the trailing window in months. */
  public static final int WINDOW_MONTHS = 12;

  /** Fewest sales in a window for its median to be used. */
  public static final int MIN_SALES = 5;

  private record Point(LocalDate date, double ppsf) {}

  private final Map<String, List<Point>> bySubdivision;
  private final Map<String, List<Point>> byCity;

  private RegionalPriceIndex(
      final Map<String, List<Point>> bySubdivision, final Map<String, List<Point>> byCity) {
    this.bySubdivision = bySubdivision;
    this.byCity = byCity;
  }

  /** An index over {@code sales}. */
  public static RegionalPriceIndex of(final List<ClosedSale> sales) {
    final Map<String, List<Point>> bySubdivision = new HashMap<>();
    final Map<String, List<Point>> byCity = new HashMap<>();
    for (final ClosedSale sale : sales) {
      final double ppsf = sale.pricePerSqft();
      if (!Double.isFinite(ppsf)) {
        continue;
      }
      final Point point = new Point(sale.closeDate(), ppsf);
      final String subdivision = sale.address().getSubdivision();
      if (subdivision != null) {
        bySubdivision.computeIfAbsent(subdivision, k -> new ArrayList<>()).add(point);
      }
      final String city = sale.address().getCity();
      if (city != null) {
        byCity.computeIfAbsent(city, k -> new ArrayList<>()).add(point);
      }
    }
    bySubdivision.replaceAll((k, v) -> sorted(v));
    byCity.replaceAll((k, v) -> sorted(v));
    return new RegionalPriceIndex(Map.copyOf(bySubdivision), Map.copyOf(byCity));
  }

  /** Which step of the rule gave the median. */
  public enum Level {
    /** The subdivision's window. */
    SUBDIVISION,
    /** The city's window. */
    CITY,
    /** The city's sales at any time before the date. */
    CITY_ALL_TIME,
    /** No history: the median is unknown. */
    NONE
  }

  /**
   * The outcome of the rule.
   *
   * @param pricePerSqft the median $/sqft, null for {@link Level#NONE}
   * @param level the step that gave it
   */
  public record Selection(Double pricePerSqft, Level level) {}

  /**
   * The $/sqft values one step of the rule sees: how many there are, and their median ({@link
   * #median(double[])}'s rule), asked only of the step that is used.
   *
   * @param count how many values
   * @param median their median (not asked when {@code count} is 0)
   */
  public record Values(int count, DoubleSupplier median) {

    /** No values. */
    public static final Values NONE = new Values(0, () -> Double.NaN);

    /** The values of {@code values} (any order). */
    public static Values of(final double[] values) {
      return new Values(values.length, () -> RegionalPriceIndex.median(values));
    }
  }

  /**
   * The rule itself, on the $/sqft values each step sees; shared by this index and the live
   * estimate topology, which keeps the same windows in its state stores and in memory.
   *
   * @param subdivisionWindow the subdivision's values in {@code [asOf − 12 months, asOf)}
   * @param cityWindow the city's values in the same window
   * @param cityBefore the city's values before {@code asOf}
   */
  public static Selection select(
      final Values subdivisionWindow, final Values cityWindow, final Values cityBefore) {
    if (subdivisionWindow.count() >= MIN_SALES) {
      return new Selection(subdivisionWindow.median().getAsDouble(), Level.SUBDIVISION);
    }
    if (cityWindow.count() >= MIN_SALES) {
      return new Selection(cityWindow.median().getAsDouble(), Level.CITY);
    }
    return cityBefore.count() > 0
        ? new Selection(cityBefore.median().getAsDouble(), Level.CITY_ALL_TIME)
        : new Selection(null, Level.NONE);
  }

  /** The first day of the trailing window of {@code asOf}. */
  public static LocalDate windowStart(final LocalDate asOf) {
    return asOf.minusMonths(WINDOW_MONTHS);
  }

  /**
   * The trailing median $/sqft for a property in {@code subdivision}/{@code city} as of {@code
   * asOf}.
   */
  public Double medianPricePerSqft(
      final String subdivision, final String city, final LocalDate asOf) {
    final LocalDate from = windowStart(asOf);
    final List<Point> cityPoints = byCity.get(city);
    return select(
            Values.of(window(bySubdivision.get(subdivision), from, asOf)),
            Values.of(window(cityPoints, from, asOf)),
            Values.of(window(cityPoints, LocalDate.MIN, asOf)))
        .pricePerSqft();
  }

  /** The trailing median $/sqft for {@code sale}'s region as of its close date. */
  public Double medianPricePerSqft(final ClosedSale sale) {
    return medianPricePerSqft(
        sale.address().getSubdivision(), sale.address().getCity(), sale.closeDate());
  }

  private static List<Point> sorted(final List<Point> points) {
    final List<Point> copy = new ArrayList<>(points);
    copy.sort(Comparator.comparing(Point::date));
    return List.copyOf(copy);
  }

  /** Values with date in [from, until). */
  private static double[] window(
      final List<Point> points, final LocalDate from, final LocalDate until) {
    if (points == null) {
      return new double[0];
    }
    final int start = lowerBound(points, from);
    final int end = lowerBound(points, until);
    final double[] values = new double[Math.max(0, end - start)];
    for (int i = start; i < end; i++) {
      values[i - start] = points.get(i).ppsf();
    }
    return values;
  }

  /** First index whose date is not before {@code date}. */
  private static int lowerBound(final List<Point> points, final LocalDate date) {
    int lo = 0;
    int hi = points.size();
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      if (points.get(mid).date().isBefore(date)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The median of {@code values} (not empty); the mean of the two middle values of an even count.
   */
  public static double median(final double[] values) {
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    final int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
