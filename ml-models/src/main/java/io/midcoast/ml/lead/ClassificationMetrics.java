package io.midcoast.ml.lead;

/**
 * Metrics of probabilities against 0/1 labels.
 *
 * <ul>
 *   <li>AUC: the Mann–Whitney statistic, ties counted as half (mid-ranks);
 *   <li>log loss: mean of {@code −[y·ln p + (1 − y)·ln(1 − p)]}, p clipped to [1e-15, 1 − 1e-15];
 *   <li>expected calibration error (ECE): 10 equal-width probability bins [0, 0.1), …, [0.9, 1.0];
 *       {@code ECE = Σ_b (n_b / n)·|mean p_b − mean y_b|} over non-empty bins.
 * </ul>
 *
 * @param examples number of examples
 * @param positives number of label-1 examples
 * @param auc area under the ROC curve
 * @param logLoss mean log loss
 * @param ece expected calibration error
 */
public record ClassificationMetrics(
    int examples, int positives, double auc, double logLoss, double ece) {

  /** Number of equal-width bins of the calibration error. */
  public static final int ECE_BINS = 10;

  /** The metrics of {@code probabilities} against {@code labels} (same length). */
  public static ClassificationMetrics of(final double[] probabilities, final int[] labels) {
    if (probabilities.length != labels.length) {
      throw new IllegalArgumentException("lengths differ");
    }
    int positives = 0;
    for (final int y : labels) {
      positives += y;
    }
    return new ClassificationMetrics(
        labels.length,
        positives,
        auc(probabilities, labels),
        logLoss(probabilities, labels),
        ece(probabilities, labels));
  }

  /** The AUC (NaN when one class is missing). */
  public static double auc(final double[] scores, final int[] labels) {
    final int n = scores.length;
    final Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      final double midRank = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSumPositives += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    final long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0)
        / (positives * (double) negatives);
  }

  /** The mean log loss. */
  public static double logLoss(final double[] probabilities, final int[] labels) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      final double p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
      sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return labels.length == 0 ? Double.NaN : sum / labels.length;
  }

  /** The expected calibration error over {@value #ECE_BINS} equal-width bins. */
  public static double ece(final double[] probabilities, final int[] labels) {
    final double[] sumP = new double[ECE_BINS];
    final double[] sumY = new double[ECE_BINS];
    final int[] count = new int[ECE_BINS];
    for (int i = 0; i < labels.length; i++) {
      final int b = Math.min(ECE_BINS - 1, Math.max(0, (int) (probabilities[i] * ECE_BINS)));
      sumP[b] += probabilities[i];
      sumY[b] += labels[i];
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (count[b] > 0) {
        ece += Math.abs(sumP[b] - sumY[b]) / labels.length;
      }
    }
    return labels.length == 0 ? Double.NaN : ece;
  }
}
