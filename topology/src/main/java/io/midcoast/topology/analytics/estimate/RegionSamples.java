package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracySample;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.LocalDate;

/**
 * The accuracy samples of one region, held in memory as what its figures read ({@link
 * EstimateAccuracies}): each sample's error in basis points by close date, and, for the samples
 * carrying the estimate's interval, 1 when the close lay inside it and 0 when not. A window's
 * median, shares and counts are then read without scanning or sorting the window ({@link
 * DatedValues}).
 */
final class RegionSamples {

  private final DatedValues errors = new DatedValues();
  private final DatedValues intervals = new DatedValues();

  /** Adds a sample. */
  void add(final AccuracySample sample) {
    errors.add(sample.getCloseDate(), EstimateAccuracies.errorBps(sample));
    if (hasInterval(sample)) {
      intervals.add(sample.getCloseDate(), inside(sample));
    }
  }

  /** Removes a sample that was added. */
  void remove(final AccuracySample sample) {
    errors.remove(sample.getCloseDate(), EstimateAccuracies.errorBps(sample));
    if (hasInterval(sample)) {
      intervals.remove(sample.getCloseDate(), inside(sample));
    }
  }

  /** The latest close date of a sample, null when there is none. */
  LocalDate latestClose() {
    return errors.lastDate();
  }

  /** The samples' errors in basis points closed in {@code [from, until)}. */
  DatedValues.Window errors(final LocalDate from, final LocalDate until) {
    return errors.window(from, until);
  }

  /**
   * For the samples closed in {@code [from, until)} that carry an interval: 1 when the close lay
   * inside it, else 0.
   */
  DatedValues.Window intervals(final LocalDate from, final LocalDate until) {
    return intervals.window(from, until);
  }

  /** The array reads and moves so far ({@link DatedValues#work()}). */
  long work() {
    return errors.work() + intervals.work();
  }

  private static boolean hasInterval(final AccuracySample sample) {
    return sample.getLowCents() != null && sample.getHighCents() != null;
  }

  private static double inside(final AccuracySample sample) {
    return sample.getLowCents() <= sample.getClosePriceCents()
            && sample.getClosePriceCents() <= sample.getHighCents()
        ? 1.0
        : 0.0;
  }
}
