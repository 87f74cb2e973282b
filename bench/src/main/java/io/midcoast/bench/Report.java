package io.midcoast.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The drivers' output: figures as plain {@code key: value} lines on standard output (what
 * docs/benchmarks.md quotes), progress notes prefixed {@code #}.
 */
final class Report {

  private Report() {}

  /** One figure line. */
  static void figure(final String name, final String format, final Object... args) {
    System.out.println(name + ": " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  /** A progress note. */
  static void note(final String text) {
    System.out.println("# " + text);
    System.out.flush();
  }

  /** {@code median / min / max} of {@code values}, formatted with {@code format}. */
  static String spread(final List<Double> values, final String format) {
    final List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    final int n = sorted.size();
    final double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return String.format(
        Locale.ROOT,
        "median " + format + " (min " + format + ", max " + format + ", n=%d)",
        median,
        sorted.get(0),
        sorted.get(n - 1),
        n);
  }
}
