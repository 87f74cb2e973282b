package io.midcoast.ml.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lead score.
 *
 * @param probability probability that the lead reaches {@code closed_won} within 90 days
 * @param modelId the model family, e.g. {@code midcoast-lead} or {@code midcoast-lead-rules}
 * @param modelVersion the model version
 * @param factors the features that moved the score most, by decreasing |contribution| (at most
 *     {@link #TOP_FACTORS})
 */
public record LeadScore(
    double probability, String modelId, String modelVersion, List<Factor> factors) {

  /** How many factors a score carries. */
  public static final int TOP_FACTORS = 5;

  /** Checks fields and copies the factors. */
  public LeadScore {
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability out of [0, 1]: " + probability);
    }
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelVersion, "modelVersion");
    factors = List.copyOf(factors);
  }

  /**
   * The {@code k} largest contributions by absolute value (ties: feature order), zero contributions
   * left out.
   */
  static List<Factor> topFactors(
      final List<String> names, final double[] values, final double[] contributions, final int k) {
    final int[] best = new int[k];
    int count = 0;
    for (int i = 0; i < contributions.length; i++) {
      final double c = Math.abs(contributions[i]);
      if (c == 0.0 || Double.isNaN(c)) {
        continue;
      }
      int at = count;
      while (at > 0 && Math.abs(contributions[best[at - 1]]) < c) {
        at--;
      }
      if (at < k) {
        final int end = Math.min(count, k - 1);
        System.arraycopy(best, at, best, at + 1, end - at);
        best[at] = i;
        count = Math.min(k, count + 1);
      }
    }
    final List<Factor> out = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      final int i = best[j];
      out.add(new Factor(names.get(i), values[i], contributions[i]));
    }
    return out;
  }

  /** The logistic function. */
  static double sigmoid(final double logit) {
    return logit >= 0 ? 1.0 / (1.0 + Math.exp(-logit)) : Math.exp(logit) / (1.0 + Math.exp(logit));
  }
}
