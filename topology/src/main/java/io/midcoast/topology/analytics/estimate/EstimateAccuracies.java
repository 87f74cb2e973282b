package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateAccuracy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
 * are dropped from state.
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
    if (samples.isEmpty()) {
      return null;
    }
    final LocalDate end =
        samples.stream().map(AccuracySample::getCloseDate).max(LocalDate::compareTo).orElseThrow();
    final LocalDate start = end.minusDays(WINDOW_DAYS);
    final List<Integer> errors = new ArrayList<>();
    long withInterval = 0;
    long inInterval = 0;
    for (final AccuracySample sample : samples) {
      if (sample.getCloseDate().isAfter(start)) {
        errors.add(errorBps(sample));
        if (sample.getLowCents() != null && sample.getHighCents() != null) {
          withInterval++;
          if (sample.getLowCents() <= sample.getClosePriceCents()
              && sample.getClosePriceCents() <= sample.getHighCents()) {
            inInterval++;
          }
        }
      }
    }
    errors.sort(Comparator.naturalOrder());
    final int n = errors.size();
    final int median =
        n % 2 == 1
            ? errors.get(n / 2)
            : (int) Math.floorDiv((long) errors.get(n / 2 - 1) + errors.get(n / 2) + 1, 2);
    return EstimateAccuracy.newBuilder()
        .setRegion(region)
        .setSamples(n)
        .setWindowEnd(end)
        .setMdapeBps(median)
        .setWithin5Bps(share(errors, 500))
        .setWithin10Bps(share(errors, 1_000))
        .setWithin20Bps(share(errors, 2_000))
        .setInIntervalBps(withInterval == 0 ? null : bps(inInterval, withInterval))
        .build();
  }

  /** {@code count / total} in basis points, rounded half up. */
  private static int bps(final long count, final long total) {
    return (int) ((count * 10_000L * 2 + total) / (2L * total));
  }

  private static int share(final List<Integer> errors, final int limitBps) {
    return bps(errors.stream().filter(e -> e <= limitBps).count(), errors.size());
  }
}
