package io.midcoast.ml.lead;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lead scoring throughput on one thread, after a warm-up: a model trained on a simulation, then (1)
 * {@link TribuoLeadScorer#score} alone over precomputed vectors, (2) the rule scorer, and (3)
 * feature computation ({@link LeadFeatures#vector}) plus scoring from the snapshots, as the
 * topology does per event.
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.lead.LeadScoringThroughputBench [leads=1500] [seconds=5]
 * </pre>
 */
public final class LeadScoringThroughputBench {

  private static final Logger LOG = LoggerFactory.getLogger(LeadScoringThroughputBench.class);

  private LeadScoringThroughputBench() {}

  /** Runs the benchmark. */
  public static void main(final String[] args) {
    final int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_500;
    final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5.0;
    final LeadSimulator.Simulation simulation = LeadModelEvaluation.simulate(leads, 11L);
    final List<LeadExample> examples = simulation.examples();
    final LeadScorer model =
        LeadTrainer.train(
                examples, LeadTrainer.Config.defaults("bench").withDecidedBefore(simulation.end()))
            .artifact()
            .scorer();
    final List<FeatureVector> vectors = examples.stream().map(LeadExample::features).toList();
    final LeadScorer rules = new RuleBasedLeadScorer();
    run(model, vectors, seconds / 2);
    final double tribuo = run(model, vectors, seconds);
    run(rules, vectors, seconds / 2);
    final double rule = run(rules, vectors, seconds);
    final LeadSnapshot[] snapshots = snapshots(simulation);
    features(model, snapshots, simulation, seconds / 2);
    final double full = features(model, snapshots, simulation, seconds);
    LOG.info("Tribuo scorer, one thread: {} scores/s ({} µs each)", f(tribuo), f2(1e6 / tribuo));
    LOG.info("rule scorer, one thread: {} scores/s ({} µs each)", f(rule), f2(1e6 / rule));
    LOG.info("features + Tribuo score: {} /s ({} µs each)", f(full), f2(1e6 / full));
  }

  private static LeadSnapshot[] snapshots(final LeadSimulator.Simulation simulation) {
    final java.util.Map<String, LeadSnapshot> byLead = new java.util.LinkedHashMap<>();
    final java.time.Instant mid =
        simulation.config().start().plus(simulation.config().creationSpan());
    for (final LeadEvent e : simulation) {
      if (e.occurredAt().isAfter(mid)) {
        break;
      }
      byLead.merge(
          e.leadId(),
          LeadSnapshot.empty(e.leadId()).with(e, simulation.listingPrice(e.listingKey())),
          (old, ignored) -> old.with(e, simulation.listingPrice(e.listingKey())));
    }
    return byLead.values().toArray(new LeadSnapshot[0]);
  }

  private static double features(
      final LeadScorer scorer,
      final LeadSnapshot[] snapshots,
      final LeadSimulator.Simulation simulation,
      final double s) {
    final java.time.Instant asOf =
        simulation.config().start().plus(simulation.config().creationSpan());
    final long deadline = System.nanoTime() + (long) (s * 1e9);
    final long start = System.nanoTime();
    long count = 0;
    double sink = 0;
    while (System.nanoTime() < deadline) {
      for (final LeadSnapshot snapshot : snapshots) {
        sink += scorer.score(LeadFeatures.vector(snapshot, asOf)).probability();
      }
      count += snapshots.length;
    }
    if (sink == 42) {
      LOG.debug("unlikely");
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double run(
      final LeadScorer scorer, final List<FeatureVector> vectors, final double s) {
    final long deadline = System.nanoTime() + (long) (s * 1e9);
    final long start = System.nanoTime();
    long count = 0;
    double sink = 0;
    while (System.nanoTime() < deadline) {
      for (final FeatureVector v : vectors) {
        sink += scorer.score(v).probability();
      }
      count += vectors.size();
    }
    if (sink == 42) {
      LOG.debug("unlikely");
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static String f(final double x) {
    return String.format(Locale.ROOT, "%.0f", x);
  }

  private static String f2(final double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }
}
