package io.midcoast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServedLeadScoresTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration AFTER = Duration.ofDays(14);

  private static final LeadSimulator.Simulation SIMULATION =
      LeadLoopBench.simulate(
          LeadSimulator.World.SECOND,
          5,
          1_500,
          Duration.ofDays(300),
          LeadSimulator.syntheticListings(5, 200),
          NOW);

  /** A score at every event: the given probability of the lead as of the event. */
  private static List<ServedLeadScores.Score> scoreEveryEvent(
      final java.util.function.BiFunction<LeadSimulator.LeadTruth, Instant, Double> p,
      final String scorer) {
    final List<ServedLeadScores.Score> out = new ArrayList<>();
    for (final LeadEvent e : SIMULATION.events()) {
      final LeadSimulator.LeadTruth t = SIMULATION.truths().get(e.leadId());
      out.add(
          new ServedLeadScores.Score(
              e.leadId(), e.occurredAt(), p.apply(t, e.occurredAt()), scorer));
    }
    return out;
  }

  @Test
  void theTrueProbabilitiesAtTheDeadlineReachTheTruthsAucAndEce() {
    final List<ServedLeadScores.Score> atDeadline = new ArrayList<>();
    for (final LeadSimulator.LeadTruth t : SIMULATION.truths().values()) {
      final Instant deadline = t.createdAt().plus(AFTER);
      atDeadline.add(
          new ServedLeadScores.Score(t.leadId(), deadline, t.probability(deadline), "truth:1"));
    }
    final ServedLeadScores.Figures f = ServedLeadScores.judge(SIMULATION, atDeadline, AFTER, 3);

    assertThat(f.leads()).isEqualTo(1_500);
    assertThat(f.missing()).isZero();
    assertThat(f.all().leads() + f.closed()).isEqualTo(1_500);
    assertThat(f.closed()).isPositive();
    assertThat(f.all().positives()).isPositive();
    assertThat(f.all().ratio().value()).isEqualTo(1.0);
    assertThat(f.all().ece().value()).isEqualTo(f.all().truthEce()).isLessThan(0.04);
    assertThat(f.all().ratio().low()).isLessThanOrEqualTo(1.0);
    assertThat(f.byScorer()).containsOnlyKeys("truth:1");

    // the truth as of each event, served as of the deadline: it cannot know that a quiet lead went
    // cold after its last event, so it ranks and calibrates worse than the truth at the deadline
    final ServedLeadScores.Figures atEvents =
        ServedLeadScores.judge(
            SIMULATION,
            scoreEveryEvent(LeadSimulator.LeadTruth::probability, "truth-at-events:1"),
            AFTER,
            3);
    assertThat(atEvents.all().ratio().value()).isLessThan(1.0).isGreaterThan(0.8);
    assertThat(atEvents.all().ece().value()).isGreaterThan(f.all().ece().value());
  }

  @Test
  void aConstantScoreIsNoBetterThanChanceAndLaterRecordsOfATimeWin() {
    final List<ServedLeadScores.Score> constant = scoreEveryEvent((t, at) -> 0.5, "rules:0");
    // the same times re-published by another scorer: the later record of a time is the final one
    final List<ServedLeadScores.Score> scores = new ArrayList<>(constant);
    scores.addAll(scoreEveryEvent(LeadSimulator.LeadTruth::probability, "model:2"));

    final ServedLeadScores.Figures onlyConstant =
        ServedLeadScores.judge(SIMULATION, constant, AFTER, 3);
    final ServedLeadScores.Figures republished =
        ServedLeadScores.judge(SIMULATION, scores, AFTER, 3);

    assertThat(onlyConstant.all().auc().value()).isEqualTo(0.5);
    assertThat(onlyConstant.all().ece().value()).isGreaterThan(0.3);
    assertThat(republished.byScorer()).containsOnlyKeys("model:2");
    assertThat(republished.all().auc().value()).isGreaterThan(0.7);
  }

  @Test
  void aLeadWithoutAScoreByItsDeadlineIsMissing() {
    final Map<String, Instant> created =
        SIMULATION.truths().values().stream()
            .collect(
                Collectors.toMap(
                    LeadSimulator.LeadTruth::leadId, LeadSimulator.LeadTruth::createdAt));
    final String late = created.keySet().iterator().next();
    final List<ServedLeadScores.Score> scores =
        scoreEveryEvent(LeadSimulator.LeadTruth::probability, "model:1").stream()
            .filter(
                s -> !s.leadId().equals(late) || s.asOf().isAfter(created.get(late).plus(AFTER)))
            .toList();

    final ServedLeadScores.Figures f = ServedLeadScores.judge(SIMULATION, scores, AFTER, 3);

    assertThat(f.missing()).isEqualTo(1);
  }

  @Test
  void theShuffledFeedHoldsEveryEventWithBoundedDisorder() {
    final List<LeadEvent> events = SIMULATION.events();
    final List<LeadEvent> shuffled = LeadLoopBench.shuffled(events, 3, 9);

    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(events);
    assertThat(shuffled).isNotEqualTo(events);
    Instant newest = Instant.MIN;
    long maxLateness = 0;
    for (final LeadEvent e : shuffled) {
      if (e.occurredAt().isAfter(newest)) {
        newest = e.occurredAt();
      }
      maxLateness = Math.max(maxLateness, Duration.between(e.occurredAt(), newest).toMillis());
    }
    assertThat(maxLateness).isPositive().isLessThanOrEqualTo(Duration.ofDays(3).toMillis());
    assertThat(LeadLoopBench.shuffled(events, 0, 9)).isEqualTo(events);
  }
}
