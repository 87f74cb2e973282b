package io.midcoast.ml.lead;

import java.util.ArrayList;
import java.util.List;

/**
 * Drift of the live feature distribution against the training sample: the population stability
 * index per feature,
 *
 * <pre>
 * PSI = Σ_b (a_b − e_b) · ln(a_b / e_b)
 * </pre>
 *
 * over the training-sample bins of the feature ({@link FeatureBins}, stored in the model artifact),
 * with {@code e_b} the training share and {@code a_b} the live-window share of bin b, both floored
 * at {@link #EPSILON} (an empty bin would otherwise make the index infinite). PSI above {@link
 * #ALERT_THRESHOLD} (0.2) is the usual sign of a significant shift: alert.
 */
public final class PopulationStability {

  /** PSI above which a feature's drift is alerted. */
  public static final double ALERT_THRESHOLD = 0.2;

  /** Floor of a bin share in the formula. */
  public static final double EPSILON = 1e-4;

  /**
   * The drift of one feature.
   *
   * @param feature feature name
   * @param psi population stability index
   * @param alert whether psi exceeds {@link #ALERT_THRESHOLD}
   */
  public record FeatureDrift(String feature, double psi, boolean alert) {}

  private PopulationStability() {}

  /** The PSI of live {@code values} against {@code bins}. */
  public static double psi(final FeatureBins bins, final double[] values) {
    final double[] expected = bins.proportions();
    final double[] actual = bins.shares(values);
    double psi = 0;
    for (int b = 0; b < expected.length; b++) {
      final double e = Math.max(EPSILON, expected[b]);
      final double a = Math.max(EPSILON, actual[b]);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /**
   * The drift of every feature of a live window of vectors against the training bins (in the order
   * of {@code bins}).
   */
  public static List<FeatureDrift> drift(
      final List<FeatureBins> bins, final List<FeatureVector> window) {
    final List<FeatureDrift> out = new ArrayList<>(bins.size());
    for (final FeatureBins b : bins) {
      final int index = LeadFeatures.NAMES.indexOf(b.feature());
      final double[] values = new double[window.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = window.get(r).value(index);
      }
      final double psi = psi(b, values);
      out.add(new FeatureDrift(b.feature(), psi, psi > ALERT_THRESHOLD));
    }
    return out;
  }

  /** The features whose drift is alerted. */
  public static List<FeatureDrift> alerts(
      final List<FeatureBins> bins, final List<FeatureVector> window) {
    return drift(bins, window).stream().filter(FeatureDrift::alert).toList();
  }
}
