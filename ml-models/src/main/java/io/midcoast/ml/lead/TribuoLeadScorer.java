package io.midcoast.ml.lead;

import java.util.List;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;

/**
 * Scores with a trained Tribuo logistic regression ({@link LinearSGDModel} with a log-loss
 * objective, labels {@value #POSITIVE} / {@value #NEGATIVE}).
 *
 * <p>The model reads standardized features: {@code zᵢ = (tᵢ(xᵢ) − meanᵢ) / sdᵢ} with {@code tᵢ} the
 * feature's {@link LeadFeatures#transform model transform} and the mean and standard deviation of
 * the transformed training sample (a feature constant in training has {@code zᵢ = 0}). The
 * probability is Tribuo's prediction for label {@value #POSITIVE}. Because the model is linear in
 * {@code z}, its log-odds are exactly {@code b + Σ βᵢ·zᵢ} with {@code βᵢ = w₁ᵢ − w₀ᵢ} (the
 * difference of the two label rows of the weight matrix), so the contribution of feature i is
 * {@code βᵢ·zᵢ}: what it adds to the log-odds against a lead at the training mean.
 *
 * <p>Immutable and thread-safe (Tribuo models are safe for concurrent prediction).
 */
public final class TribuoLeadScorer implements LeadScorer {

  /** Label of leads that reached closed_won within 90 days. */
  public static final String POSITIVE = "1";

  /** Label of the others. */
  public static final String NEGATIVE = "0";

  private final Model<Label> model;
  private final String modelId;
  private final String version;
  private final double[] means;
  private final double[] sds;
  private final double[] beta;
  private final double intercept;
  private final String[] names;

  /**
   * A scorer.
   *
   * @param model a Tribuo {@link LinearSGDModel} trained on standardized {@link LeadFeatures}
   * @param means mean of each transformed feature in the training sample
   * @param sds standard deviation of each transformed feature in the training sample
   * @param modelId model family id
   * @param version model version
   */
  public TribuoLeadScorer(
      final Model<Label> model,
      final double[] means,
      final double[] sds,
      final String modelId,
      final String version) {
    this.model = Objects.requireNonNull(model, "model");
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.version = Objects.requireNonNull(version, "version");
    if (means.length != LeadFeatures.size() || sds.length != LeadFeatures.size()) {
      throw new IllegalArgumentException("standardization does not match the lead features");
    }
    if (!(model instanceof LinearSGDModel linear)) {
      throw new IllegalArgumentException(
          "not a linear SGD classifier: " + model.getClass().getName());
    }
    this.means = means.clone();
    this.sds = sds.clone();
    this.names = LeadFeatures.NAMES.toArray(new String[0]);
    final int pos = model.getOutputIDInfo().getID(new Label(POSITIVE));
    final int neg = model.getOutputIDInfo().getID(new Label(NEGATIVE));
    if (pos < 0 || neg < 0 || model.getOutputIDInfo().size() != 2) {
      throw new IllegalArgumentException("model labels are not {0, 1}");
    }
    final DenseMatrix w = linear.getWeightsCopy();
    final int featureCount = model.getFeatureIDMap().size();
    this.beta = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      final int id = model.getFeatureIDMap().getID(names[i]);
      if (id >= 0) {
        beta[i] = w.get(pos, id) - w.get(neg, id);
      }
    }
    this.intercept = w.get(pos, featureCount) - w.get(neg, featureCount);
  }

  @Override
  public LeadScore score(final FeatureVector features) {
    LeadScorer.requireLeadLayout(features);
    final double[] x = features.valuesUnsafe();
    final double[] z = standardize(x);
    final Prediction<Label> prediction =
        model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, z));
    final double probability = prediction.getOutputScores().get(POSITIVE).getScore();
    final double[] contributions = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      contributions[i] = beta[i] * z[i];
    }
    return new LeadScore(
        Math.min(1.0, Math.max(0.0, probability)),
        modelId,
        version,
        LeadScore.topFactors(LeadFeatures.NAMES, x, contributions, LeadScore.TOP_FACTORS));
  }

  /** The standardized, transformed features the model reads. */
  double[] standardize(final double[] x) {
    final double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = sds[i] > 0 ? (LeadFeatures.transform(i).apply(x[i]) - means[i]) / sds[i] : 0.0;
    }
    return z;
  }

  /** The log-odds computed from the weights alone: intercept + Σ contributions. */
  double logOdds(final FeatureVector features) {
    final double[] z = standardize(features.valuesUnsafe());
    double logit = intercept;
    for (int i = 0; i < z.length; i++) {
      logit += beta[i] * z[i];
    }
    return logit;
  }

  /** Per-feature log-odds weights on the standardized scale, in {@link LeadFeatures} order. */
  public List<Double> coefficients() {
    return java.util.Arrays.stream(beta).boxed().toList();
  }

  /** The log-odds of a lead at the training mean. */
  public double intercept() {
    return intercept;
  }

  /** The Tribuo model, with its provenance. */
  public Model<Label> tribuoModel() {
    return model;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public String modelVersion() {
    return version;
  }
}
