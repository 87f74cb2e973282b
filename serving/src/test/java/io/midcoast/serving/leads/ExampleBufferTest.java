package io.midcoast.serving.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadExample;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.schemas.LeadTrainingExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleBufferTest {

  private static final String SCHEMA = "lead-features-test";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static LeadTrainingExample example(final String leadId, final int minute, final Integer label) {
    return LeadTrainingExample.newBuilder()
        .setLeadId(leadId)
        .setEventId("e" + minute)
        .setAsOf(T0.plusSeconds(60L * minute))
        .setFeatureSchema(SCHEMA)
        .setFeatures(new ArrayList<>(Collections.nCopies(LeadFeatures.size(), (double) minute)))
        .setLabel(label)
        .build();
  }

  private static String key(final LeadTrainingExample e) {
    return e.getLeadId() + ":" + e.getEventId();
  }

  @Test
  void shouldCountAnExampleOnceWhenItsLabelArrivesNotWhenItIsPublishedUnlabelled() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 100);
    final LeadTrainingExample unlabelled = example("L1", 1, null);

    assertThat(buffer.apply(key(unlabelled), unlabelled)).isFalse();
    assertThat(buffer.labelled()).isZero();
    final LeadTrainingExample labelled = example("L1", 1, 1);
    assertThat(buffer.apply(key(labelled), labelled)).isTrue();
    // the same version again (a replay, a compaction duplicate) is not new
    assertThat(buffer.apply(key(labelled), labelled)).isFalse();
    assertThat(buffer.labelled()).isEqualTo(1);
    assertThat(buffer.newSinceTraining()).isEqualTo(1);
  }

  @Test
  void shouldCountAChangedLabelAsNewAndForgetAWithdrawnOne() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 100);
    final LeadTrainingExample zero = example("L1", 1, 0);
    buffer.apply(key(zero), zero);
    buffer.trained();

    assertThat(buffer.apply(key(zero), example("L1", 1, 1))).isTrue();
    assertThat(buffer.newSinceTraining()).isEqualTo(1);
    assertThat(buffer.examples()).extracting(LeadExample::label).containsExactly(1);
    buffer.apply(key(zero), example("L1", 1, null));
    assertThat(buffer.labelled()).isZero();
    buffer.apply(key(zero), zero);
    buffer.apply(key(zero), null);
    assertThat(buffer.labelled()).isZero();
  }

  @Test
  void shouldSkipExamplesOfAnotherFeatureLayout() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 100);
    final LeadTrainingExample other =
        LeadTrainingExample.newBuilder(example("L1", 1, 1)).setFeatureSchema("old").build();
    final LeadTrainingExample short_ =
        LeadTrainingExample.newBuilder(example("L2", 1, 1)).setFeatures(List.of(1.0)).build();

    assertThat(buffer.apply(key(other), other)).isFalse();
    assertThat(buffer.apply(key(short_), short_)).isFalse();
    assertThat(buffer.labelled()).isZero();
    assertThat(buffer.incompatible()).isEqualTo(2);
  }

  @Test
  void shouldKeepTheLatestExamplesByEventTimeWhenFull() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 20);
    for (int minute = 100; minute > 0; minute--) {
      final LeadTrainingExample e = example("L" + minute, minute, minute % 2);
      buffer.apply(key(e), e);
    }

    final List<LeadExample> kept = buffer.examples();
    assertThat(kept).hasSize(20);
    assertThat(kept).allMatch(e -> !e.asOf().isBefore(T0.plusSeconds(60L * 81)));
    assertThat(kept.get(0).features().values()).hasSize(LeadFeatures.size());
  }

  @Test
  void shouldResetTheNewCountWhenTrained() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 100);
    for (int i = 0; i < 5; i++) {
      final LeadTrainingExample e = example("L" + i, i, 0);
      buffer.apply(key(e), e);
    }
    buffer.trained();
    assertThat(buffer.newSinceTraining()).isZero();
    assertThat(buffer.labelled()).isEqualTo(5);
  }

  @Test
  void shouldKeepTheLabelClockOfTheLabelledExamplesNotTheirNewestTime() {
    final ExampleBuffer buffer = new ExampleBuffer(SCHEMA, 100);
    assertThat(buffer.clock()).isEmpty();
    final LeadTrainingExample ahead = example("L1", 500, null); // from a source read far ahead
    final LeadTrainingExample decided =
        LeadTrainingExample.newBuilder(example("L2", 10, 1))
            .setLabelledAt(T0.plusSeconds(60L * 40))
            .build();
    final LeadTrainingExample older =
        LeadTrainingExample.newBuilder(example("L3", 5, 0))
            .setLabelledAt(T0.plusSeconds(60L * 30))
            .build();
    buffer.apply(key(ahead), ahead);
    assertThat(buffer.clock()).isEmpty();
    buffer.apply(key(decided), decided);
    buffer.apply(key(older), older);

    assertThat(buffer.clock()).contains(T0.plusSeconds(60L * 40));
    assertThat(LeadTrainerLoop.decidedBefore(T0.plusSeconds(86_400L * 30)))
        .isEqualTo(T0.plusSeconds(86_400L * 23));
  }
}
