package io.midcoast.ml.lead;

/**
 * One feature's part in a score.
 *
 * @param feature feature name ({@link LeadFeatures#NAMES})
 * @param value the feature's raw value in the scored vector
 * @param contribution its additive contribution to the score's log-odds against the model's
 *     reference lead (the training mean for a trained model): positive raised the probability,
 *     negative lowered it
 */
public record Factor(String feature, double value, double contribution) {}
