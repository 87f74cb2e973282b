package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

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
  void shouldExplainTreeScoresExactlyWithPathContributionsInCalibratedLogOdds() {
    final TribuoLeadScorer scorer = trained.artifact().scorer();
    final String[] names = LeadFeatures.NAMES.toArray(new String[0]);
    for (final LeadExample e : examples.subList(0, 200)) {
      final LeadScore score = scorer.score(e.features());
      final double logit = scorer.logOdds(e.features());
      assertThat(score.probability()).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-9));
      final double[] contributions = scorer.contributions(e.features());
      double sum = scorer.intercept();
      for (final double c : contributions) {
        sum += c;
      }
      assertThat(sum).isCloseTo(logit, within(1e-9));
      // the plain-Java tree walk agrees with Tribuo's (XGBoost's) own prediction
      final double tribuo =
          scorer
              .tribuoModel()
              .predict(
                  new ArrayExample<>(
                      LabelFactory.UNKNOWN_LABEL, names, scorer.standardize(e.features().values())))
              .getOutputScores()
              .get(TribuoLeadScorer.POSITIVE)
              .getScore();
      final double tribuoLogit = Math.log(tribuo / (1 - tribuo));
      assertThat(scorer.rawLogOdds(e.features())).isCloseTo(tribuoLogit, within(1e-4));
      assertThat(score.modelId()).isEqualTo("midcoast-lead");
      assertThat(score.modelVersion()).isEqualTo("t1");
      assertThat(score.factors()).hasSizeLessThanOrEqualTo(LeadScore.TOP_FACTORS);
      for (final Factor f : score.factors()) {
        assertThat(f.contribution())
            .isEqualTo(contributions[LeadFeatures.NAMES.indexOf(f.feature())]);
      }
    }
  }

  @Test
  void shouldCalibrateOnASliceBetweenTheFitAndTheHoldout() {
    assertThat(trained.calibration()).isNotEmpty();
    assertThat(trained.train().get(trained.train().size() - 1).asOf())
        .isBeforeOrEqualTo(trained.calibration().get(0).asOf());
    assertThat(trained.calibration().get(trained.calibration().size() - 1).asOf())
        .isBeforeOrEqualTo(trained.holdout().get(0).asOf());
    final Calibration c = trained.artifact().scorer().calibration();
    assertThat(c)
        .isEqualTo(trained.artifact().metadata().calibration())
        .isNotEqualTo(Calibration.IDENTITY);
    // better than the base rate: a small model must not be worse than a constant
    final double rate =
        trained.holdoutMetrics().positives() / (double) trained.holdoutMetrics().examples();
    final double constant = -(rate * Math.log(rate) + (1 - rate) * Math.log(1 - rate));
    assertThat(trained.holdoutMetrics().logLoss()).isLessThan(constant);
  }

  @Test
  void shouldStillTrainAndLoadALogisticRegression() {
    final LeadTrainer.Result linear =
        LeadTrainer.train(
            examples,
            LeadTrainer.Config.defaults("lr")
                .withAlgorithm(LeadTrainer.Algorithm.LOGISTIC_REGRESSION)
                .withEpochs(3)
                .withCalibrationFraction(0)
                .withDecidedBefore(simulation.end())
                .withTrainedAt(simulation.end()));
    final TribuoLeadScorer scorer = linear.artifact().scorer();
    assertThat(scorer.calibration()).isEqualTo(Calibration.IDENTITY);
    assertThat(scorer.coefficients()).hasSize(LeadFeatures.size());
    // metadata of a model from before calibration (no field): loads with the identity
    final String before =
        linear.artifact().metadataJson().replaceFirst(",\"calibration\":\\{[^}]*\\}", "");
    assertThat(before).doesNotContain("calibration\"");
    final LeadModelArtifact old = LeadModelArtifact.fromParts(before, linear.artifact().payload());
    for (final LeadExample e : examples.subList(0, 50)) {
      final double logit = scorer.logOdds(e.features());
      assertThat(old.scorer().score(e.features()).probability())
          .isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-9));
      final Prediction<Label> p =
          scorer
              .tribuoModel()
              .predict(
                  new ArrayExample<>(
                      LabelFactory.UNKNOWN_LABEL,
                      LeadFeatures.NAMES.toArray(new String[0]),
                      scorer.standardize(e.features().values())));
      assertThat(p.getOutputScores().get(TribuoLeadScorer.POSITIVE).getScore())
          .isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-9));
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
    assertThat(framed.scorer().calibration()).isEqualTo(artifact.scorer().calibration());
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
                .withDecidedBefore(simulation.end())
                .withTrainedAt(simulation.end()));
    assertThat(again.holdoutProbabilities()).containsExactly(trained.holdoutProbabilities());
    for (final LeadExample e : trained.holdout().subList(0, 50)) {
      assertThat(again.artifact().scorer().contributions(e.features()))
          .containsExactly(trained.artifact().scorer().contributions(e.features()));
    }
    assertThat(again.artifact().scorer().calibration())
        .isEqualTo(trained.artifact().scorer().calibration());
  }

  @Test
  void shouldHoldOutTheLatestExamplesAndDropUndecidedOnes() {
    assertThat(trained.train().get(trained.train().size() - 1).asOf())
        .isBeforeOrEqualTo(trained.holdout().get(0).asOf());
    assertThat(trained.holdout().get(trained.holdout().size() - 1).asOf())
        .isBeforeOrEqualTo(simulation.end().minus(LeadLabels.HORIZON));
    final int labelled =
        trained.train().size() + trained.calibration().size() + trained.holdout().size();
    assertThat(trained.holdout().size()).isCloseTo((int) Math.round(labelled * 0.2), within(1));
  }
}
