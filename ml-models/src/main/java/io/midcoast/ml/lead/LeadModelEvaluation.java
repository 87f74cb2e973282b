package io.midcoast.ml.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lead model against the simulator's ground truth: simulate leads ({@link
 * LeadSimulator}), build examples in process at every event ({@link LeadExamples#fromEvents}, as
 * the topology does), train on them ({@link LeadTrainer}, which sees only the examples), and
 * compare the holdout AUC with the best achievable one (the AUC of the true probabilities on the
 * same holdout examples).
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.lead.LeadModelEvaluation [leads=4000] [seed=7]
 * </pre>
 */
public final class LeadModelEvaluation {

  private static final Logger LOG = LoggerFactory.getLogger(LeadModelEvaluation.class);

  /** Start of simulated time. */
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * The figures of one evaluation.
   *
   * @param leads simulated leads
   * @param events simulated events (duplicates included)
   * @param examples examples built (labelled or not)
   * @param model the trained model's holdout metrics
   * @param truth the true probabilities' metrics on the same holdout examples
   * @param eceAgainstTruth calibration error of the model against the true probabilities instead of
   *     the 0/1 labels (same 10 bins of the model's probability), free of outcome noise
   * @param trainExamples training examples used
   * @param trainingTime time of the fit
   * @param preparationTime time to simulate and build the examples
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
      Duration preparationTime) {

    /** Model AUC ÷ best achievable AUC. */
    public double aucRatio() {
      return model.auc() / truth.auc();
    }
  }

  private LeadModelEvaluation() {}

  /** The simulation of {@code leads} leads with seed {@code seed} as evaluated here. */
  public static LeadSimulator.Simulation simulate(final int leads, final long seed) {
    final List<String> agents =
        IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format(Locale.ROOT, "agent-%02d", i))
            .toList();
    return new LeadSimulator(
            LeadSimulator.Config.of(
                seed, START, leads, agents, LeadSimulator.syntheticListings(seed, 3_000)))
        .run();
  }

  /** Simulates, trains and evaluates. */
  public static Report evaluate(final int leads, final long seed, final LeadTrainer.Config config) {
    final long start = System.nanoTime();
    final LeadSimulator.Simulation simulation = simulate(leads, seed);
    final List<LeadExample> examples = simulation.examples();
    final Duration preparation = Duration.ofNanos(System.nanoTime() - start);
    final LeadTrainer.Result result =
        LeadTrainer.train(
            examples, config.withDecidedBefore(simulation.end()).withTrainedAt(simulation.end()));
    final double[] truth = new double[result.holdout().size()];
    final int[] labels = new int[truth.length];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = simulation.trueProbability(result.holdout().get(i));
      labels[i] = result.holdout().get(i).label();
    }
    return new Report(
        leads,
        simulation.events().size(),
        examples.size(),
        result.holdoutMetrics(),
        ClassificationMetrics.of(truth, labels),
        eceAgainst(result.holdoutProbabilities(), truth),
        result.train().size(),
        result.trainingTime(),
        preparation);
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

  /** Runs one evaluation and logs the figures; args: leads (4000), seed (7). */
  public static void main(final String[] args) {
    final int leads = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    final long seed = args.length > 1 ? Long.parseLong(args[1]) : 7L;
    final Report r = evaluate(leads, seed, LeadTrainer.Config.defaults("eval-" + seed));
    LOG.info(
        "{} leads, {} events, {} examples ({} train, {} holdout, {} holdout positives)",
        r.leads(),
        r.events(),
        r.examples(),
        r.trainExamples(),
        r.model().examples(),
        r.model().positives());
    LOG.info(
        "holdout AUC {} vs best achievable {}: ratio {}",
        f(r.model().auc()),
        f(r.truth().auc()),
        f(r.aucRatio()));
    LOG.info(
        "log loss {} (truth {}), ECE {} (truth {}), ECE against the true probabilities {}",
        f(r.model().logLoss()),
        f(r.truth().logLoss()),
        f(r.model().ece()),
        f(r.truth().ece()),
        f(r.eceAgainstTruth()));
    LOG.info(
        "simulation + features {} ms, training {} ms",
        r.preparationTime().toMillis(),
        r.trainingTime().toMillis());
  }

  private static String f(final double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }
}
