/**
 * The lead-scoring model: the wire events of {@code feeds.lead.event} ({@link
 * io.midcoast.ml.lead.LeadEvent}), what is known about a lead as of a time ({@link
 * io.midcoast.ml.lead.LeadSnapshot}), the one feature vector computed from it for training and for
 * scoring alike ({@link io.midcoast.ml.lead.LeadFeatures}), the labelling rule ({@link
 * io.midcoast.ml.lead.LeadLabels}), scorers ({@link io.midcoast.ml.lead.LeadScorer}: a rule-based
 * fallback and a calibrated Tribuo model, boosted trees or logistic regression), the trainer, its
 * calibration and its model artifact ({@link io.midcoast.ml.lead.LeadTrainer}, {@link
 * io.midcoast.ml.lead.Calibration}, {@link io.midcoast.ml.lead.LeadModelArtifact}), drift
 * statistics ({@link io.midcoast.ml.lead.PopulationStability}) and a lead simulator with a known
 * ground truth ({@link io.midcoast.ml.lead.LeadSimulator}).
 *
 * <p>Everything here is pure and deterministic (fixed seeds), thread-safe, and free of Kafka: a
 * topology keeps a {@link io.midcoast.ml.lead.LeadSnapshot} per lead in a state store, folds each
 * event into it with {@link io.midcoast.ml.lead.LeadSnapshot#with}, and scores {@link
 * io.midcoast.ml.lead.LeadFeatures#vector} with the current {@link io.midcoast.ml.lead.LeadScorer}.
 * See docs/leads-model.md.
 */
package io.midcoast.ml.lead;
