package io.midcoast.ml.lead;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the lead model from labelled {@link LeadExample}s, whatever produced them (the topology's
 * {@code leads.example} topic, a file, a simulation): it never looks at anything but the examples.
 *
 * <ol>
 *   <li>Examples without a label are dropped. With {@link Config#decidedBefore} set, so are
 *       examples taken later than {@code decidedBefore − 90 days}: their positives are already
 *       known but their negatives not yet, which would bias the sample towards conversions.
 *   <li>Time-ordered split: the examples are sorted by {@code asOf} (then lead and event id); the
 *       latest {@link Config#holdoutFraction} are the holdout, only ever scored; of the rest, the
 *       latest {@link Config#calibrationFraction} are the calibration slice, the others are fit.
 *   <li>Each feature is transformed ({@link LeadFeatures#transform}) and standardized with the fit
 *       sample's mean and standard deviation.
 *   <li>The model ({@link Config#algorithm}): Tribuo XGBoost gradient-boosted trees ({@link
 *       Boosting}), a Tribuo {@link LinearSGDTrainer} logistic regression (logistic objective,
 *       AdaGrad), or by default both, keeping the one with the lower calibrated log loss on the
 *       calibration slice. Fixed seeds.
 *   <li>Calibration: Platt scaling of the model's log-odds ({@link Calibration}) fit on the
 *       calibration slice, stored in the artifact and applied by the scorer.
 *   <li>The holdout is scored with the artifact's scorer: AUC, log loss and expected calibration
 *       error ({@link ClassificationMetrics}).
 * </ol>
 *
 * <p>Class balance: conversions are rare (typically 10–25% of examples), but the examples are
 * neither re-weighted nor re-sampled, because the score must be a calibrated probability; log loss
 * on the natural base rate plus the calibration slice give that. The trainer requires at least
 * {@link #MIN_PER_CLASS} examples of each class in the training sample and records the counts. The
 * published model is the one evaluated (fit on the training sample only).
 */
public final class LeadTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(LeadTrainer.class);

  /** Fewest examples of each class the training sample must have. */
  public static final int MIN_PER_CLASS = 20;

  /** Default latest share of the non-holdout examples used to calibrate. */
  public static final double DEFAULT_CALIBRATION_FRACTION = 0.2;

  private static final Comparator<LeadExample> TIME_ORDER =
      Comparator.comparing(LeadExample::asOf)
          .thenComparing(LeadExample::leadId)
          .thenComparing(LeadExample::eventId);

  /** The model family a trainer fits. */
  public enum Algorithm {
    /**
     * Both below, each calibrated on the calibration slice; the one with the lower calibrated log
     * loss on that slice is published (the trees when there is no slice). The default: the trees
     * rank better with tens of thousands of leads, the logistic regression with a few hundred.
     */
    AUTO,
    /** Gradient-boosted trees (Tribuo XGBoost, two-class softmax). */
    BOOSTED_TREES,
    /** Logistic regression (Tribuo linear SGD, logistic loss, AdaGrad); the model before trees. */
    LOGISTIC_REGRESSION
  }

  /**
   * Settings of the boosted trees.
   *
   * @param trees boosting rounds (one tree per class per round)
   * @param maxDepth maximum tree depth
   * @param eta shrinkage
   * @param minChildWeight minimum hessian (≈ p(1 − p) × examples) in a leaf
   * @param subsample share of examples drawn for each round
   * @param threads XGBoost threads
   */
  public record Boosting(
      int trees, int maxDepth, double eta, double minChildWeight, double subsample, int threads) {

    /**
     * 400 rounds of depth-2 trees (pairwise interactions), eta 0.05, min child weight 50, subsample
     * 0.8, 2 threads. Deeper trees (3–4) fit the busy leads of the training window and rank the
     * holdout worse (see docs/leads-model.md).
     */
    public static final Boosting DEFAULT = new Boosting(400, 2, 0.05, 50.0, 0.8, 2);

    /** Checks the ranges. */
    public Boosting {
      if (trees < 1 || maxDepth < 1 || !(eta > 0) || threads < 1) {
        throw new IllegalArgumentException("trees, maxDepth, eta and threads must be positive");
      }
      if (!(subsample > 0 && subsample <= 1) || minChildWeight < 0) {
        throw new IllegalArgumentException("subsample in (0, 1], minChildWeight >= 0");
      }
    }
  }

  /**
   * Training settings.
   *
   * @param modelId model family id
   * @param version version of the model to train
   * @param holdoutFraction latest share of examples held out
   * @param seed seed of the SGD shuffles / tree subsampling
   * @param epochs passes over the training sample (logistic regression)
   * @param minibatch examples per SGD step (logistic regression)
   * @param learningRate AdaGrad initial learning rate (logistic regression)
   * @param trainedAt training time to record (null: now)
   * @param decidedBefore event time up to which outcomes are known complete, or null to trust every
   *     label
   * @param algorithm the model family
   * @param boosting settings of the boosted trees
   * @param calibrationFraction latest share of the non-holdout examples kept out of the fit to
   *     calibrate the model's probabilities on (0: no calibration)
   */
  public record Config(
      String modelId,
      String version,
      double holdoutFraction,
      long seed,
      int epochs,
      int minibatch,
      double learningRate,
      Instant trainedAt,
      Instant decidedBefore,
      Algorithm algorithm,
      Boosting boosting,
      double calibrationFraction) {

    /** Checks the ranges. */
    public Config {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(boosting, "boosting");
      if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
        throw new IllegalArgumentException("holdoutFraction must be in (0, 1)");
      }
      if (!(calibrationFraction >= 0 && calibrationFraction < 1)) {
        throw new IllegalArgumentException("calibrationFraction must be in [0, 1)");
      }
      if (epochs < 1 || minibatch < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("epochs, minibatch and learningRate must be positive");
      }
    }

    /**
     * The settings of the logistic-regression era, with the current algorithm choice ({@link
     * Algorithm#AUTO}, {@link Boosting#DEFAULT}) and calibration (20%).
     */
    public Config(
        final String modelId,
        final String version,
        final double holdoutFraction,
        final long seed,
        final int epochs,
        final int minibatch,
        final double learningRate,
        final Instant trainedAt,
        final Instant decidedBefore) {
      this(
          modelId,
          version,
          holdoutFraction,
          seed,
          epochs,
          minibatch,
          learningRate,
          trainedAt,
          decidedBefore,
          Algorithm.AUTO,
          Boosting.DEFAULT,
          DEFAULT_CALIBRATION_FRACTION);
    }

    /**
     * The defaults: 20% holdout, seed 42, the latest 20% of the rest for calibration, {@link
     * Algorithm#AUTO} between boosted trees ({@link Boosting#DEFAULT}) and logistic regression (8
     * epochs, minibatches of 16, learning rate 0.1).
     */
    public static Config defaults(final String version) {
      return new Config(LeadModelArtifact.MODEL_ID, version, 0.2, 42L, 8, 16, 0.1, null, null);
    }

    /** These settings with outcomes known complete up to {@code watermark}. */
    public Config withDecidedBefore(final Instant watermark) {
      return with(c -> c.decidedBefore = watermark);
    }

    /** These settings with a fixed training time (reproducible artifacts). */
    public Config withTrainedAt(final Instant time) {
      return with(c -> c.trainedAt = time);
    }

    /** These settings with another number of epochs (logistic regression). */
    public Config withEpochs(final int n) {
      return with(c -> c.epochs = n);
    }

    /** These settings with another algorithm. */
    public Config withAlgorithm(final Algorithm a) {
      return with(c -> c.algorithm = a);
    }

    /** These settings with other tree settings. */
    public Config withBoosting(final Boosting b) {
      return with(c -> c.boosting = b);
    }

    /** These settings with another calibration share (0: none). */
    public Config withCalibrationFraction(final double fraction) {
      return with(c -> c.calibrationFraction = fraction);
    }

    /** These settings with {@code change} applied to a copy of them (checked again). */
    private Config with(final Consumer<Copy> change) {
      final Copy copy = new Copy(this);
      change.accept(copy);
      return new Config(
          copy.modelId,
          copy.version,
          copy.holdoutFraction,
          copy.seed,
          copy.epochs,
          copy.minibatch,
          copy.learningRate,
          copy.trainedAt,
          copy.decidedBefore,
          copy.algorithm,
          copy.boosting,
          copy.calibrationFraction);
    }

    /** The components of a {@link Config}, open to change by the withers. */
    private static final class Copy {
      private final String modelId;
      private final String version;
      private final double holdoutFraction;
      private final long seed;
      private int epochs;
      private final int minibatch;
      private final double learningRate;
      private Instant trainedAt;
      private Instant decidedBefore;
      private Algorithm algorithm;
      private Boosting boosting;
      private double calibrationFraction;

      Copy(final Config c) {
        modelId = c.modelId;
        version = c.version;
        holdoutFraction = c.holdoutFraction;
        seed = c.seed;
        epochs = c.epochs;
        minibatch = c.minibatch;
        learningRate = c.learningRate;
        trainedAt = c.trainedAt;
        decidedBefore = c.decidedBefore;
        algorithm = c.algorithm;
        boosting = c.boosting;
        calibrationFraction = c.calibrationFraction;
      }
    }
  }

  /**
   * The outcome of a training run.
   *
   * @param artifact the trained model with its metadata
   * @param holdoutMetrics metrics on the holdout
   * @param train the examples the model was fit on, time-ordered
   * @param holdout the holdout examples, time-ordered
   * @param holdoutProbabilities the model's (calibrated) probability for each holdout example
   * @param trainingTime wall time of the fit and the calibration
   * @param calibration the calibration slice, time-ordered, between {@code train} and {@code
   *     holdout} (empty without calibration)
   */
  public record Result(
      LeadModelArtifact artifact,
      ClassificationMetrics holdoutMetrics,
      List<LeadExample> train,
      List<LeadExample> holdout,
      double[] holdoutProbabilities,
      Duration trainingTime,
      List<LeadExample> calibration) {}

  private LeadTrainer() {}

  /** Trains and evaluates a model on {@code examples}. */
  public static Result train(final List<LeadExample> examples, final Config config) {
    final List<LeadExample> usable = new ArrayList<>(examples.size());
    final Instant latestDecidable =
        config.decidedBefore() == null ? null : config.decidedBefore().minus(LeadLabels.HORIZON);
    for (final LeadExample e : examples) {
      if (e.labelled() && (latestDecidable == null || !e.asOf().isAfter(latestDecidable))) {
        if (!e.features().names().equals(LeadFeatures.NAMES)) {
          throw new IllegalArgumentException("example " + e.eventId() + " has another layout");
        }
        usable.add(e);
      }
    }
    usable.sort(TIME_ORDER);
    final int holdoutCount = (int) Math.round(usable.size() * config.holdoutFraction());
    final int beforeHoldout = usable.size() - holdoutCount;
    final int calibrationCount = (int) Math.round(beforeHoldout * config.calibrationFraction());
    final List<LeadExample> train =
        List.copyOf(usable.subList(0, beforeHoldout - calibrationCount));
    final List<LeadExample> calibration =
        List.copyOf(usable.subList(beforeHoldout - calibrationCount, beforeHoldout));
    final List<LeadExample> holdout = List.copyOf(usable.subList(beforeHoldout, usable.size()));
    final int positives = (int) train.stream().filter(e -> e.label() == 1).count();
    if (positives < MIN_PER_CLASS
        || train.size() - positives < MIN_PER_CLASS
        || holdout.isEmpty()) {
      throw new IllegalArgumentException(
          "too few labelled examples: "
              + train.size()
              + " to train ("
              + positives
              + " positive), "
              + holdout.size()
              + " held out");
    }
    final double[][] standardization = standardization(train);
    final double[] means = standardization[0];
    final double[] sds = standardization[1];

    final LabelFactory factory = new LabelFactory();
    final MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "lead examples sha256="
                    + digest(train)
                    + " n="
                    + train.size()
                    + " from "
                    + train.get(0).asOf()
                    + " to "
                    + train.get(train.size() - 1).asOf(),
                factory),
            factory);
    final String[] names = LeadFeatures.NAMES.toArray(new String[0]);
    final Label pos = new Label(TribuoLeadScorer.POSITIVE);
    final Label neg = new Label(TribuoLeadScorer.NEGATIVE);
    for (final LeadExample e : train) {
      dataset.add(
          new ArrayExample<>(
              e.label() == 1 ? pos : neg, names, standardize(e.features(), means, sds)));
    }
    final Map<String, Object> settings = new LinkedHashMap<>();
    final long start = System.nanoTime();
    final Fitted fitted;
    if (config.algorithm() == Algorithm.AUTO) {
      final Fitted trees = fit(Algorithm.BOOSTED_TREES, dataset, means, sds, calibration, config);
      final Fitted linear =
          fit(Algorithm.LOGISTIC_REGRESSION, dataset, means, sds, calibration, config);
      // with no calibration slice there is nothing to choose on: the trees
      fitted = linear.calibrationLogLoss() < trees.calibrationLogLoss() ? linear : trees;
      settings.put("selection", "AUTO: lower calibrated log loss on the calibration slice");
      settings.put("calibrationLogLossTrees", trees.calibrationLogLoss());
      settings.put("calibrationLogLossLogistic", linear.calibrationLogLoss());
    } else {
      fitted = fit(config.algorithm(), dataset, means, sds, calibration, config);
    }
    settings.putAll(fitted.settings());
    settings.put("seed", config.seed());
    settings.put("holdoutFraction", config.holdoutFraction());
    settings.put("calibrationFraction", config.calibrationFraction());
    settings.put("calibrationExamples", calibration.size());
    if (!calibration.isEmpty()) {
      settings.put("calibrationFrom", calibration.get(0).asOf().toString());
      settings.put("calibrationTo", calibration.get(calibration.size() - 1).asOf().toString());
    }
    if (config.decidedBefore() != null) {
      settings.put("decidedBefore", config.decidedBefore().toString());
    }
    final Model<Label> model = fitted.model();
    final Calibration calibrated = fitted.calibration();
    final Duration trainingTime = Duration.ofNanos(System.nanoTime() - start);

    final List<String> transforms = new ArrayList<>(LeadFeatures.size());
    for (int i = 0; i < LeadFeatures.size(); i++) {
      transforms.add(LeadFeatures.transform(i).name());
    }
    final List<FeatureVector> trainVectors = train.stream().map(LeadExample::features).toList();
    final Instant trainedAt = config.trainedAt() == null ? Instant.now() : config.trainedAt();
    // metrics are filled after scoring with the artifact's own scorer
    final LeadModelArtifact.Metadata draft =
        new LeadModelArtifact.Metadata(
            LeadModelArtifact.FORMAT,
            LeadModelArtifact.KIND,
            config.modelId(),
            config.version(),
            trainedAt.toString(),
            train.get(0).asOf().toString(),
            train.get(train.size() - 1).asOf().toString(),
            holdout.get(0).asOf().toString(),
            holdout.get(holdout.size() - 1).asOf().toString(),
            train.size(),
            positives,
            null,
            LeadFeatures.NAMES,
            transforms,
            means,
            sds,
            FeatureBins.of(trainVectors, FeatureBins.DEFAULT_BINS),
            settings,
            model.getProvenance().toString(),
            null,
            calibrated);
    final TribuoLeadScorer scorer =
        new TribuoLeadScorer(model, means, sds, config.modelId(), config.version(), calibrated);
    final double[] probabilities = new double[holdout.size()];
    final int[] labels = new int[holdout.size()];
    for (int i = 0; i < holdout.size(); i++) {
      probabilities[i] = scorer.score(holdout.get(i).features()).probability();
      labels[i] = holdout.get(i).label();
    }
    final ClassificationMetrics metrics = ClassificationMetrics.of(probabilities, labels);
    final LeadModelArtifact artifact = LeadModelArtifact.of(withMetrics(draft, metrics), model);
    LOG.info(
        "lead model {} trained on {} examples ({} positive) in {} ms, calibrated on {} ({}); "
            + "holdout {}: {}",
        config.version(),
        train.size(),
        positives,
        trainingTime.toMillis(),
        calibration.size(),
        calibrated,
        holdout.size(),
        metrics);
    return new Result(artifact, metrics, train, holdout, probabilities, trainingTime, calibration);
  }

  /** A fitted model, its calibration and the calibrated log loss on the calibration slice. */
  private record Fitted(
      Model<Label> model,
      Calibration calibration,
      double calibrationLogLoss,
      Map<String, Object> settings) {}

  private static Fitted fit(
      final Algorithm algorithm,
      final MutableDataset<Label> dataset,
      final double[] means,
      final double[] sds,
      final List<LeadExample> calibration,
      final Config config) {
    final Map<String, Object> settings = new LinkedHashMap<>();
    final Trainer<Label> trainer;
    if (algorithm == Algorithm.BOOSTED_TREES) {
      final Boosting b = config.boosting();
      trainer =
          new XGBoostClassificationTrainer(
              XGBoostTrainer.BoosterType.GBTREE,
              XGBoostTrainer.TreeMethod.HIST,
              b.trees(),
              b.eta(),
              0.0,
              b.maxDepth(),
              b.minChildWeight(),
              b.subsample(),
              1.0,
              1.0,
              0.0,
              b.threads(),
              XGBoostTrainer.LoggingVerbosity.SILENT,
              config.seed());
      settings.put("algorithm", "XGBoostClassificationTrainer(gbtree, hist, multi:softprob)");
      settings.put("trees", b.trees());
      settings.put("maxDepth", b.maxDepth());
      settings.put("eta", b.eta());
      settings.put("minChildWeight", b.minChildWeight());
      settings.put("subsample", b.subsample());
      settings.put("threads", b.threads());
    } else {
      trainer =
          new LinearSGDTrainer(
              new LogMulticlass(),
              new AdaGrad(config.learningRate(), 0.1),
              config.epochs(),
              Integer.MAX_VALUE,
              config.minibatch(),
              config.seed());
      settings.put("algorithm", "LinearSGDTrainer(LogMulticlass, AdaGrad)");
      settings.put("epochs", config.epochs());
      settings.put("minibatch", config.minibatch());
      settings.put("learningRate", config.learningRate());
    }
    final Model<Label> model = trainer.train(dataset);
    final TribuoLeadScorer uncalibrated =
        new TribuoLeadScorer(model, means, sds, config.modelId(), config.version());
    final double[] logits = new double[calibration.size()];
    final int[] labels = new int[calibration.size()];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = uncalibrated.rawLogOdds(calibration.get(i).features());
      labels[i] = calibration.get(i).label();
    }
    final Calibration calibrated = Calibration.fit(logits, labels);
    final double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = calibrated.probability(logits[i]);
    }
    final double logLoss =
        logits.length == 0 ? Double.NaN : ClassificationMetrics.logLoss(p, labels);
    return new Fitted(model, calibrated, logLoss, settings);
  }

  private static LeadModelArtifact.Metadata withMetrics(
      final LeadModelArtifact.Metadata m, final ClassificationMetrics metrics) {
    return new LeadModelArtifact.Metadata(
        m.format(),
        m.kind(),
        m.modelId(),
        m.version(),
        m.trainedAt(),
        m.trainingFrom(),
        m.trainingTo(),
        m.holdoutFrom(),
        m.holdoutTo(),
        m.trainExamples(),
        m.trainPositives(),
        metrics,
        m.features(),
        m.transforms(),
        m.means(),
        m.sds(),
        m.bins(),
        m.trainer(),
        m.provenance(),
        m.payloadSha256(),
        m.calibration());
  }

  /** {means, sds} of the transformed features over {@code train} (population sd). */
  static double[][] standardization(final List<LeadExample> train) {
    final int n = LeadFeatures.size();
    final double[] mean = new double[n];
    final double[] m2 = new double[n];
    long count = 0;
    for (final LeadExample e : train) { // Welford
      count++;
      final double[] x = e.features().valuesUnsafe();
      for (int i = 0; i < n; i++) {
        final double t = LeadFeatures.transform(i).apply(x[i]);
        final double delta = t - mean[i];
        mean[i] += delta / count;
        m2[i] += delta * (t - mean[i]);
      }
    }
    final double[] sd = new double[n];
    for (int i = 0; i < n; i++) {
      final double v = count > 0 ? m2[i] / count : 0;
      sd[i] = v > 1e-12 ? Math.sqrt(v) : 0.0;
    }
    return new double[][] {mean, sd};
  }

  private static double[] standardize(
      final FeatureVector v, final double[] means, final double[] sds) {
    final double[] x = v.valuesUnsafe();
    final double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = sds[i] > 0 ? (LeadFeatures.transform(i).apply(x[i]) - means[i]) / sds[i] : 0.0;
    }
    return z;
  }

  /** SHA-256 over the training examples' ids, times, labels and values (dataset identity). */
  static String digest(final List<LeadExample> examples) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      final ByteBuffer buffer = ByteBuffer.allocate(8 * (LeadFeatures.size() + 2));
      for (final LeadExample e : examples) {
        md.update(e.leadId().getBytes(StandardCharsets.UTF_8));
        md.update(e.eventId().getBytes(StandardCharsets.UTF_8));
        buffer.clear();
        buffer.putLong(e.asOf().toEpochMilli()).putLong(e.label());
        for (final double x : e.features().valuesUnsafe()) {
          buffer.putDouble(x);
        }
        md.update(buffer.array(), 0, buffer.position());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
