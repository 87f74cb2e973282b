package io.midcoast.topology.analytics.estimate;

import io.midcoast.ml.price.RegionalPriceIndex;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of a subdivision's recent sales that the scores read, from its sales' close price per
 * square foot of living area as of a valuation date {@code asOf} (sales strictly before it):
 *
 * <ul>
 *   <li>{@code momentum} = median $/sqft of the 6 months before {@code asOf} / median of the 6
 *       months before those − 1; null unless both halves have at least {@value #MIN_HALF} sales;
 *   <li>{@code dispersion} = coefficient of variation (population standard deviation / mean) of the
 *       $/sqft of the 12 months before {@code asOf}; null under {@value #MIN_YEAR} sales.
 * </ul>
 *
 * @param momentum relative change of the median $/sqft, half-year over half-year
 * @param dispersion coefficient of variation of the last year's $/sqft
 */
public record RegionStats(Double momentum, Double dispersion) {

  /** Fewest sales in each half-year for a momentum. */
  public static final int MIN_HALF = 3;

  /** Fewest sales in the year for a dispersion. */
  public static final int MIN_YEAR = 5;

  /** No statistics. */
  public static final RegionStats NONE = new RegionStats(null, null);

  /** One sale's date and $/sqft. */
  public record Point(LocalDate date, double pricePerSqft) {}

  /** The statistics of {@code points} (any order, any dates) as of {@code asOf}. */
  public static RegionStats of(final List<Point> points, final LocalDate asOf) {
    final LocalDate half = asOf.minusMonths(6);
    final LocalDate year = asOf.minusMonths(12);
    final double[] recent = values(points, half, asOf);
    final double[] prior = values(points, year, half);
    final double[] lastYear = values(points, year, asOf);
    Double momentum = null;
    if (recent.length >= MIN_HALF && prior.length >= MIN_HALF) {
      momentum = RegionalPriceIndex.median(recent) / RegionalPriceIndex.median(prior) - 1.0;
    }
    Double dispersion = null;
    if (lastYear.length >= MIN_YEAR) {
      final double mean = Arrays.stream(lastYear).average().orElseThrow();
      final double variance =
          Arrays.stream(lastYear).map(v -> (v - mean) * (v - mean)).sum() / lastYear.length;
      dispersion = mean > 0 ? Math.sqrt(variance) / mean : null;
    }
    return new RegionStats(momentum, dispersion);
  }

  private static double[] values(
      final List<Point> points, final LocalDate from, final LocalDate to) {
    return points.stream()
        .filter(p -> !p.date().isBefore(from) && p.date().isBefore(to))
        .mapToDouble(Point::pricePerSqft)
        .toArray();
  }
}
