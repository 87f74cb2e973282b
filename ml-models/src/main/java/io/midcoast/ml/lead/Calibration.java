package io.midcoast.ml.lead;

/**
 * Platt scaling of a model's log-odds: {@code calibrated log-odds = intercept + slope × raw
 * log-odds}, {@code probability = σ(calibrated log-odds)}. Affine in log-odds, so a score's factors
 * (additive contributions to the raw log-odds) map exactly: each is multiplied by {@code slope}.
 *
 * <p>{@link #fit} fits it by maximum likelihood (Newton's method) on a calibration slice that the
 * model was not trained on, with Platt's smoothed targets ({@code (n₊ + 1)/(n₊ + 2)} for positives,
 * {@code 1/(n₋ + 2)} for negatives) and a weak pull towards the identity (as if the identity had
 * been seen on {@value #PRIOR_WEIGHT} examples), so that a small or one-sided slice cannot produce
 * an extreme mapping.
 *
 * @param intercept added to the scaled log-odds
 * @param slope multiplies the raw log-odds (positive)
 */
public record Calibration(double intercept, double slope) {

  /** No change: {@code (0, 1)}. */
  public static final Calibration IDENTITY = new Calibration(0.0, 1.0);

  /** Weight of the pull towards the identity, in examples. */
  static final double PRIOR_WEIGHT = 2.0;

  /** Checks the slope. */
  public Calibration {
    if (!(slope > 0) || !Double.isFinite(intercept) || !Double.isFinite(slope)) {
      throw new IllegalArgumentException("invalid calibration: " + intercept + ", " + slope);
    }
  }

  /** The calibrated log-odds of raw log-odds {@code logit}. */
  public double logOdds(final double logit) {
    return intercept + slope * logit;
  }

  /** The calibrated probability of raw log-odds {@code logit}. */
  public double probability(final double logit) {
    return LeadScore.sigmoid(logOdds(logit));
  }

  /**
   * The calibration of raw log-odds {@code logits} against 0/1 {@code labels} (same length); {@link
   * #IDENTITY} when there are none.
   */
  public static Calibration fit(final double[] logits, final int[] labels) {
    if (logits.length != labels.length) {
      throw new IllegalArgumentException("lengths differ");
    }
    if (logits.length == 0) {
      return IDENTITY;
    }
    int positives = 0;
    for (final int y : labels) {
      positives += y;
    }
    final double high = (positives + 1.0) / (positives + 2.0);
    final double low = 1.0 / (labels.length - positives + 2.0);
    double a = 0.0;
    double b = 1.0;
    double loss = loss(logits, labels, high, low, a, b);
    for (int iteration = 0; iteration < 100; iteration++) {
      // gradient and Hessian of the mean loss plus the prior (PRIOR_WEIGHT/2)·(a² + (b−1)²)/n
      final double n = logits.length;
      double ga = PRIOR_WEIGHT * a / n;
      double gb = PRIOR_WEIGHT * (b - 1.0) / n;
      double haa = PRIOR_WEIGHT / n;
      double hab = 0.0;
      double hbb = PRIOR_WEIGHT / n;
      for (int i = 0; i < logits.length; i++) {
        final double p = LeadScore.sigmoid(a + b * logits[i]);
        final double t = labels[i] == 1 ? high : low;
        final double w = Math.max(p * (1 - p), 1e-12) / n;
        ga += (p - t) / n;
        gb += (p - t) * logits[i] / n;
        haa += w;
        hab += w * logits[i];
        hbb += w * logits[i] * logits[i];
      }
      final double det = haa * hbb - hab * hab;
      if (!(det > 0)) {
        break;
      }
      final double da = (hbb * ga - hab * gb) / det;
      final double db = (haa * gb - hab * ga) / det;
      double step = 1.0;
      double next = Double.POSITIVE_INFINITY;
      while (step > 1e-6) {
        next = loss(logits, labels, high, low, a - step * da, b - step * db);
        if (next <= loss && b - step * db > 0) {
          break;
        }
        step /= 2;
      }
      if (step <= 1e-6) {
        break;
      }
      a -= step * da;
      b -= step * db;
      final boolean converged = loss - next < 1e-12;
      loss = next;
      if (converged) {
        break;
      }
    }
    return new Calibration(a, b);
  }

  private static double loss(
      final double[] logits,
      final int[] labels,
      final double high,
      final double low,
      final double a,
      final double b) {
    double sum = 0.0;
    for (int i = 0; i < logits.length; i++) {
      final double z = a + b * logits[i];
      final double t = labels[i] == 1 ? high : low;
      // −[t·ln σ(z) + (1 − t)·ln(1 − σ(z))] = softplus(z) − t·z
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return (sum + PRIOR_WEIGHT / 2 * (a * a + (b - 1) * (b - 1))) / logits.length;
  }
}
