package io.midcoast.topology.leads;

import static io.midcoast.topology.leads.LeadFixtures.activity;
import static io.midcoast.topology.leads.LeadFixtures.created;
import static io.midcoast.topology.leads.LeadFixtures.days;
import static io.midcoast.topology.leads.LeadFixtures.status;
import static io.midcoast.topology.leads.LeadFixtures.viewed;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.topology.catalog.LeadModelContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadLabelsTopologyTest {

  @Test
  void shouldPublishEveryExampleUnlabelledFirstWithTheFeatureSchema() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(1)));
      assertThat(f.examples.readKeyValuesToList())
          .allSatisfy(
              kv -> {
                assertThat(kv.value.getLabel()).isNull();
                assertThat(kv.value.getFeatureSchema()).isEqualTo(LeadModelContract.FEATURE_SCHEMA);
                assertThat(kv.value.getFeatures()).hasSize(LeadFeatures.NAMES.size());
              })
          .extracting(kv -> kv.key)
          // the clock at day 1 passed the lead's first checkpoint of age
          .containsExactly("L1:L1-created", "L1:checkpoint-1d", "L1:e1");
    }
  }

  @Test
  void shouldLabelOneWhenTheLeadWinsWithinNinetyDaysAndZeroWhenItIsLost() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(1)));
      f.pipe(status("w", "L1", "closed_won", days(30)));
      f.pipe(created("L2", days(31), "website"));
      f.pipe(status("l", "L2", "closed_lost", days(32)));
      final Map<String, LeadTrainingExample> latest = f.latestExamples(new LinkedHashMap<>());
      assertThat(latest.get("L1:L1-created").getLabel()).isEqualTo(1);
      assertThat(latest.get("L1:e1").getLabel()).isEqualTo(1);
      assertThat(latest.get("L1:e1").getLabelledAt()).isEqualTo(days(30));
      assertThat(latest).doesNotContainKeys("L1:w", "L2:l"); // closed at their own time
      assertThat(latest.get("L2:L2-created").getLabel()).isZero();
    }
  }

  @Test
  void shouldRelabelByEventTimeWhenTheOutcomeArrivesLate() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(1)));
      f.pipe(viewed("e2", "L1", "MLS-1", days(40)));
      f.pipe(status("w", "L1", "closed_won", days(20))); // arrives after e2
      final Map<String, LeadTrainingExample> latest = f.latestExamples(new LinkedHashMap<>());
      assertThat(latest.get("L1:L1-created").getLabel()).isEqualTo(1);
      assertThat(latest.get("L1:e1").getLabel()).isEqualTo(1);
      assertThat(latest).containsEntry("L1:e2", null); // the lead was closed then: retracted
      assertThat(f.state("L1").getProfile().getStatus()).isEqualTo("closed_won");
    }
  }

  /**
   * Two sources feed the lead task (as the partitions of an unkeyed feed do); one is read 100 days
   * of event time ahead of the other. With the task's stream time as the label clock, L1's examples
   * expired and were purged with label 0 before its closed_won came from the slow source.
   */
  @Test
  void shouldWaitForTheSlowestSourceBeforeDecidingByExpiry() {
    try (LeadFixtures f = new LeadFixtures()) {
      final org.apache.kafka.streams.TestInputTopic<String, byte[]> byLead =
          f.driver.createInputTopic(
              io.midcoast.topology.ingest.IngestFixtures.APPLICATION_ID
                  + "-"
                  + LeadTopology.EVENTS_BY_LEAD
                  + "-repartition",
              new org.apache.kafka.common.serialization.StringSerializer(),
              new org.apache.kafka.common.serialization.ByteArraySerializer());
      final java.util.function.BiConsumer<String, io.midcoast.ml.lead.LeadEvent> from =
          (source, event) -> {
            final org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(
                SourceProgress.SOURCE_HEADER,
                source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            headers.add(
                SourceProgress.PROGRESS_HEADER,
                SourceProgress.encode(event.occurredAt().toEpochMilli()));
            byLead.pipeInput(
                new org.apache.kafka.streams.test.TestRecord<>(
                    event.leadId(),
                    event.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    headers,
                    event.occurredAt()));
          };
      from.accept("slow", created("L1", days(0), "website"));
      from.accept("slow", viewed("e1", "L1", "MLS-1", days(1)));
      from.accept("fast", created("L2", days(0), "website"));
      from.accept("fast", activity("x1", "L2", LeadEventType.EMAIL_OPENED, days(100)));
      from.accept("fast", activity("x2", "L2", LeadEventType.EMAIL_OPENED, days(120)));
      final Map<String, LeadTrainingExample> latest = f.latestExamples(new LinkedHashMap<>());
      assertThat(latest.get("L1:e1").getLabel()).as("the slow source is at day 1").isNull();

      from.accept("slow", status("w", "L1", "closed_won", days(30)));
      from.accept("slow", activity("y", "L1", LeadEventType.EMAIL_OPENED, days(130)));
      f.latestExamples(latest);
      assertThat(latest.get("L1:L1-created").getLabel()).isEqualTo(1);
      assertThat(latest.get("L1:e1").getLabel()).isEqualTo(1);
      // the clock is now the fast source's day 120: L2's first examples are final 0s
      assertThat(latest.get("L2:L2-created").getLabel()).isZero();
      assertThat(latest.get("L2:L2-created").getLabelledAt()).isEqualTo(days(120));
    }
  }

  @Test
  void shouldExpireAfterNinetyDaysOfEventTimeAndStillTakeALateWinDuringTheGrace() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(1)));
      f.pipe(created("L2", days(50), "website"));
      final Map<String, LeadTrainingExample> latest = f.latestExamples(new LinkedHashMap<>());
      assertThat(latest.get("L1:e1").getLabel()).isNull();

      f.pipe(activity("x1", "L2", LeadEventType.EMAIL_OPENED, days(92))); // stream time moves
      f.latestExamples(latest);
      assertThat(latest.get("L1:L1-created").getLabel()).isZero();
      assertThat(latest.get("L1:e1").getLabel()).isZero();
      assertThat(latest.get("L1:e1").getLabelledAt()).isAfterOrEqualTo(days(91));

      f.pipe(status("w", "L1", "closed_won", days(60))); // late, within the 7-day grace
      f.latestExamples(latest);
      assertThat(latest.get("L1:e1").getLabel()).isEqualTo(1);

      f.pipe(activity("x2", "L2", LeadEventType.EMAIL_OPENED, days(120))); // grace over: purged
      assertThat(
              f.driver
                  .<String, LeadTrainingExample>getKeyValueStore(LeadTopology.PENDING_STORE)
                  .get("L1:e1"))
          .isNull();
      f.pipe(status("lost", "L1", "closed_lost", days(10))); // too late: labels are final
      f.latestExamples(latest);
      assertThat(latest.get("L1:e1").getLabel()).isEqualTo(1);
    }
  }

  @Test
  void shouldLabelLateEventsAtOnceWhenTheirOutcomeIsAlreadyKnown() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(status("w", "L1", "closed_won", days(30)));
      f.pipe(viewed("late", "L1", "MLS-1", days(10)));
      final Map<String, LeadTrainingExample> latest = f.latestExamples(new LinkedHashMap<>());
      assertThat(latest.get("L1:late").getLabel()).isEqualTo(1);
    }
  }
}
