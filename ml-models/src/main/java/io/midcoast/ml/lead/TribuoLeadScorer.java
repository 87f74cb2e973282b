package io.midcoast.ml.lead;

import io.midcoast.ml.tree.TreeContributions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * Scores with a trained Tribuo classifier (labels {@value #POSITIVE} / {@value #NEGATIVE}) and its
 * {@link Calibration}: either gradient-boosted trees ({@link XGBoostModel}, two-class {@code
 * multi:softprob}; the default since version 2 of the trainer) or a logistic regression ({@link
 * LinearSGDModel} with a log-loss objective; earlier models).
 *
 * <p>The model reads standardized features: {@code zᵢ = (tᵢ(xᵢ) − meanᵢ) / sdᵢ} with {@code tᵢ} the
 * feature's {@link LeadFeatures#transform model transform} and the mean and standard deviation of
 * the transformed training sample (a feature constant in training has {@code zᵢ = 0}). Its raw
 * log-odds {@code r(z)} and their decomposition into a reference plus one contribution per feature
 * are exact:
 *
 * <ul>
 *   <li>logistic regression: {@code r = b + Σ βᵢ·zᵢ}, {@code βᵢ = w₁ᵢ − w₀ᵢ} (the difference of the
 *       two label rows of the weight matrix); contribution {@code βᵢ·zᵢ}, reference {@code b} (a
 *       lead at the training mean);
 *   <li>trees: {@code r = Σ leaves of class 1's trees − Σ leaves of class 0's trees} (the softmax
 *       base scores cancel); contributions by the path method ({@link TreeContributions}: each
 *       split on the row's path hands the change of the expected value to its feature), reference
 *       the difference of the roots' expected values (an average training lead).
 * </ul>
 *
 * <p>The probability is {@code σ(a + s·r)} with the calibration's intercept {@code a} and slope
 * {@code s}; the factors are {@code s × contribution}, in the calibrated log-odds, so that {@link
 * #intercept()} ({@code a + s × reference}) plus every feature's factor is exactly the logit of the
 * probability. The trees are evaluated from their dump in plain Java (no JNI call per score); they
 * agree with Tribuo's prediction to float rounding (tested).
 *
 * <p>Immutable and thread-safe.
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
  private final Calibration calibration;
  // logistic regression: per-feature weights and intercept; empty / unused for trees
  private final double[] beta;
  private final double rawIntercept;
  // trees
  private final TreeContributions trees;
  private final int[] treeColumn;
  private final int treeColumns;
  private final double[] classWeights;
  private final String[] names;

  /**
   * An uncalibrated scorer ({@link Calibration#IDENTITY}).
   *
   * @param model a Tribuo {@link XGBoostModel} or {@link LinearSGDModel} trained on standardized
   *     {@link LeadFeatures}
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
    this(model, means, sds, modelId, version, Calibration.IDENTITY);
  }

  /**
   * A scorer.
   *
   * @param model a Tribuo {@link XGBoostModel} or {@link LinearSGDModel} trained on standardized
   *     {@link LeadFeatures}
   * @param means mean of each transformed feature in the training sample
   * @param sds standard deviation of each transformed feature in the training sample
   * @param modelId model family id
   * @param version model version
   * @param calibration mapping of the model's log-odds (null: identity)
   */
  public TribuoLeadScorer(
      final Model<Label> model,
      final double[] means,
      final double[] sds,
      final String modelId,
      final String version,
      final Calibration calibration) {
    this.model = Objects.requireNonNull(model, "model");
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.version = Objects.requireNonNull(version, "version");
    this.calibration = calibration == null ? Calibration.IDENTITY : calibration;
    if (means.length != LeadFeatures.size() || sds.length != LeadFeatures.size()) {
      throw new IllegalArgumentException("standardization does not match the lead features");
    }
    this.means = means.clone();
    this.sds = sds.clone();
    this.names = LeadFeatures.NAMES.toArray(new String[0]);
    final int pos = model.getOutputIDInfo().getID(new Label(POSITIVE));
    final int neg = model.getOutputIDInfo().getID(new Label(NEGATIVE));
    if (pos < 0 || neg < 0 || model.getOutputIDInfo().size() != 2) {
      throw new IllegalArgumentException("model labels are not {0, 1}");
    }
    final int featureCount = model.getFeatureIDMap().size();
    if (model instanceof LinearSGDModel linear) {
      final DenseMatrix w = linear.getWeightsCopy();
      this.beta = new double[names.length];
      for (int i = 0; i < names.length; i++) {
        final int id = model.getFeatureIDMap().getID(names[i]);
        if (id >= 0) {
          beta[i] = w.get(pos, id) - w.get(neg, id);
        }
      }
      this.rawIntercept = w.get(pos, featureCount) - w.get(neg, featureCount);
      this.trees = null;
      this.treeColumn = null;
      this.treeColumns = 0;
      this.classWeights = null;
    } else if (model instanceof XGBoostModel<Label> boosted) {
      if (boosted.getInnerModels().size() != 1) {
        throw new IllegalArgumentException("expected one booster");
      }
      this.trees = TreeContributions.of(boosted.getInnerModels().get(0), 2);
      this.treeColumn = new int[names.length];
      for (int i = 0; i < names.length; i++) {
        treeColumn[i] = model.getFeatureIDMap().getID(names[i]);
      }
      this.treeColumns = featureCount;
      this.classWeights = new double[2];
      classWeights[pos] = 1.0;
      classWeights[neg] = -1.0;
      this.beta = new double[0];
      this.rawIntercept =
          trees.explain(new float[featureCount], classWeights, new double[featureCount]);
    } else {
      throw new IllegalArgumentException(
          "neither boosted trees nor a linear SGD classifier: " + model.getClass().getName());
    }
  }

  @Override
  public LeadScore score(final FeatureVector features) {
    LeadScorer.requireLeadLayout(features);
    final double[] x = features.valuesUnsafe();
    final double[] contributions = new double[x.length];
    final double raw = explain(x, contributions);
    final double slope = calibration.slope();
    for (int i = 0; i < contributions.length; i++) {
      contributions[i] *= slope;
    }
    return new LeadScore(
        Math.min(1.0, Math.max(0.0, calibration.probability(raw))),
        modelId,
        version,
        LeadScore.topFactors(LeadFeatures.NAMES, x, contributions, LeadScore.TOP_FACTORS));
  }

  /**
   * The raw (uncalibrated) log-odds of raw feature values {@code x}; adds each feature's
   * contribution to the raw log-odds to {@code contributions} (LeadFeatures order).
   */
  private double explain(final double[] x, final double[] contributions) {
    final double[] z = standardize(x);
    if (trees == null) {
      double logit = rawIntercept;
      for (int i = 0; i < z.length; i++) {
        contributions[i] += beta[i] * z[i];
        logit += beta[i] * z[i];
      }
      return logit;
    }
    final float[] row = new float[treeColumns];
    for (int i = 0; i < z.length; i++) {
      if (treeColumn[i] >= 0) {
        row[treeColumn[i]] = (float) z[i];
      }
    }
    final double[] byColumn = new double[treeColumns];
    double logit = trees.explain(row, classWeights, byColumn);
    for (int i = 0; i < z.length; i++) {
      if (treeColumn[i] >= 0) {
        contributions[i] += byColumn[treeColumn[i]];
        logit += byColumn[treeColumn[i]];
      }
    }
    return logit;
  }

  /** The standardized, transformed features the model reads. */
  double[] standardize(final double[] x) {
    final double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = sds[i] > 0 ? (LeadFeatures.transform(i).apply(x[i]) - means[i]) / sds[i] : 0.0;
    }
    return z;
  }

  /** The model's log-odds before calibration. */
  double rawLogOdds(final FeatureVector features) {
    return explain(features.valuesUnsafe(), new double[features.size()]);
  }

  /** The calibrated log-odds: the logit of {@link LeadScore#probability()}. */
  double logOdds(final FeatureVector features) {
    return calibration.logOdds(rawLogOdds(features));
  }

  /**
   * Every feature's factor contribution (calibrated log-odds, {@link LeadFeatures} order); with
   * {@link #intercept()} they add up to {@link #logOdds}.
   */
  double[] contributions(final FeatureVector features) {
    final double[] c = new double[features.size()];
    explain(features.valuesUnsafe(), c);
    for (int i = 0; i < c.length; i++) {
      c[i] *= calibration.slope();
    }
    return c;
  }

  /**
   * Per-feature log-odds weights on the standardized scale, in {@link LeadFeatures} order, scaled
   * by the calibration slope; empty for a tree model (its contributions depend on the lead).
   */
  public List<Double> coefficients() {
    return Arrays.stream(beta).map(b -> b * calibration.slope()).boxed().toList();
  }

  /**
   * The calibrated log-odds of the reference lead (the training mean for a logistic regression, an
   * average training lead for trees): the logit of a score before its factors.
   */
  public double intercept() {
    return calibration.logOdds(rawIntercept);
  }

  /** The calibration applied to the model's log-odds. */
  public Calibration calibration() {
    return calibration;
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
