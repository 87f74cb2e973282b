package io.midcoast.ml.lead;

/**
 * Scores a lead's {@link LeadFeatures} vector. Implementations are immutable, thread-safe and
 * deterministic (the same vector always gets the same score), so one instance serves every stream
 * thread; a new model means a new scorer.
 *
 * <ul>
 *   <li>{@link RuleBasedLeadScorer}: the documented fallback while no model is loaded;
 *   <li>{@link TribuoLeadScorer}: a trained, calibrated model (gradient-boosted trees; logistic
 *       regression for older artifacts), from {@link LeadModelArtifact#scorer()}.
 * </ul>
 */
public interface LeadScorer {

  /**
   * The score of {@code features}.
   *
   * @param features a vector of {@link LeadFeatures#NAMES}, in that order
   * @return probability of {@code closed_won} within 90 days, the model's id and version, and the
   *     top factors
   * @throws IllegalArgumentException when the vector's names are not {@link LeadFeatures#NAMES}
   */
  LeadScore score(FeatureVector features);

  /** The model family id. */
  String modelId();

  /** The model version. */
  String modelVersion();

  /** Checks that a vector has the lead layout. */
  static void requireLeadLayout(final FeatureVector features) {
    if (features.names() != LeadFeatures.NAMES && !features.names().equals(LeadFeatures.NAMES)) {
      throw new IllegalArgumentException("not a lead feature vector: " + features.names());
    }
  }
}
