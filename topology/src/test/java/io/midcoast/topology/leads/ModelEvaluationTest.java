package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelEvaluationTest {

  @Test
  void shouldPromoteOnlyWithEnoughOutcomesAndAStrictlyLowerLogLoss() {
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("midcoast-lead:v1");
    for (int i = 0; i < LeadRules.MIN_OUTCOMES - 1; i++) {
      t =
          t.plus(
              new ModelEvaluation.Contribution(
                  "midcoast-lead:v1", i % 2, 0.5 + (i % 2 == 1 ? 0.3 : -0.3), 0.5));
    }
    assertThat(t.challengerWins()).isFalse();
    t = t.plus(new ModelEvaluation.Contribution("midcoast-lead:v1", 1, 0.8, 0.5));
    assertThat(t.challengerWins()).isTrue();
    assertThat(ModelEvaluation.Totals.decode(t.encode())).isEqualTo(t);
    assertThat(t.close().challengerWins()).isFalse();
  }

  @Test
  void shouldNotPromoteATie() {
    ModelEvaluation.Totals t = ModelEvaluation.Totals.empty("rules:1");
    for (int i = 0; i < 2 * LeadRules.MIN_OUTCOMES; i++) {
      t = t.plus(new ModelEvaluation.Contribution("rules:1", i % 2, 0.4, 0.4));
    }
    assertThat(t.challengerWins()).isFalse();
  }

  @Test
  void shouldClampProbabilitiesInTheLogLoss() {
    assertThat(ModelEvaluation.logLoss(0.0, 1)).isFinite().isGreaterThan(30);
    assertThat(ModelEvaluation.logLoss(1.0, 1))
        .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
