package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;
import java.util.List;

/**
 * The live-accuracy figures of one region from its samples (docs/estimates.md, "Live accuracy"). A
 * sample's absolute percentage error is |estimate − close| / close in basis points, rounded half
 * up. The window is the 365 days ending at the region's latest close date: samples with a close
 * date in {@code (windowEnd − 365 days, windowEnd]}. MdAPE is the exact median (an even count takes
 * the mean of the two middle values, rounded half up); within-N% is the share of samples with an
 * error of at most N%, in basis points rounded half up; in-interval is the share of the samples
 * carrying the estimate's 80% interval whose close price lies inside it (bounds included), null
 * when no sample carries one. Samples older than {@value #RETAIN_DAYS} days before the window end
 * are dropped from state. The figures are read from a region's {@link RegionSamples} without
 * sorting the window.
 */
public final class EstimateAccuracies {

  /** Length of the rolling window in days. */
  public static final int WINDOW_DAYS = 365;

  /** How long samples are kept behind the window end (so a retraction can reopen the window). */
  public static final int RETAIN_DAYS = 2 * WINDOW_DAYS;

  private EstimateAccuracies() {}

  /** The absolute percentage error of a sample in basis points. */
  public static int errorBps(final AccuracySample sample) {
    final long close = sample.getClosePriceCents();
    final long error = Math.abs(sample.getEstimateCents() - close);
    return (int) ((error * 10_000L * 2 + close) / (2 * close));
  }

  /**
   * The region's figures over its window, from its samples (any order, any dates), or null when it
   * has none.
   */
  public static EstimateAccuracy figures(final String region, final List<AccuracySample> samples) {
    final RegionSamples all = new RegionSamples();
    samples.forEach(all::add);
    return figures(region, all);
  }

  /** The region's figures over its window, or null when it has no sample. */
  static EstimateAccuracy figures(final String region, final RegionSamples samples) {
    final LocalDate end = samples.latestClose();
    if (end == null) {
      return null;
    }
    final LocalDate from = end.minusDays(WINDOW_DAYS - 1);
    final LocalDate until = end.plusDays(1);
    final DatedValues.Window errors = samples.errors(from, until);
    final int n = errors.size();
    final int median =
        n % 2 == 1
            ? (int) errors.valueAt(n / 2)
            : (int)
                Math.floorDiv(
                    (long) errors.valueAt(n / 2 - 1) + (long) errors.valueAt(n / 2) + 1, 2);
    final DatedValues.Window intervals = samples.intervals(from, until);
    final int withInterval = intervals.size();
    final int inInterval = withInterval - intervals.countAtMost(0.0);
    return EstimateAccuracy.newBuilder()
        .setRegion(region)
        .setSamples(n)
        .setWindowEnd(end)
        .setMdapeBps(median)
        .setWithin5Bps(bps(errors.countAtMost(500), n))
        .setWithin10Bps(bps(errors.countAtMost(1_000), n))
        .setWithin20Bps(bps(errors.countAtMost(2_000), n))
        .setInIntervalBps(withInterval == 0 ? null : bps(inInterval, withInterval))
        .build();
  }

  /** {@code count / total} in basis points, rounded half up. */
  private static int bps(final long count, final long total) {
    return (int) ((count * 10_000L * 2 + total) / (2L * total));
  }
}
