package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadModelEndToEndTest {

  @Test
  void shouldLearnFromSimulatedExamplesCloseToTheBestAchievableAuc() {
    final LeadModelEvaluation.Report report =
        LeadModelEvaluation.evaluate(1_500, 7L, LeadTrainer.Config.defaults("e2e"));
    assertThat(report.aucRatio()).isGreaterThanOrEqualTo(0.9);
    assertThat(report.eceAgainstTruth()).isLessThanOrEqualTo(0.05);
    assertThat(report.model().ece()).isLessThanOrEqualTo(0.08);
    assertThat(report.model().logLoss()).isLessThan(0.6);
    // one example per lead: independent outcomes, the view the calibration target applies to
    assertThat(report.perLead().model().examples()).isEqualTo(report.holdoutLeads());
    assertThat(report.perLead().aucRatio().value()).isGreaterThanOrEqualTo(0.95);
    assertThat(report.perLead().ece().value()).isLessThanOrEqualTo(0.04);
    assertThat(report.perLead().ece().low()).isLessThanOrEqualTo(report.perLead().ece().high());
    assertThat(report.all().auc().value()).isEqualTo(report.model().auc());
    assertThat(report.calibrationExamples()).isPositive();
  }

  @Test
  void shouldTrainFromAJsonLinesFileOfExamples(@TempDir final Path dir) throws Exception {
    final LeadSimulator.Simulation sim = LeadModelEvaluation.simulate(300, 9L);
    final List<LeadExample> examples = sim.examples();
    final Path file = dir.resolve("examples.jsonl");
    LeadExamples.write(file, examples);
    assertThat(LeadExamples.read(file)).isEqualTo(examples);
    final Path out = dir.resolve("lead-model.bin");
    TrainLeadModel.main(new String[] {file.toString(), out.toString(), "cli-1"});
    final LeadModelArtifact artifact =
        LeadModelArtifact.fromBytes(java.nio.file.Files.readAllBytes(out));
    assertThat(artifact.version()).isEqualTo("cli-1");
    assertThat(artifact.scorer().score(examples.get(0).features()).modelVersion())
        .isEqualTo("cli-1");
  }
}
