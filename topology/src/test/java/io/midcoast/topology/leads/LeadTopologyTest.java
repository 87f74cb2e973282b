package io.midcoast.topology.leads;

import static io.midcoast.topology.leads.LeadFixtures.activity;
import static io.midcoast.topology.leads.LeadFixtures.assigned;
import static io.midcoast.topology.leads.LeadFixtures.created;
import static io.midcoast.topology.leads.LeadFixtures.days;
import static io.midcoast.topology.leads.LeadFixtures.status;
import static io.midcoast.topology.leads.LeadFixtures.viewed;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.RuleBasedLeadScorer;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.LeadAlert;
import io.midcoast.schemas.LeadAlertKind;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class LeadTopologyTest {

  @Test
  void shouldPublishTheProfileFromCreatedAssignedAndStatusEvents() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "referral"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(0.1)));
      f.pipe(assigned("e2", "L1", "agent-7", days(0.2)));
      f.pipe(status("e3", "L1", "contacted", days(1)));

      final List<LeadProfile> published = f.profiles.readValuesToList();
      assertThat(published)
          .hasSize(3); // created, assigned, status: the view changes no profile field
      final LeadProfile last = published.get(2);
      assertThat(last.getName()).isEqualTo("Pat L1");
      assertThat(last.getAgentId()).isEqualTo("agent-7");
      assertThat(last.getStatus()).isEqualTo("contacted");
      assertThat(last.getBudgetMaxCents()).isEqualTo(40_000_000L);
      assertThat(last.getPreApproved()).isTrue();
      final LeadState state = f.state("L1");
      assertThat(state.getActivities()).hasSize(4);
      assertThat(state.getProfile().getLastActivityAt()).isEqualTo(days(0.1));
      assertThat(state.getProfile().getUpdatedAt()).isEqualTo(days(1));
      assertThat(state.getStatusChanges()).hasSize(1);
    }
  }

  @Test
  void shouldChangeNothingOnReplaysAndDuplicates() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "website"));
      f.pipe(activity("e1", "L1", LeadEventType.SHOWING_REQUESTED, days(1)));
      final LeadState before = f.state("L1");
      f.profiles.readValuesToList();
      f.scores.readValuesToList();
      f.alerts.readValuesToList();
      f.examples.readValuesToList();

      f.pipe(activity("e1", "L1", LeadEventType.SHOWING_REQUESTED, days(1)));
      f.pipe(created("L1", days(0), "website"));

      assertThat(f.state("L1")).isEqualTo(before);
      assertThat(f.profiles.isEmpty()).isTrue();
      assertThat(f.scores.isEmpty()).isTrue();
      assertThat(f.alerts.isEmpty()).isTrue();
      assertThat(f.examples.isEmpty()).isTrue();
      assertThat(f.counters.drops(LeadProcessor.STAGE, "DUPLICATE")).isEqualTo(2);
    }
  }

  @Test
  void shouldDeadLetterBadRecordsWithTheirBytesAndKeepRunning() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipeRaw("{not json", days(0));
      f.pipeRaw(
          "{\"eventId\":\"x\",\"type\":\"inquiry\",\"occurredAt\":\"2024-01-01T00:00:00Z\"}",
          days(0));
      f.pipeRaw(
          "{\"eventId\":\"x\",\"leadId\":\"L\",\"type\":\"teleported\",\"occurredAt\":\"2024-01-01T00:00:00Z\"}",
          days(0));
      f.pipeRaw(
          "{\"eventId\":\"x\",\"leadId\":\"L\",\"type\":\"inquiry\",\"occurredAt\":\"yesterday\"}",
          days(0));
      f.pipeRaw(
          "{\"eventId\":\"x\",\"leadId\":\"L\",\"type\":\"status_changed\",\"occurredAt\":\"2024-01-01T00:00:00Z\",\"attributes\":{\"status\":\"asleep\"}}",
          days(0));
      f.pipeRaw(
          "{\"eventId\":\"x\",\"leadId\":\"L\",\"type\":\"inquiry\",\"occurredAt\":\"2030-01-01T00:00:00Z\"}",
          days(0));
      f.pipeRaw(null, days(0));
      f.pipe(created("L1", days(0), "website"));

      final List<TestRecord<String, DeadLetter>> dead = f.deadLetters.readRecordsToList();
      assertThat(dead)
          .extracting(r -> r.value().getReason())
          .containsExactly(
              "MALFORMED_JSON",
              "MISSING_REQUIRED_FIELD",
              "UNKNOWN_EVENT_TYPE",
              "INVALID_DATE",
              "UNKNOWN_LEAD_STATUS",
              "DATE_IN_FUTURE",
              "EMPTY_RECORD");
      final DeadLetter first = dead.get(0).value();
      assertThat(first.getStage()).isEqualTo(LeadParseProcessor.STAGE);
      assertThat(first.getSourceTopic()).isEqualTo("feeds.lead.event");
      assertThat(first.getSourceOffset()).isZero();
      assertThat(new String(first.getOriginalValue().array())).isEqualTo("{not json");
      assertThat(f.counters.deadLetters(LeadParseProcessor.STAGE)).isEqualTo(7);
      assertThat(f.state("L1")).isNotNull();
    }
  }

  /** An event before 1970 passed the parse stage, and the lead stage threw stamping its outputs. */
  @Test
  void shouldDeadLetterEventsThatHappenedBeforeTheEpoch() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipeRaw(inquiry("e1", "-985395102712491671"), days(0)); // epoch millis, from the fuzz test
      f.pipeRaw(inquiry("e2", "\"1969-12-31T23:59:59Z\""), days(0));
      f.pipeRaw(inquiry("e3", "\"1970-01-01T00:00:00Z\""), days(0));

      assertParseDeadLetters(f, "DATE_BEFORE_EPOCH", "DATE_BEFORE_EPOCH");
      assertThat(f.state("L1").getRecentEventIds()).containsExactly("e3");
    }
  }

  /** An instant without a millisecond count made the parse stage itself throw. */
  @Test
  void shouldDeadLetterEventTimesBeyondTheRangeOfEpochMillis() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipeRaw(inquiry("e1", "\"-999999999-01-01T00:00:00Z\""), days(0));
      f.pipeRaw(inquiry("e2", "\"+999999999-12-31T23:59:59Z\""), days(0));

      assertParseDeadLetters(f, "DATE_BEFORE_EPOCH", "DATE_IN_FUTURE");
      assertThat(f.state("L1")).isNull();
    }
  }

  @Test
  void shouldJoinViewedListingsWithTheirPriceFromPropertyState() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.properties.pipeInput("P1", property("P1", "MLS-1", 35_000_000L));
      f.properties.pipeInput("P2", property("P2", "MLS-2", 90_000_000L));
      f.properties.pipeInput("P1", property("P1", "MLS-1", 32_500_000L)); // price cut
      f.pipe(created("L1", days(0), "website"));
      f.pipe(viewed("e1", "L1", "MLS-1", days(0.1)));
      f.pipe(viewed("e2", "L1", "MLS-2", days(0.2)));
      f.pipe(viewed("e3", "L1", "MLS-404", days(0.3)));

      final LeadState state = f.state("L1");
      assertThat(state.getActivities())
          .filteredOn(a -> a.getListingKey() != null)
          .extracting(a -> a.getListingPriceCents())
          .containsExactly(32_500_000L, 90_000_000L, null);
      final LeadScoreUpdate score = f.score("L1");
      assertThat(score.getProbability()).isBetween(0.0, 1.0);
      // one of two priced views is within the 200k..400k budget
      final List<io.midcoast.schemas.LeadTrainingExample> examples = f.examples.readValuesToList();
      final int share =
          io.midcoast.ml.lead.LeadFeatures.NAMES.indexOf("viewed_in_budget_share_30d");
      assertThat(examples.get(examples.size() - 1).getFeatures().get(share)).isEqualTo(0.5);
    }
  }

  @Test
  void shouldPublishAScoreAsOfEveryEventInOrder() {
    try (LeadFixtures f = new LeadFixtures()) {
      final List<io.midcoast.ml.lead.LeadEvent> events =
          new java.util.ArrayList<>(LeadFixtures.simulate(3L, 40, LeadFixtures.T0).events());
      events.sort(java.util.Comparator.comparing(io.midcoast.ml.lead.LeadEvent::occurredAt));
      f.pipeAll(events);
      final java.util.Set<String> ids = new java.util.HashSet<>();
      final List<io.midcoast.ml.lead.LeadEvent> distinct =
          events.stream().filter(e -> ids.add(e.eventId())).toList();
      final List<LeadScoreUpdate> all = f.scores.readValuesToList();
      final java.util.Map<String, LeadScoreUpdate> last = new java.util.HashMap<>();
      all.forEach(u -> last.put(u.getLeadId(), u));
      // the checkpoints of the leads' ages are scored as the clock passes them, in between
      final List<LeadScoreUpdate> published =
          all.stream()
              .filter(u -> !io.midcoast.ml.lead.LeadCheckpoints.isCheckpoint(u.getEventId()))
              .toList();
      assertThat(all.size()).isGreaterThan(published.size());
      assertThat(published).hasSize(distinct.size()); // replays publish nothing
      for (int i = 0; i < distinct.size(); i++) {
        final LeadScoreUpdate u = published.get(i);
        assertThat(u.getEventId()).isEqualTo(distinct.get(i).eventId());
        assertThat(u.getAsOf()).isEqualTo(distinct.get(i).occurredAt());
        assertThat(u.getModelId()).isEqualTo(RuleBasedLeadScorer.MODEL_ID);
        assertThat(u.getFactors()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
      }
      last.forEach((lead, u) -> assertThat(f.score(lead)).isEqualTo(u));
      assertThat(f.monitor.scoredBy).containsKey("1(fallback)");
    }
  }

  @Test
  void shouldAlertHighIntentReturningAndHotLeadsWithTheAgent() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(created("L1", days(0), "referral"));
      f.pipe(assigned("a1", "L1", "agent-9", days(0)));
      f.pipe(activity("e1", "L1", LeadEventType.EMAIL_OPENED, days(1)));
      f.pipe(activity("e2", "L1", LeadEventType.CALL_LOGGED, days(40))); // agent-driven: no return
      f.pipe(activity("e3", "L1", LeadEventType.EMAIL_OPENED, days(61)));
      for (int i = 0; i < 4; i++) {
        f.pipe(activity("s" + i, "L1", LeadEventType.SHOWING_REQUESTED, days(61.1 + i * 0.1)));
        f.pipe(activity("t" + i, "L1", LeadEventType.SHOWING_ATTENDED, days(61.15 + i * 0.1)));
        f.pipe(activity("i" + i, "L1", LeadEventType.INQUIRY, days(61.17 + i * 0.1)));
      }
      final List<LeadAlert> alerts = f.alerts.readValuesToList();
      assertThat(alerts).allSatisfy(a -> assertThat(a.getAgentId()).isEqualTo("agent-9"));
      assertThat(alerts).allSatisfy(a -> assertThat(a.getLeadId()).isEqualTo("L1"));
      assertThat(alerts)
          .filteredOn(a -> a.getKind() == LeadAlertKind.RETURNING_LEAD)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getEventId()).isEqualTo("e3");
                assertThat(a.getReason()).contains("60 days");
              });
      assertThat(alerts).filteredOn(a -> a.getKind() == LeadAlertKind.HIGH_INTENT).hasSize(4);
      assertThat(alerts)
          .filteredOn(a -> a.getKind() == LeadAlertKind.HOT_LEAD)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getProbability()).isGreaterThanOrEqualTo(LeadRules.HOT_THRESHOLD);
                assertThat(a.getReason()).contains("threshold 0.60");
              });
    }
  }

  static Property property(final String id, final String listingKey, final long priceCents) {
    return Property.newBuilder()
        .setPropertyId(id)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(Address.newBuilder().setPostalCode("50010").setCity("AMES").build())
        .setCharacteristics(Characteristics.newBuilder().setLivingAreaSqft(1500).build())
        .setListing(
            Listing.newBuilder()
                .setListingKey(listingKey)
                .setStandardStatus(ListingStatus.ACTIVE)
                .setListPriceCents(priceCents)
                .setModificationTimestamp(LeadFixtures.T0)
                .build())
        .setSales(new ArrayList<>())
        .setSources(new ArrayList<>())
        .setUpdatedAt(LeadFixtures.T0)
        .build();
  }

  /** The dead letters written since the last read are the parse stage's, with these reasons. */
  private static void assertParseDeadLetters(final LeadFixtures f, final String... reasons) {
    assertThat(f.deadLetters.readValuesToList())
        .allSatisfy(d -> assertThat(d.getStage()).isEqualTo(LeadParseProcessor.STAGE))
        .extracting(DeadLetter::getReason)
        .containsExactly(reasons);
  }

  private static String inquiry(final String eventId, final String occurredAt) {
    return "{\"eventId\":\""
        + eventId
        + "\",\"leadId\":\"L1\",\"type\":\"inquiry\",\"occurredAt\":"
        + occurredAt
        + "}";
  }
}
