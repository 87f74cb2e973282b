package io.midcoast.bench;

import io.midcoast.ml.lead.ClassificationMetrics;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadLabels;
import io.midcoast.ml.lead.LeadSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The scores a running lead loop served, judged against the simulator's hidden truth: for every
 * simulated lead, at its deadline {@code d = created + after}, the score as of {@code d} (the last
 * score whose asOf is at or before it, in its final version: a late event re-publishes the times it
 * changes, and the last record per time wins, as for a reader of the compacted topic), compared
 * with
 *
 * <ul>
 *   <li>the label: closed_won within {@link LeadLabels#HORIZON} after {@code d};
 *   <li>the true probability of that outcome as of {@code d} (0 for a lead that has silently gone
 *       cold: the truth knows what no feed says).
 * </ul>
 *
 * A lead with a closing status change (closed_won, closed_lost) at or before {@code d} is closed
 * for everyone and left out; a lead without a score by then is counted as missing. (Comparing with
 * the truth as of the score's own asOf instead would flatter the truth: the last event before a
 * deadline is chosen by the future, a lead that went quiet has mostly gone cold, and the true
 * probabilities as of those events are off by 0.04 in ECE.) AUC and ECE (label ECE, {@link
 * ClassificationMetrics#ECE_BINS} bins) come with 95% bootstrap intervals over leads.
 */
final class ServedLeadScores {

  /** Bootstrap resamples of the intervals. */
  static final int BOOTSTRAP = 500;

  /**
   * One record of {@code leads.score}.
   *
   * @param leadId the lead
   * @param asOf the time the score is as of
   * @param probability the served probability
   * @param scorer {@code modelId:modelVersion}
   */
  record Score(String leadId, Instant asOf, double probability, String scorer) {}

  /**
   * A figure with its 95% bootstrap interval.
   *
   * @param value on the evaluated leads
   * @param low 2.5% quantile
   * @param high 97.5% quantile
   */
  record Interval(double value, double low, double high) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", value, low, high);
    }
  }

  /**
   * The judgement of one group of leads.
   *
   * @param leads leads evaluated
   * @param positives of them converted within the horizon
   * @param auc AUC of the served scores
   * @param truthAuc AUC of the true probabilities on the same leads
   * @param ratio {@code auc / truthAuc}
   * @param ece label ECE of the served scores
   * @param truthEce label ECE of the true probabilities (the noise floor)
   */
  record Judgement(
      int leads,
      int positives,
      Interval auc,
      double truthAuc,
      Interval ratio,
      Interval ece,
      double truthEce) {}

  /**
   * Everything measured.
   *
   * @param leads simulated leads
   * @param missing leads without a score as of created + after
   * @param closed leads with a closing status change by their deadline (not judged)
   * @param all every evaluated lead
   * @param byScorer the evaluated leads grouped by the scorer of their score
   */
  record Figures(
      int leads, int missing, int closed, Judgement all, Map<String, Judgement> byScorer) {}

  private ServedLeadScores() {}

  /**
   * Judges {@code scores} (in the order they were read from the topic) against the truth of {@code
   * simulation}, each lead as of its creation + {@code after}.
   */
  static Figures judge(
      final LeadSimulator.Simulation simulation,
      final List<Score> scores,
      final Duration after,
      final long seed) {
    return judge(simulation, scores, after, seed, false);
  }

  /**
   * As {@link #judge(LeadSimulator.Simulation, List, Duration, long)}, or with {@code atScoreTime}
   * the label and the true probability taken as of the served score's own time (the information the
   * score had: the last event before the deadline) instead of the deadline.
   */
  static Figures judge(
      final LeadSimulator.Simulation simulation,
      final List<Score> scores,
      final Duration after,
      final long seed,
      final boolean atScoreTime) {
    final Map<String, NavigableMap<Instant, Score>> byLead = new HashMap<>();
    for (final Score s : scores) {
      byLead.computeIfAbsent(s.leadId(), k -> new TreeMap<>()).put(s.asOf(), s);
    }
    final List<Score> evaluated = new ArrayList<>();
    final List<Double> truth = new ArrayList<>();
    final List<Integer> labels = new ArrayList<>();
    int missing = 0;
    int closed = 0;
    final Map<String, Instant> closing = new HashMap<>();
    for (final LeadEvent e : simulation.events()) {
      if (e.status() != null && e.status().closed()) {
        closing.merge(e.leadId(), e.occurredAt(), (x, y) -> x.isBefore(y) ? x : y);
      }
    }
    for (final LeadSimulator.LeadTruth t : new TreeMap<>(simulation.truths()).values()) {
      final Instant deadline = t.createdAt().plus(after);
      final NavigableMap<Instant, Score> served = byLead.get(t.leadId());
      final Map.Entry<Instant, Score> score = served == null ? null : served.floorEntry(deadline);
      if (score == null) {
        missing++;
        continue;
      }
      final Instant at = atScoreTime ? score.getKey() : deadline;
      final Instant closedAt = closing.get(t.leadId());
      if (closedAt != null && !closedAt.isAfter(at)) {
        closed++;
        continue;
      }
      evaluated.add(score.getValue());
      truth.add(t.probability(at));
      labels.add(t.wonAt() != null && !t.wonAt().isAfter(at.plus(LeadLabels.HORIZON)) ? 1 : 0);
    }
    final Judgement all = judgement(evaluated, truth, labels, s -> true, seed);
    final Map<String, Judgement> byScorer = new TreeMap<>();
    evaluated.stream()
        .map(Score::scorer)
        .distinct()
        .forEach(
            scorer ->
                byScorer.put(
                    scorer,
                    judgement(evaluated, truth, labels, s -> s.scorer().equals(scorer), seed)));
    return new Figures(simulation.truths().size(), missing, closed, all, byScorer);
  }

  private static Judgement judgement(
      final List<Score> scores,
      final List<Double> truth,
      final List<Integer> labels,
      final Predicate<Score> in,
      final long seed) {
    final List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (in.test(scores.get(i))) {
        idx.add(i);
      }
    }
    final int n = idx.size();
    final double[] p = new double[n];
    final double[] t = new double[n];
    final int[] y = new int[n];
    int positives = 0;
    for (int j = 0; j < n; j++) {
      p[j] = scores.get(idx.get(j)).probability();
      t[j] = truth.get(idx.get(j));
      y[j] = labels.get(idx.get(j));
      positives += y[j];
    }
    final double auc = auc(p, y);
    final double truthAuc = auc(t, y);
    final double[] bootAuc = new double[BOOTSTRAP];
    final double[] bootRatio = new double[BOOTSTRAP];
    final double[] bootEce = new double[BOOTSTRAP];
    final SplittableRandom random = new SplittableRandom(seed);
    final double[] bp = new double[n];
    final double[] bt = new double[n];
    final int[] by = new int[n];
    for (int b = 0; b < BOOTSTRAP && n > 0; b++) {
      for (int j = 0; j < n; j++) {
        final int k = random.nextInt(n);
        bp[j] = p[k];
        bt[j] = t[k];
        by[j] = y[k];
      }
      bootAuc[b] = auc(bp, by);
      bootRatio[b] = bootAuc[b] / auc(bt, by);
      bootEce[b] = n == 0 ? Double.NaN : ClassificationMetrics.ece(bp, by);
    }
    return new Judgement(
        n,
        positives,
        interval(auc, bootAuc),
        truthAuc,
        interval(auc / truthAuc, bootRatio),
        interval(n == 0 ? Double.NaN : ClassificationMetrics.ece(p, y), bootEce),
        n == 0 ? Double.NaN : ClassificationMetrics.ece(t, y));
  }

  /** AUC, or NaN when a class is absent. */
  private static double auc(final double[] p, final int[] y) {
    int positives = 0;
    for (final int label : y) {
      positives += label;
    }
    return positives == 0 || positives == y.length ? Double.NaN : ClassificationMetrics.auc(p, y);
  }

  private static Interval interval(final double value, final double[] boot) {
    final double[] sorted = Arrays.stream(boot).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (sorted.length == 0) {
      return new Interval(value, Double.NaN, Double.NaN);
    }
    final int lo = (int) Math.floor(0.025 * (sorted.length - 1));
    final int hi = (int) Math.ceil(0.975 * (sorted.length - 1));
    return new Interval(value, sorted[lo], sorted[hi]);
  }
}
