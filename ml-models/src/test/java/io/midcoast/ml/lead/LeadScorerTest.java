package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeadScorerTest {

  static LeadSimulator.Simulation simulation;
  static List<LeadExample> examples;
  static LeadTrainer.Result trained;

  @BeforeAll
  static void train() {
    simulation = LeadModelEvaluation.simulate(400, 3L);
    examples = simulation.examples();
    trained =
        LeadTrainer.train(
            examples,
            LeadTrainer.Config.defaults("t1")
                .withEpochs(3)
                .withDecidedBefore(simulation.end())
                .withTrainedAt(simulation.end()));
  }

  @Test
  void shouldScoreWithTheRuleWhileNoModelIsLoaded() {
    final LeadScorer rules = new RuleBasedLeadScorer();
    final LeadScore quiet =
        rules.score(LeadFeatures.vector(LeadSnapshot.empty("x"), LeadFeaturesTest.T0));
    assertThat(quiet.modelId()).isEqualTo("midcoast-lead-rules");
    assertThat(quiet.modelVersion()).isEqualTo("1");
    assertThat(quiet.probability()).isBetween(0.0, 0.2);
    final double[] v = new double[LeadFeatures.size()];
    v[LeadFeatures.NAMES.indexOf("pre_approved")] = 1;
    v[LeadFeatures.NAMES.indexOf("timeline_0_3m")] = 1;
    v[LeadFeatures.NAMES.indexOf("showing_attended_30d")] = 3;
    v[LeadFeatures.NAMES.indexOf("decayed_engagement")] = 30;
    v[LeadFeatures.NAMES.indexOf("engagement_velocity")] = 2;
    final LeadScore hot = rules.score(new FeatureVector(LeadFeatures.NAMES, v));
    assertThat(hot.probability()).isGreaterThan(quiet.probability() + 0.3);
    assertThat(hot.factors()).hasSize(LeadScore.TOP_FACTORS);
    assertThat(hot.factors().get(0).contribution()).isPositive();
    for (int i = 1; i < hot.factors().size(); i++) {
      assertThat(Math.abs(hot.factors().get(i).contribution()))
          .isLessThanOrEqualTo(Math.abs(hot.factors().get(i - 1).contribution()));
    }
  }

  @Test
  void shouldExplainTribuoScoresExactlyWithCoefficientsTimesStandardizedFeatures() {
    final TribuoLeadScorer scorer = trained.artifact().scorer();
    for (final LeadExample e : examples.subList(0, 200)) {
      final LeadScore score = scorer.score(e.features());
      final double logit = scorer.logOdds(e.features());
      assertThat(score.probability()).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-9));
      assertThat(score.modelId()).isEqualTo("midcoast-lead");
      assertThat(score.modelVersion()).isEqualTo("t1");
      assertThat(score.factors()).hasSizeLessThanOrEqualTo(LeadScore.TOP_FACTORS);
    }
  }

  @Test
  void shouldRejectAVectorOfAnotherLayout() {
    final FeatureVector other = new FeatureVector(List.of("a"), new double[] {1});
    assertThatThrownBy(() -> new RuleBasedLeadScorer().score(other))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trained.artifact().scorer().score(other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripTheArtifactFramedAndInParts() {
    final LeadModelArtifact artifact = trained.artifact();
    final LeadModelArtifact framed = LeadModelArtifact.fromBytes(artifact.toBytes());
    final LeadModelArtifact parts =
        LeadModelArtifact.fromParts(artifact.metadataJson(), artifact.payload());
    assertThat(framed).isEqualTo(artifact);
    assertThat(parts).isEqualTo(artifact);
    assertThat(framed.metadata().holdout()).isEqualTo(trained.holdoutMetrics());
    assertThat(framed.metadata().features()).isEqualTo(LeadFeatures.NAMES);
    assertThat(framed.metadata().bins()).hasSize(LeadFeatures.size());
    assertThat(framed.metadata().trainer()).containsEntry("seed", 42);
    assertThat(framed.metadata().provenance()).contains("seed");
    assertThat(framed.metadata().trainExamples()).isEqualTo(trained.train().size());
    for (final LeadExample e : trained.holdout().subList(0, 100)) {
      assertThat(framed.scorer().score(e.features()))
          .isEqualTo(artifact.scorer().score(e.features()));
    }
  }

  @Test
  void shouldRefuseACorruptedPayload() {
    final byte[] payload = trained.artifact().payload();
    payload[payload.length / 2] ^= 1;
    assertThatThrownBy(
            () -> LeadModelArtifact.fromParts(trained.artifact().metadataJson(), payload))
        .hasMessageContaining("SHA-256");
    assertThatThrownBy(() -> LeadModelArtifact.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTrainDeterministically() {
    final LeadTrainer.Result again =
        LeadTrainer.train(
            examples,
            LeadTrainer.Config.defaults("t1")
                .withEpochs(3)
                .withDecidedBefore(simulation.end())
                .withTrainedAt(simulation.end()));
    assertThat(again.holdoutProbabilities()).containsExactly(trained.holdoutProbabilities());
    assertThat(again.artifact().scorer().coefficients())
        .isEqualTo(trained.artifact().scorer().coefficients());
  }

  @Test
  void shouldHoldOutTheLatestExamplesAndDropUndecidedOnes() {
    assertThat(trained.train().get(trained.train().size() - 1).asOf())
        .isBeforeOrEqualTo(trained.holdout().get(0).asOf());
    assertThat(trained.holdout().get(trained.holdout().size() - 1).asOf())
        .isBeforeOrEqualTo(simulation.end().minus(LeadLabels.HORIZON));
    final int labelled = trained.train().size() + trained.holdout().size();
    assertThat(trained.holdout().size()).isCloseTo((int) Math.round(labelled * 0.2), within(1));
  }
}
