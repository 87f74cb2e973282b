package io.midcoast.topology.leads;

import static io.midcoast.topology.leads.LeadFixtures.created;
import static io.midcoast.topology.leads.LeadFixtures.days;
import static io.midcoast.topology.leads.LeadFixtures.viewed;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadTrainingExample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lead is scored, and an example taken, at the checkpoints of its age ({@code LeadCheckpoints}:
 * 1, 3, 7, 14, 30, 60, 90 days after creation) as the label clock passes them, also when it says
 * nothing: silence is what says a lead went cold.
 */
class LeadCheckpointTopologyTest {

  private static final int SILENCE = LeadFeatures.NAMES.indexOf("days_since_last_activity");

  @Test
  void shouldScoreAQuietLeadAtEachCheckpointThatTheClockPasses() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(0.5)));
      f.pipe(created("L2", days(20), "website")); // another lead moves the clock to day 20
      final List<LeadScoreUpdate> scores =
          f.scores.readValuesToList().stream().filter(u -> u.getLeadId().equals("L1")).toList();

      assertThat(scores)
          .extracting(LeadScoreUpdate::getEventId)
          .containsExactly(
              "L1-created",
              "e1",
              "checkpoint-1d",
              "checkpoint-3d",
              "checkpoint-7d",
              "checkpoint-14d");
      assertThat(scores)
          .extracting(LeadScoreUpdate::getAsOf)
          .containsExactly(days(0), days(0.5), days(1), days(3), days(7), days(14));
      // the rules read the silence: the score falls as the lead stays quiet
      assertThat(scores.get(5).getProbability()).isLessThan(scores.get(1).getProbability());
      assertThat(f.score("L1").getEventId()).isEqualTo("checkpoint-14d");

      final Map<String, LeadTrainingExample> examples = f.latestExamples(new LinkedHashMap<>());
      final LeadTrainingExample day14 = examples.get("L1:checkpoint-14d");
      assertThat(day14.getAsOf()).isEqualTo(days(14));
      assertThat(day14.getFeatures().get(SILENCE)).isEqualTo(13.5);
      assertThat(examples).doesNotContainKey("L1:checkpoint-30d");
    }
  }

  /**
   * The clock had passed the checkpoints before the lead's {@code created} event arrived: they are
   * scored, with their examples, when it does; a later event comes after them.
   */
  @Test
  void shouldScoreThePassedCheckpointsWhenTheCreationArrivesLate() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(viewed("e1", "L1", "MLS-1", days(2)));
      f.pipe(created("L2", days(10), "website"));
      f.pipe(created("L1", days(0), "website"));
      final List<Instant> asOf =
          f.scores.readValuesToList().stream()
              .filter(u -> u.getLeadId().equals("L1"))
              .map(LeadScoreUpdate::getAsOf)
              .toList();

      assertThat(asOf).endsWith(days(0), days(1), days(2), days(3), days(7));
      assertThat(f.score("L1").getAsOf()).isEqualTo(days(7));
      assertThat(f.latestExamples(new LinkedHashMap<>()))
          .containsKeys("L1:checkpoint-1d", "L1:checkpoint-3d", "L1:checkpoint-7d")
          .doesNotContainKey("L1:checkpoint-14d");
    }
  }
}
