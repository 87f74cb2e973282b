package io.midcoast.ml.price;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tribuo.Trainer;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * One training run's choices: features, target, algorithm, hyper-parameters, seed, training-data
 * filter. Every field is recorded in the model summary.
 *
 * @param featureSet which features
 * @param target target transform
 * @param algorithm which Tribuo trainer
 * @param trees ensemble members (forests, boosting rounds)
 * @param maxDepth tree depth limit
 * @param minChildWeight minimum examples (weight) per leaf
 * @param featureFraction share of features tried per split (forests) or per tree (XGBoost)
 * @param eta XGBoost learning rate
 * @param subsample XGBoost row subsample per round
 * @param seed the seed of every random choice
 * @param maxTrainLivingArea training sales with a larger living area are left out (De Cock's
 *     advice: the few sales above 4,000 sq ft are partial sales and outliers); never applied to the
 *     holdout
 * @param calibrationFraction share of the training sales, latest first, held out to calibrate the
 *     80% interval
 */
public record TrainingConfig(
    FeatureSet featureSet,
    TargetTransform target,
    Algorithm algorithm,
    int trees,
    int maxDepth,
    float minChildWeight,
    float featureFraction,
    double eta,
    double subsample,
    long seed,
    int maxTrainLivingArea,
    double calibrationFraction) {

  /** The Tribuo trainers the command can run. */
  public enum Algorithm {
    /** Linear regression by SGD (AdaGrad) on standardized features. */
    LINEAR,
    /** A single CART regression tree. */
    CART,
    /** Random forest of CART trees (bootstrap, feature subsampling per split), averaged. */
    RANDOM_FOREST,
    /** Extremely randomized trees (random split points), averaged. */
    EXTRA_TREES,
    /** Gradient boosted trees (XGBoost 1.6 through tribuo-regression-xgboost). */
    XGBOOST
  }

  /** Checks the components. */
  public TrainingConfig {
    Objects.requireNonNull(featureSet, "featureSet");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(algorithm, "algorithm");
    if (calibrationFraction < 0 || calibrationFraction >= 1) {
      throw new IllegalArgumentException("calibrationFraction must be in [0, 1)");
    }
  }

  /** The shipped model's configuration. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(
        FeatureSet.EXTENDED,
        TargetTransform.LOG_PRICE,
        Algorithm.XGBOOST,
        800,
        6,
        3f,
        0.5f,
        0.02,
        0.7,
        20260101L,
        4000,
        0.15);
  }

  /** This configuration with another feature set. */
  public TrainingConfig withFeatureSet(final FeatureSet value) {
    return new TrainingConfig(
        value,
        target,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        seed,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** This configuration with another target. */
  public TrainingConfig withTarget(final TargetTransform value) {
    return new TrainingConfig(
        featureSet,
        value,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        seed,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** This configuration with another algorithm. */
  public TrainingConfig withAlgorithm(final Algorithm value) {
    return new TrainingConfig(
        featureSet,
        target,
        value,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        seed,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** This configuration with other tree hyper-parameters. */
  public TrainingConfig withTrees(
      final int newTrees,
      final int newMaxDepth,
      final float newMinChildWeight,
      final float newFeatureFraction) {
    return new TrainingConfig(
        featureSet,
        target,
        algorithm,
        newTrees,
        newMaxDepth,
        newMinChildWeight,
        newFeatureFraction,
        eta,
        subsample,
        seed,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** This configuration with other boosting parameters. */
  public TrainingConfig withBoosting(final double newEta, final double newSubsample) {
    return new TrainingConfig(
        featureSet,
        target,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        newEta,
        newSubsample,
        seed,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** This configuration with another training living-area cap. */
  public TrainingConfig withMaxTrainLivingArea(final int value) {
    return new TrainingConfig(
        featureSet,
        target,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        seed,
        value,
        calibrationFraction);
  }

  /** This configuration with another calibration share (0: no interval). */
  public TrainingConfig withCalibrationFraction(final double value) {
    return new TrainingConfig(
        featureSet,
        target,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        seed,
        maxTrainLivingArea,
        value);
  }

  /** This configuration with another seed. */
  public TrainingConfig withSeed(final long value) {
    return new TrainingConfig(
        featureSet,
        target,
        algorithm,
        trees,
        maxDepth,
        minChildWeight,
        featureFraction,
        eta,
        subsample,
        value,
        maxTrainLivingArea,
        calibrationFraction);
  }

  /** The Tribuo trainer of this configuration. Deterministic for a fixed seed (one thread). */
  public Trainer<Regressor> trainer() {
    return switch (algorithm) {
      case LINEAR ->
          new TransformTrainer<>(
              new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.05, 0.1), trees, 1000, seed),
              new TransformationMap(
                  java.util.List.of(),
                  new PriceFeatures(featureSet)
                      .numericFeatures().stream()
                          .collect(
                              java.util.stream.Collectors.toMap(
                                  name -> name,
                                  name -> java.util.List.of(new MeanStdDevTransformation())))),
              true);
      case CART ->
          new CARTRegressionTrainer(
              maxDepth, minChildWeight, 0f, 1f, false, new MeanSquaredError(), seed);
      case RANDOM_FOREST ->
          new RandomForestTrainer<>(
              new CARTRegressionTrainer(
                  maxDepth,
                  minChildWeight,
                  0f,
                  featureFraction,
                  false,
                  new MeanSquaredError(),
                  seed),
              new AveragingCombiner(),
              trees,
              seed);
      case EXTRA_TREES ->
          new ExtraTreesTrainer<>(
              new CARTRegressionTrainer(
                  maxDepth,
                  minChildWeight,
                  0f,
                  featureFraction,
                  true,
                  new MeanSquaredError(),
                  seed),
              new AveragingCombiner(),
              trees,
              seed);
      case XGBOOST ->
          new XGBoostRegressionTrainer(
              XGBoostRegressionTrainer.RegressionType.LINEAR,
              trees,
              eta,
              0.0,
              maxDepth,
              minChildWeight,
              subsample,
              featureFraction,
              1.0,
              0.0,
              1,
              true,
              seed);
    };
  }

  /** The hyper-parameters as a sorted map, for the summary. */
  public Map<String, Object> asMap() {
    final Map<String, Object> map = new TreeMap<>();
    map.put("featureSet", featureSet.name());
    map.put("target", target.name());
    map.put("algorithm", algorithm.name());
    map.put("trees", trees);
    map.put("maxDepth", maxDepth);
    map.put("minChildWeight", minChildWeight);
    map.put("featureFraction", featureFraction);
    map.put("eta", eta);
    map.put("subsample", subsample);
    map.put("seed", seed);
    map.put("maxTrainLivingArea", maxTrainLivingArea);
    map.put("calibrationFraction", calibrationFraction);
    return map;
  }

  /** A short label, e.g. {@code XGBOOST/EXTENDED/LOG_RATIO}. */
  public String label() {
    return String.join("/", algorithm.name(), featureSet.name(), target.name())
        .toUpperCase(Locale.ROOT);
  }
}
