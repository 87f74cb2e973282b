package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelEvaluationTest {

  private static ModelEvaluation.Contribution c(
      final int label, final double challenger, final double champion, final double rules) {
    return new ModelEvaluation.Contribution("midcoast-lead:1", label, challenger, champion, rules);
  }

  @Test
  void shouldPromoteOnlyWithEnoughOutcomesAndASignificantMarginOverChampionAndRules() {
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("midcoast-lead:1");
    for (int i = 0; i < LeadRules.MIN_OUTCOMES - 1; i++) {
      final int label = i % 2;
      t = t.plus(c(label, label == 1 ? 0.8 : 0.2, label == 1 ? 0.6 : 0.4, 0.5));
    }
    assertThat(t.challengerWins()).isFalse();
    t = t.plus(c(1, 0.8, 0.6, 0.5));
    assertThat(t.zOverChampion()).isGreaterThan(LeadRules.PROMOTION_Z);
    assertThat(t.challengerWins()).isTrue();
    assertThat(ModelEvaluation.Totals.decode(t.encode())).isEqualTo(t);
    assertThat(t.close().challengerWins()).isFalse();
  }

  @Test
  void shouldNotPromoteAChallengerThatBeatsTheChampionButNotTheRules() {
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("midcoast-lead:1");
    for (int i = 0; i < 4 * LeadRules.MIN_OUTCOMES; i++) {
      final int label = i % 2;
      final double good = label == 1 ? 0.8 : 0.2;
      t = t.plus(c(label, good, 0.5, good)); // a degraded champion, rules as good as it
    }
    assertThat(t.challengerMean()).isLessThan(t.championMean());
    assertThat(t.challengerWins()).isFalse();
  }

  @Test
  void shouldNotPromoteASmallImprovementWithinTheNoise() {
    final Random random = new Random(3);
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("midcoast-lead:1");
    for (int i = 0; i < 1_000; i++) {
      final double truth = random.nextDouble();
      final int label = random.nextDouble() < truth ? 1 : 0;
      final double champion = clamp(truth + 0.2 * random.nextGaussian());
      // better on average by a hair, but noisy: not significant, not 1%
      final double challenger = clamp(truth + 0.199 * random.nextGaussian());
      t = t.plus(c(label, challenger, champion, 0.5));
    }
    assertThat(t.challengerWins()).isFalse();
  }

  @Test
  void shouldNotPromoteATie() {
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("rules:1");
    for (int i = 0; i < 2 * LeadRules.MIN_OUTCOMES; i++) {
      t = t.plus(new ModelEvaluation.Contribution("rules:1", i % 2, 0.4, 0.4, 0.4));
    }
    assertThat(t.challengerWins()).isFalse();
  }

  @Test
  void shouldReadTheEarlierForms() {
    // a contribution without the rules counts the champion's probability for them
    assertThat(ModelEvaluation.Contribution.decode("rules:1|1|0.8|0.4"))
        .isEqualTo(new ModelEvaluation.Contribution("rules:1", 1, 0.8, 0.4, 0.4));
    // a total without the squares starts over; a closed one stays closed
    assertThat(ModelEvaluation.Totals.decode("rules:1|250|100.0|120.0|0"))
        .isEqualTo(ModelEvaluation.Totals.empty("rules:1"));
    assertThat(ModelEvaluation.Totals.decode("rules:1|250|100.0|120.0|1").closed()).isTrue();
  }

  @Test
  void shouldClampProbabilitiesInTheLogLoss() {
    assertThat(ModelEvaluation.logLoss(0.0, 1)).isFinite().isGreaterThan(30);
    assertThat(ModelEvaluation.logLoss(1.0, 1))
        .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  private static double clamp(final double p) {
    return Math.min(0.99, Math.max(0.01, p));
  }
}
