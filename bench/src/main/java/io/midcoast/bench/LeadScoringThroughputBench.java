package io.midcoast.bench;

import io.midcoast.ml.lead.FeatureVector;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadExample;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.ml.lead.LeadModelEvaluation;
import io.midcoast.ml.lead.LeadScorer;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.ml.lead.LeadSnapshot;
import io.midcoast.ml.lead.LeadTrainer;
import io.midcoast.ml.lead.RuleBasedLeadScorer;
import io.midcoast.ml.lead.TribuoLeadScorer;
import java.util.List;

/**
 * Lead scoring throughput on one thread, after a warm-up: a model trained on a simulation, then (1)
 * {@link TribuoLeadScorer#score} alone over precomputed vectors, (2) the rule scorer, and (3)
 * feature computation ({@link LeadFeatures#vector}) plus scoring from the snapshots, as the
 * topology does per event. No broker.
 *
 * <pre>
 * bench/run.sh lead-scoring [leads=1500] [seconds=5]
 * </pre>
 */
public final class LeadScoringThroughputBench {

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
    Report.figure(
        "lead_scoring_tribuo",
        "Tribuo scorer, one thread: %.0f scores/s (%.2f µs each)",
        tribuo,
        1e6 / tribuo);
    Report.figure(
        "lead_scoring_rules",
        "rule scorer, one thread: %.0f scores/s (%.2f µs each)",
        rule,
        1e6 / rule);
    Report.figure(
        "lead_scoring_features",
        "features + Tribuo score: %.0f /s (%.2f µs each)",
        full,
        1e6 / full);
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
      Report.note("unlikely");
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
      Report.note("unlikely");
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
