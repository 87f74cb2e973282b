package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lead model against the simulator's ground truth: simulate leads ({@link
 * LeadSimulator}), build examples in process at every event ({@link LeadExamples#fromEvents}, as
 * the topology does), train on them ({@link LeadTrainer}, which sees only the examples), and
 * compare the holdout with the true probabilities on exactly the same holdout examples.
 *
 * <p>The examples of one lead share one outcome (and an active lead yields dozens of examples), so
 * figures over all holdout examples weigh a few busy leads heavily and their sampling noise is that
 * of the number of leads, not of examples. Hence two views of the holdout:
 *
 * <ul>
 *   <li><b>all examples</b>: every holdout example, as the trainer reports it;
 *   <li><b>one per lead</b>: one example per holdout lead, drawn uniformly among the lead's holdout
 *       examples with a {@link SplittableRandom} seeded by the evaluation seed (leads in order of
 *       their first holdout example). Outcomes are then independent across examples.
 * </ul>
 *
 * <p>Each figure comes with a 95% percentile bootstrap interval over leads ({@value #BOOTSTRAP}
 * resamples of the holdout's leads with replacement, all examples of a drawn lead kept). The
 * calibration target (ECE ≤ 0.02) applies to the label ECE of the one-per-lead sample: it is what
 * production can measure (no true probabilities there), its examples are independent, and unlike
 * the all-examples figure it is not dominated by a handful of leads. Its noise floor is the same
 * ECE of the true probabilities ("truth"); the ECE against the true probabilities is reported as a
 * noise-free diagnostic.
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.lead.LeadModelEvaluation [leads=16000] [seed=7] [auto|trees|logistic] [calibration=0.2]
 *   [rounds depth eta minChildWeight]
 * </pre>
 *
 * <p>{@code -Dworld=second} simulates {@link LeadSimulator.World#SECOND} instead of the standard
 * world.
 */
public final class LeadModelEvaluation {

  private static final Logger LOG = LoggerFactory.getLogger(LeadModelEvaluation.class);

  /** Start of simulated time. */
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** Bootstrap resamples. */
  public static final int BOOTSTRAP = 200;

  /**
   * A figure with its 95% bootstrap interval (over leads).
   *
   * @param value the figure on the evaluated sample
   * @param low 2.5% quantile of the bootstrap
   * @param high 97.5% quantile of the bootstrap
   */
  public record Interval(double value, double low, double high) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", value, low, high);
    }
  }

  /**
   * Figures of one view of the holdout (all examples, or one per lead).
   *
   * @param model the model's metrics
   * @param truth the true probabilities' metrics on the same examples
   * @param eceAgainstTruth the model's ECE with the mean true probability of each bin as the target
   * @param auc model AUC
   * @param aucRatio model AUC ÷ the true probabilities' AUC (best achievable)
   * @param ece model ECE against the labels
   * @param truthEce the true probabilities' ECE against the labels (noise floor)
   */
  public record View(
      ClassificationMetrics model,
      ClassificationMetrics truth,
      double eceAgainstTruth,
      Interval auc,
      Interval aucRatio,
      Interval ece,
      Interval truthEce) {}

  /**
   * The figures of one evaluation.
   *
   * @param leads simulated leads
   * @param events simulated events (duplicates included)
   * @param examples examples built (labelled or not)
   * @param model the trained model's holdout metrics (all holdout examples)
   * @param truth the true probabilities' metrics on the same holdout examples
   * @param eceAgainstTruth calibration error of the model against the true probabilities instead of
   *     the 0/1 labels (same 10 bins of the model's probability), free of outcome noise
   * @param trainExamples examples the model was fit on
   * @param trainingTime time of the fit and calibration
   * @param preparationTime time to simulate and build the examples
   * @param calibrationExamples examples of the calibration slice
   * @param holdoutLeads distinct leads in the holdout
   * @param all figures over all holdout examples
   * @param perLead figures over one example per holdout lead
   * @param calibration the model's calibration
   * @param algorithm the published model's algorithm (trainer setting)
   */
  public record Report(
      int leads,
      int events,
      int examples,
      ClassificationMetrics model,
      ClassificationMetrics truth,
      double eceAgainstTruth,
      int trainExamples,
      Duration trainingTime,
      Duration preparationTime,
      int calibrationExamples,
      int holdoutLeads,
      View all,
      View perLead,
      Calibration calibration,
      String algorithm) {

    /** Model AUC ÷ best achievable AUC (all holdout examples). */
    public double aucRatio() {
      return model.auc() / truth.auc();
    }
  }

  private LeadModelEvaluation() {}

  /** The simulation of {@code leads} leads with seed {@code seed} as evaluated here. */
  public static LeadSimulator.Simulation simulate(final int leads, final long seed) {
    return simulate(leads, seed, LeadSimulator.World.STANDARD);
  }

  /** {@code leads} simulated leads in {@code world} (20 agents, 3,000 synthetic listings). */
  public static LeadSimulator.Simulation simulate(
      final int leads, final long seed, final LeadSimulator.World world) {
    final List<String> agents =
        IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format(Locale.ROOT, "agent-%02d", i))
            .toList();
    return new LeadSimulator(
            LeadSimulator.Config.of(
                seed, START, leads, agents, LeadSimulator.syntheticListings(seed, 3_000)),
            world)
        .run();
  }

  /** Simulates, trains and evaluates. */
  public static Report evaluate(final int leads, final long seed, final LeadTrainer.Config config) {
    return evaluate(leads, seed, config, LeadSimulator.World.STANDARD);
  }

  /** Simulates in {@code world}, trains and evaluates. */
  public static Report evaluate(
      final int leads,
      final long seed,
      final LeadTrainer.Config config,
      final LeadSimulator.World world) {
    final long start = System.nanoTime();
    final LeadSimulator.Simulation simulation = simulate(leads, seed, world);
    final List<LeadExample> examples = simulation.examples();
    final Duration preparation = Duration.ofNanos(System.nanoTime() - start);
    final LeadTrainer.Result result =
        LeadTrainer.train(
            examples, config.withDecidedBefore(simulation.end()).withTrainedAt(simulation.end()));
    final List<LeadExample> holdout = result.holdout();
    final int n = holdout.size();
    final double[] p = result.holdoutProbabilities();
    final double[] truth = new double[n];
    final int[] labels = new int[n];
    final int[] lead = new int[n];
    final Map<String, Integer> leadIndex = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      final LeadExample e = holdout.get(i);
      truth[i] = simulation.trueProbability(e);
      labels[i] = e.label();
      lead[i] = leadIndex.computeIfAbsent(e.leadId(), k -> leadIndex.size());
    }
    final double best = simulation.bestAchievableAuc(holdout);
    final double truthAuc = ClassificationMetrics.auc(truth, labels);
    if (best != truthAuc) {
      throw new IllegalStateException("best achievable AUC not on the holdout examples");
    }
    final int leadCount = leadIndex.size();
    // one example per lead, drawn uniformly among its holdout examples
    final List<List<Integer>> byLead = new ArrayList<>(leadCount);
    for (int l = 0; l < leadCount; l++) {
      byLead.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      byLead.get(lead[i]).add(i);
    }
    final SplittableRandom draw = new SplittableRandom(seed);
    final int[] sample = new int[leadCount];
    for (int l = 0; l < leadCount; l++) {
      sample[l] = byLead.get(l).get(draw.nextInt(byLead.get(l).size()));
    }
    final int[] allIndices = IntStream.range(0, n).toArray();
    final View all = view(allIndices, p, truth, labels, lead, leadCount, seed);
    final View perLead = view(sample, p, truth, labels, lead, leadCount, seed);
    return new Report(
        leads,
        simulation.events().size(),
        examples.size(),
        result.holdoutMetrics(),
        ClassificationMetrics.of(truth, labels),
        eceAgainst(p, truth),
        result.train().size(),
        result.trainingTime(),
        preparation,
        result.calibration().size(),
        leadCount,
        all,
        perLead,
        result.artifact().scorer().calibration(),
        String.valueOf(result.artifact().metadata().trainer().get("algorithm")));
  }

  /** The figures of the examples {@code idx} with a bootstrap over their leads. */
  private static View view(
      final int[] idx,
      final double[] p,
      final double[] truth,
      final int[] labels,
      final int[] lead,
      final int leadCount,
      final long seed) {
    final int m = idx.length;
    final double[] ps = new double[m];
    final double[] ts = new double[m];
    final int[] ys = new int[m];
    final int[] ls = new int[m];
    for (int j = 0; j < m; j++) {
      ps[j] = p[idx[j]];
      ts[j] = truth[idx[j]];
      ys[j] = labels[idx[j]];
      ls[j] = lead[idx[j]];
    }
    final int[] modelOrder = order(ps);
    final int[] truthOrder = order(ts);
    final double[] auc = new double[BOOTSTRAP];
    final double[] ratio = new double[BOOTSTRAP];
    final double[] ece = new double[BOOTSTRAP];
    final double[] truthEce = new double[BOOTSTRAP];
    final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    final double[] leadWeight = new double[leadCount];
    final double[] w = new double[m];
    for (int b = 0; b < BOOTSTRAP; b++) {
      Arrays.fill(leadWeight, 0.0);
      for (int k = 0; k < leadCount; k++) {
        leadWeight[random.nextInt(leadCount)] += 1.0;
      }
      for (int j = 0; j < m; j++) {
        w[j] = leadWeight[ls[j]];
      }
      auc[b] = weightedAuc(ps, ys, w, modelOrder);
      ratio[b] = auc[b] / weightedAuc(ts, ys, w, truthOrder);
      ece[b] = weightedEce(ps, ys, w);
      truthEce[b] = weightedEce(ts, ys, w);
    }
    final double[] ones = new double[m];
    Arrays.fill(ones, 1.0);
    final ClassificationMetrics model = ClassificationMetrics.of(ps, ys);
    final ClassificationMetrics truthMetrics = ClassificationMetrics.of(ts, ys);
    return new View(
        model,
        truthMetrics,
        eceAgainst(ps, ts),
        interval(model.auc(), auc),
        interval(model.auc() / truthMetrics.auc(), ratio),
        interval(model.ece(), ece),
        interval(truthMetrics.ece(), truthEce));
  }

  private static Interval interval(final double value, final double[] boot) {
    final double[] sorted = boot.clone();
    Arrays.sort(sorted);
    final int lo = (int) Math.floor(0.025 * (sorted.length - 1));
    final int hi = (int) Math.ceil(0.975 * (sorted.length - 1));
    return new Interval(value, sorted[lo], sorted[hi]);
  }

  private static int[] order(final double[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted((a, b) -> Double.compare(scores[a], scores[b]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** AUC with example weights (ties count half), over examples pre-sorted by score. */
  static double weightedAuc(
      final double[] scores, final int[] labels, final double[] w, final int[] order) {
    double negativesBelow = 0;
    double positives = 0;
    double sum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      double pos = 0;
      double neg = 0;
      while (j < order.length && scores[order[j]] == scores[order[i]]) {
        if (labels[order[j]] == 1) {
          pos += w[order[j]];
        } else {
          neg += w[order[j]];
        }
        j++;
      }
      sum += pos * (negativesBelow + neg / 2);
      negativesBelow += neg;
      positives += pos;
      i = j;
    }
    return sum / (positives * negativesBelow);
  }

  /** ECE with example weights, same bins as {@link ClassificationMetrics#ece}. */
  static double weightedEce(final double[] p, final int[] labels, final double[] w) {
    final int bins = ClassificationMetrics.ECE_BINS;
    final double[] sumP = new double[bins];
    final double[] sumY = new double[bins];
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      final int b = Math.min(bins - 1, Math.max(0, (int) (p[i] * bins)));
      sumP[b] += w[i] * p[i];
      sumY[b] += w[i] * labels[i];
      total += w[i];
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      ece += Math.abs(sumP[b] - sumY[b]);
    }
    return ece / total;
  }

  /** ECE of {@code p} with the mean true probability of each bin as the target. */
  static double eceAgainst(final double[] p, final double[] truth) {
    final int bins = ClassificationMetrics.ECE_BINS;
    final double[] sumP = new double[bins];
    final double[] sumT = new double[bins];
    for (int i = 0; i < p.length; i++) {
      final int b = Math.min(bins - 1, Math.max(0, (int) (p[i] * bins)));
      sumP[b] += p[i];
      sumT[b] += truth[i];
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      ece += Math.abs(sumP[b] - sumT[b]) / p.length;
    }
    return ece;
  }

  /**
   * Runs one evaluation and logs the figures; args: leads (16000), seed (7), algorithm ({@code
   * auto}, {@code trees} or {@code logistic}), calibration share (0.2), then optionally the trees'
   * rounds, depth, eta and min child weight.
   */
  public static void main(final String[] args) {
    final int leads = args.length > 0 ? Integer.parseInt(args[0]) : 16_000;
    final long seed = args.length > 1 ? Long.parseLong(args[1]) : 7L;
    LeadTrainer.Config config = LeadTrainer.Config.defaults("eval-" + seed);
    if (args.length > 2) {
      config =
          config.withAlgorithm(
              args[2].startsWith("log")
                  ? LeadTrainer.Algorithm.LOGISTIC_REGRESSION
                  : args[2].startsWith("tree")
                      ? LeadTrainer.Algorithm.BOOSTED_TREES
                      : LeadTrainer.Algorithm.AUTO);
    }
    if (args.length > 3) {
      config = config.withCalibrationFraction(Double.parseDouble(args[3]));
    }
    if (args.length > 7) {
      final LeadTrainer.Boosting b = config.boosting();
      config =
          config.withBoosting(
              new LeadTrainer.Boosting(
                  Integer.parseInt(args[4]),
                  Integer.parseInt(args[5]),
                  Double.parseDouble(args[6]),
                  Double.parseDouble(args[7]),
                  b.subsample(),
                  b.threads()));
    }
    final LeadSimulator.World world =
        "second".equals(System.getProperty("world"))
            ? LeadSimulator.World.SECOND
            : LeadSimulator.World.STANDARD;
    final Report r = evaluate(leads, seed, config, world);
    LOG.info(
        "{} leads, {} events, {} examples ({} fit, {} calibration, {} holdout of {} leads, {}"
            + " positive); {} {}",
        r.leads(),
        r.events(),
        r.examples(),
        r.trainExamples(),
        r.calibrationExamples(),
        r.model().examples(),
        r.holdoutLeads(),
        r.model().positives(),
        r.algorithm(),
        r.calibration());
    log("all examples", r.all());
    log("one per lead", r.perLead());
    LOG.info(
        "simulation + features {} ms, training {} ms",
        r.preparationTime().toMillis(),
        r.trainingTime().toMillis());
  }

  private static void log(final String name, final View v) {
    LOG.info(
        "{} (n={}, {} positive): AUC {} vs best achievable {}: ratio {}",
        name,
        v.model().examples(),
        v.model().positives(),
        v.auc(),
        f(v.truth().auc()),
        v.aucRatio());
    LOG.info(
        "{}: log loss {} (truth {}), ECE {} (truth {}), ECE against the true probabilities {}",
        name,
        f(v.model().logLoss()),
        f(v.truth().logLoss()),
        v.ece(),
        v.truthEce(),
        f(v.eceAgainstTruth()));
  }

  private static String f(final double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }
}
