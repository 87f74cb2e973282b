package io.midcoast.ml.price;

import java.util.Arrays;

/**
 * Accuracy of price estimates against close prices.
 *
 * @param count number of sales evaluated
 * @param mdape median absolute percentage error, as a fraction (0.065 = 6.5%)
 * @param within5 share of estimates within 5% of the close price
 * @param within10 share within 10%
 * @param within20 share within 20%
 * @param rmse root mean squared error in dollars
 * @param intervalCoverage share of close prices inside the 80% interval (NaN without intervals)
 */
public record Evaluation(
    int count,
    double mdape,
    double within5,
    double within10,
    double within20,
    double rmse,
    double intervalCoverage) {

  /**
   * Evaluates estimates {@code predicted[i]} of close prices {@code actual[i]} (dollars), with
   * optional interval bounds ({@code low}/{@code high} may be null).
   */
  public static Evaluation of(
      final double[] actual, final double[] predicted, final double[] low, final double[] high) {
    final int n = actual.length;
    if (n == 0 || predicted.length != n) {
      throw new IllegalArgumentException("need equally many, at least one, actual and predicted");
    }
    final double[] ape = new double[n];
    double squared = 0;
    int w5 = 0;
    int w10 = 0;
    int w20 = 0;
    int covered = 0;
    for (int i = 0; i < n; i++) {
      ape[i] = Math.abs(predicted[i] - actual[i]) / actual[i];
      squared += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
      w5 += ape[i] <= 0.05 ? 1 : 0;
      w10 += ape[i] <= 0.10 ? 1 : 0;
      w20 += ape[i] <= 0.20 ? 1 : 0;
      if (low != null && high != null && actual[i] >= low[i] && actual[i] <= high[i]) {
        covered++;
      }
    }
    Arrays.sort(ape);
    final double mdape = n % 2 == 1 ? ape[n / 2] : (ape[n / 2 - 1] + ape[n / 2]) / 2.0;
    return new Evaluation(
        n,
        mdape,
        (double) w5 / n,
        (double) w10 / n,
        (double) w20 / n,
        Math.sqrt(squared / n),
        low == null ? Double.NaN : (double) covered / n);
  }

  /** One line for logs and docs. */
  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "n=%d MdAPE=%.2f%% within5=%.1f%% within10=%.1f%% within20=%.1f%% RMSE=%.0f coverage80=%.1f%%",
        count,
        mdape * 100,
        within5 * 100,
        within10 * 100,
        within20 * 100,
        rmse,
        intervalCoverage * 100);
  }
}
