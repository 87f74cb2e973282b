package io.midcoast.embedded.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The integer arithmetic of the market-trend figures (docs/analytics.md), written once for the test
 * oracles: division rounded half up, exact medians.
 */
public final class ExactFigures {

  private ExactFigures() {}

  /** {@code a / b} rounded half up, for a non-negative {@code a} and a positive {@code b}. */
  public static long halfUp(final long a, final long b) {
    return (2 * a + b) / (2 * b);
  }

  /**
   * The median as text, null of no value; of an even count the mean of the two middle values,
   * rounded half up.
   */
  public static String median(final List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    final List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    final int n = sorted.size();
    return Long.toString(
        n % 2 == 1 ? sorted.get(n / 2) : halfUp(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2));
  }
}
