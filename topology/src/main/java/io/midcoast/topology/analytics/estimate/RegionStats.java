package io.midcoast.topology.analytics.estimate;

import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;

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
 * The medians are exact ({@link DatedValues.Window#median}); the mean and standard deviation agree
 * with a two-pass computation to about 1e-12 relative, far below the 0.01 points scores are rounded
 * to.
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

  /** The statistics of {@code points} (a subdivision's $/sqft by close date) as of {@code asOf}. */
  public static RegionStats of(final DatedValues points, final LocalDate asOf) {
    final LocalDate half = asOf.minusMonths(6);
    final LocalDate year = asOf.minusMonths(12);
    final DatedValues.Window recent = points.window(half, asOf);
    final DatedValues.Window prior = points.window(year, half);
    Double momentum = null;
    if (recent.size() >= MIN_HALF && prior.size() >= MIN_HALF) {
      momentum = recent.median() / prior.median() - 1.0;
    }
    final DatedValues.Window lastYear = points.window(year, asOf);
    Double dispersion = null;
    if (lastYear.size() >= MIN_YEAR) {
      final double mean = lastYear.mean();
      dispersion = mean > 0 ? Math.sqrt(lastYear.variance()) / mean : null;
    }
    return new RegionStats(momentum, dispersion);
  }
}
