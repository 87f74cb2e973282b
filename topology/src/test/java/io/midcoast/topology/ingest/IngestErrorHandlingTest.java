package io.midcoast.topology.ingest;

import static io.midcoast.topology.ingest.IngestFixtures.NOW;
import static io.midcoast.topology.ingest.IngestFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The Streams exception handlers, installed from KafkaSettings, through the test driver. */
class IngestErrorHandlingTest {

  /** Counters whose store-stage count throws: an unexpected exception inside ingest-store. */
  private static final class FailingInStore implements StageCounters {
    final InMemoryStageCounters counted = new InMemoryStageCounters();

    @Override
    public void recordIn(final String stage) {
      if (stage.equals(Stages.STORE)) {
        throw new IllegalStateException("store stage bug");
      }
      counted.recordIn(stage);
    }

    @Override
    public void recordOut(final String stage) {
      counted.recordOut(stage);
    }

    @Override
    public void deadLettered(final String stage, final String reason) {
      counted.deadLettered(stage, reason);
    }
  }

  @Test
  void shouldDeadLetterAProcessingErrorAndContinue() {
    final FailingInStore counters = new FailingInStore();
    try (IngestFixtures ingest = new IngestFixtures(counters)) {
      ingest.reso("L1", listing("L1"));

      final TestRecord<String, DeadLetter> record = ingest.deadLetters.readRecord();
      final DeadLetter d = record.value();
      assertThat(d.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR.name());
      assertThat(d.getStage()).isEqualTo(Stages.STORE);
      assertThat(d.getDetail()).contains("store stage bug");
      assertThat(d.getSourceTopic())
          .isEqualTo("ingest-test-" + IngestTopology.OBSERVATIONS_BY_PROPERTY + "-repartition");
      assertThat(d.getOriginalValue()).isNotNull();
      assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
      assertThat(counters.counted.deadLetters(Stages.STORE, "PROCESSING_ERROR")).isEqualTo(1);
      assertThat(ingest.properties.isEmpty()).isTrue();

      // the application continues with the next record
      ingest.county("c", "x,y");
      assertThat(ingest.deadLetters.readValue().getReason()).isEqualTo("MALFORMED_CSV");
    }
  }

  @Test
  void shouldHandleADeserializationErrorAndContinue() {
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    try (IngestFixtures ingest = new IngestFixtures(counters)) {
      final String topic = "ingest-test-" + IngestTopology.OBSERVATIONS_BY_SOURCE + "-repartition";
      final byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
      ingest
          .driver
          .createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
          .pipeInput("reso:L1", garbage, NOW);

      // the installed handler ran (it counts under the stage of the failing source node); the
      // test driver of Kafka 4.3.1 does not forward a deserialization handler's dead-letter
      // records, so their content is checked in StreamsErrorHandlersTest
      assertThat(counters.deadLetters(Stages.RESOLVE, "DESERIALIZATION_ERROR")).isEqualTo(1);
      assertThat(ingest.properties.isEmpty()).isTrue();

      ingest.reso("L1", listing("L1"));
      assertThat(ingest.properties.readValue()).isNotNull();
    }
  }
}
