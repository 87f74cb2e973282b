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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
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
 *   <li>Time-ordered holdout: the examples are sorted by {@code asOf} (then lead and event id); the
 *       latest {@link Config#holdoutFraction} are the holdout, only ever scored.
 *   <li>Each feature is transformed ({@link LeadFeatures#transform}) and standardized with the
 *       training sample's mean and standard deviation.
 *   <li>A Tribuo {@link LinearSGDTrainer} with the {@link LogMulticlass} (logistic) objective and
 *       AdaGrad fits a logistic regression, with a fixed seed.
 *   <li>The holdout is scored: AUC, log loss and expected calibration error ({@link
 *       ClassificationMetrics}).
 * </ol>
 *
 * <p>Class balance: conversions are rare (typically 10–25% of examples), but the examples are
 * neither re-weighted nor re-sampled, because the score must be a calibrated probability; logistic
 * loss on the natural base rate gives that. The trainer requires at least {@link #MIN_PER_CLASS}
 * examples of each class in the training sample and records the counts. The published model is the
 * one evaluated (fit on the training sample only).
 */
public final class LeadTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(LeadTrainer.class);

  /** Fewest examples of each class the training sample must have. */
  public static final int MIN_PER_CLASS = 20;

  private static final Comparator<LeadExample> TIME_ORDER =
      Comparator.comparing(LeadExample::asOf)
          .thenComparing(LeadExample::leadId)
          .thenComparing(LeadExample::eventId);

  /**
   * Training settings.
   *
   * @param modelId model family id
   * @param version version of the model to train
   * @param holdoutFraction latest share of examples held out
   * @param seed seed of the SGD shuffles
   * @param epochs passes over the training sample
   * @param minibatch examples per SGD step
   * @param learningRate AdaGrad initial learning rate
   * @param trainedAt training time to record (null: now)
   * @param decidedBefore event time up to which outcomes are known complete, or null to trust every
   *     label
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
      Instant decidedBefore) {

    /** Checks the ranges. */
    public Config {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(version, "version");
      if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
        throw new IllegalArgumentException("holdoutFraction must be in (0, 1)");
      }
      if (epochs < 1 || minibatch < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("epochs, minibatch and learningRate must be positive");
      }
    }

    /** The defaults: 20% holdout, seed 42, 8 epochs, minibatches of 16, learning rate 0.1. */
    public static Config defaults(final String version) {
      return new Config(LeadModelArtifact.MODEL_ID, version, 0.2, 42L, 8, 16, 0.1, null, null);
    }

    /** These settings with outcomes known complete up to {@code watermark}. */
    public Config withDecidedBefore(final Instant watermark) {
      return new Config(
          modelId,
          version,
          holdoutFraction,
          seed,
          epochs,
          minibatch,
          learningRate,
          trainedAt,
          watermark);
    }

    /** These settings with a fixed training time (reproducible artifacts). */
    public Config withTrainedAt(final Instant time) {
      return new Config(
          modelId,
          version,
          holdoutFraction,
          seed,
          epochs,
          minibatch,
          learningRate,
          time,
          decidedBefore);
    }

    /** These settings with another number of epochs. */
    public Config withEpochs(final int n) {
      return new Config(
          modelId,
          version,
          holdoutFraction,
          seed,
          n,
          minibatch,
          learningRate,
          trainedAt,
          decidedBefore);
    }
  }

  /**
   * The outcome of a training run.
   *
   * @param artifact the trained model with its metadata
   * @param holdoutMetrics metrics on the holdout
   * @param train the training examples, time-ordered
   * @param holdout the holdout examples, time-ordered
   * @param holdoutProbabilities the model's probability for each holdout example
   * @param trainingTime wall time of the fit alone
   */
  public record Result(
      LeadModelArtifact artifact,
      ClassificationMetrics holdoutMetrics,
      List<LeadExample> train,
      List<LeadExample> holdout,
      double[] holdoutProbabilities,
      Duration trainingTime) {}

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
    final List<LeadExample> train = List.copyOf(usable.subList(0, usable.size() - holdoutCount));
    final List<LeadExample> holdout =
        List.copyOf(usable.subList(usable.size() - holdoutCount, usable.size()));
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
    final LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(),
            new AdaGrad(config.learningRate(), 0.1),
            config.epochs(),
            Integer.MAX_VALUE,
            config.minibatch(),
            config.seed());
    final long start = System.nanoTime();
    final Model<Label> model = trainer.train(dataset);
    final Duration trainingTime = Duration.ofNanos(System.nanoTime() - start);

    final List<String> transforms = new ArrayList<>(LeadFeatures.size());
    for (int i = 0; i < LeadFeatures.size(); i++) {
      transforms.add(LeadFeatures.transform(i).name());
    }
    final Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("algorithm", "LinearSGDTrainer(LogMulticlass, AdaGrad)");
    settings.put("seed", config.seed());
    settings.put("epochs", config.epochs());
    settings.put("minibatch", config.minibatch());
    settings.put("learningRate", config.learningRate());
    settings.put("holdoutFraction", config.holdoutFraction());
    if (config.decidedBefore() != null) {
      settings.put("decidedBefore", config.decidedBefore().toString());
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
            null);
    final TribuoLeadScorer scorer =
        new TribuoLeadScorer(model, means, sds, config.modelId(), config.version());
    final double[] probabilities = new double[holdout.size()];
    final int[] labels = new int[holdout.size()];
    for (int i = 0; i < holdout.size(); i++) {
      probabilities[i] = scorer.score(holdout.get(i).features()).probability();
      labels[i] = holdout.get(i).label();
    }
    final ClassificationMetrics metrics = ClassificationMetrics.of(probabilities, labels);
    final LeadModelArtifact artifact = LeadModelArtifact.of(withMetrics(draft, metrics), model);
    LOG.info(
        "lead model {} trained on {} examples ({} positive) in {} ms; holdout {}: {}",
        config.version(),
        train.size(),
        positives,
        trainingTime.toMillis(),
        holdout.size(),
        metrics);
    return new Result(artifact, metrics, train, holdout, probabilities, trainingTime);
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
        m.payloadSha256());
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
