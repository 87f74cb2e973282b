package io.midcoast.topology.leads;

import static io.midcoast.topology.leads.LeadFixtures.T0;
import static io.midcoast.topology.leads.LeadFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.ml.lead.LeadSnapshot;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.LeadActivityRecord;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.schemas.RecordSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The bound of {@code leads-state-store} (docs/reliability.md): one lead's state stays under the
 * 512 KiB budget however many events it gets and however long the texts it accepts, and
 * deduplication and the distinct-listing count stay exact.
 */
class LeadStateSizeTest {

  private static final int BUDGET = 512 * 1024;
  private static final Serializer<LeadState> BYTES =
      RecordSerdes.singleObject().serde(LeadState.class).serializer();
  private static final String[] OPEN_STATUSES = {"contacted", "qualified", "showing", "offer"};

  /** {@code prefix} padded to {@code length} characters with '€' (3 bytes each in UTF-8). */
  private static String text(final String prefix, final int length) {
    return prefix + "€".repeat(length - prefix.length());
  }

  private static int size(final LeadState state) {
    return BYTES.serialize("leads-state-store", state).length;
  }

  /**
   * The {@code i}-th hostile event of {@code lead}: every 20th a status change (the lead stays
   * open), the others views of listing {@code i % MAX_ACTIVITIES}; every id as long as accepted and
   * 3 bytes a character; all within 20 days, so only the counts bound what is kept.
   */
  private static LeadEvent hostile(final String lead, final int i, final int of) {
    final int max = LeadRules.MAX_TEXT_LENGTH;
    final Instant at = T0.plus(Duration.ofMinutes(1 + i * 20L * 24 * 60 / of));
    final String id = text("E" + i + "-", max);
    return i % 20 == 19
        ? event(
            id,
            lead,
            LeadEventType.STATUS_CHANGED,
            at,
            null,
            null,
            Map.of("status", OPEN_STATUSES[i % OPEN_STATUSES.length]))
        : event(
            id,
            lead,
            LeadEventType.LISTING_VIEWED,
            at,
            listingKey(i % LeadSnapshot.MAX_ACTIVITIES),
            null,
            Map.of());
  }

  private static String listingKey(final int n) {
    return text("K" + n + "-", LeadRules.MAX_TEXT_LENGTH);
  }

  /** A created and an assigned event whose every kept text is as long as accepted. */
  private static List<LeadEvent> longestProfile(final String lead) {
    final int max = LeadRules.MAX_TEXT_LENGTH;
    final Map<String, Object> created = new LinkedHashMap<>();
    LeadRules.KEPT_ATTRIBUTES.forEach(name -> created.put(name, text(name, max)));
    return List.of(
        event(text("created", max), lead, LeadEventType.CREATED, T0, null, null, created),
        event(
            text("assigned", max),
            lead,
            LeadEventType.ASSIGNED,
            T0,
            null,
            text("A", max),
            Map.of()));
  }

  @Test
  void shouldStayUnderTheBudgetForALeadWithThousandsOfEventsOfTheLongestAcceptedTexts() {
    // 4,000 events fill every list (2,000 activities, 1,000 ids, 100 status changes); from there
    // each event replaces the oldest entries, so a million events end the same
    final String lead = text("L", LeadRules.MAX_TEXT_LENGTH);
    final int events = 4_000;
    LeadState state = null;
    for (final LeadEvent e : longestProfile(lead)) {
      state = LeadStates.fold(state, e, null);
    }
    int largest = 0;
    for (int i = 0; i < events; i++) {
      // every view priced at the widest price ingest accepts; the processor's last probability
      state =
          LeadState.newBuilder(LeadStates.fold(state, hostile(lead, i, events), 99_999_999_999L))
              .setLastProbability(0.5)
              .build();
      if (i % 50 == 49) {
        largest = Math.max(largest, size(state));
      }
    }

    assertThat(largest).isLessThan(BUDGET);
    assertThat(largest)
        .as("the figure docs/reliability.md states: 228 KB")
        .isBetween(228_000, 229_000);
    assertThat(state.getActivities()).hasSize(LeadSnapshot.MAX_ACTIVITIES);
    assertThat(state.getRecentEventIds()).hasSize(LeadRules.MAX_EVENT_IDS);
    assertThat(state.getStatusChanges()).hasSize(LeadRules.MAX_STATUS_CHANGES);
    assertThat(state.getActivities())
        .extracting(LeadActivityRecord::getListingKey)
        .filteredOn(k -> k != null)
        .allMatch(k -> k.getBytes(StandardCharsets.UTF_8).length <= 64)
        .doesNotHaveDuplicates();

    // the same lists holding the texts as sent, as before the bound: 9.0 MB
    final List<LeadActivityRecord> raw = new ArrayList<>();
    for (final LeadActivityRecord a : state.getActivities()) {
      raw.add(
          LeadActivityRecord.newBuilder(a)
              .setListingKey(a.getListingKey() == null ? null : listingKey(raw.size()))
              .build());
    }
    final List<String> ids = new ArrayList<>();
    for (int i = 0; i < LeadRules.MAX_EVENT_IDS; i++) {
      ids.add(text("E" + i + "-", LeadRules.MAX_TEXT_LENGTH));
    }
    assertThat(size(LeadState.newBuilder(state).setActivities(raw).setRecentEventIds(ids).build()))
        .isBetween(8_900_000, 9_000_000);
  }

  @Test
  void shouldKeepDeduplicationAndTheDistinctListingCountExactThroughTheTopology() {
    final String lead = text("L", LeadRules.MAX_TEXT_LENGTH);
    final int events = 300;
    try (LeadFixtures f = new LeadFixtures()) {
      for (int i = 0; i < 50; i++) {
        f.properties.pipeInput(
            "P" + i, LeadTopologyTest.property("P" + i, listingKey(i), 99_999_999_999L - i));
      }
      longestProfile(lead).forEach(f::pipe);
      LeadEvent last = null;
      for (int i = 0; i < events; i++) {
        last = hostile(lead, i, events);
        f.pipe(last);
      }

      final LeadState state = f.state(lead);
      assertThat(f.counters.deadLetters(LeadParseProcessor.STAGE)).isZero();
      assertThat(size(state)).isLessThan(BUDGET);
      assertThat(state.getRecentEventIds())
          .hasSize(events + 2)
          .allMatch(id -> id.startsWith("sha256:") && id.length() == 50);
      assertThat(state.getActivities())
          .filteredOn(a -> a.getListingKey() != null)
          .hasSize(events - events / 20)
          .allMatch(a -> a.getListingKey().startsWith("sha256:"))
          .filteredOn(a -> a.getListingPriceCents() != null)
          .as("the price is joined on the listing key as sent")
          .hasSize(48); // the views of listings 0..49: i < 50 but 19 and 39
      // every view is of another listing: the count of distinct listings is that of the views
      final List<LeadTrainingExample> examples = f.examples.readValuesToList();
      assertThat(
              examples
                  .get(examples.size() - 1)
                  .getFeatures()
                  .get(LeadFeatures.NAMES.indexOf("distinct_listings_viewed_30d")))
          .isEqualTo((double) (events - events / 20));

      // a replay of the last event, whose long id is kept as its digest, is still a duplicate
      final long duplicates = f.counters.drops(LeadProcessor.STAGE, "DUPLICATE");
      f.pipe(last);
      assertThat(f.counters.drops(LeadProcessor.STAGE, "DUPLICATE")).isEqualTo(duplicates + 1);
      assertThat(f.state(lead)).isEqualTo(state);
    }
  }

  @Test
  void shouldDeadLetterTextsLongerThanTheStateKeepsAndOversizedEvents() {
    final int max = LeadRules.MAX_TEXT_LENGTH;
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(event("x".repeat(max + 1), "L1", LeadEventType.INQUIRY, T0, null, null, Map.of()));
      f.pipe(event("e2", "L".repeat(max + 1), LeadEventType.INQUIRY, T0, null, null, Map.of()));
      f.pipe(event("e3", "L1", LeadEventType.ASSIGNED, T0, null, "A".repeat(max + 1), Map.of()));
      f.pipe(
          event("e4", "L1", LeadEventType.LISTING_VIEWED, T0, "K".repeat(max + 1), null, Map.of()));
      f.pipe(
          event(
              "e5",
              "L1",
              LeadEventType.CREATED,
              T0,
              null,
              null,
              Map.of("location", "l".repeat(max + 1))));
      f.pipe(
          event(
              "e6",
              "L1",
              LeadEventType.INQUIRY,
              T0,
              null,
              null,
              Map.of("notes", "n".repeat(LeadRules.MAX_EVENT_BYTES))));
      // accepted: texts at the limit, and a long attribute the state does not keep
      f.pipe(
          event(
              "e7",
              "L1",
              LeadEventType.CREATED,
              T0,
              null,
              "A".repeat(max),
              Map.of("name", "n".repeat(max), "notes", "n".repeat(10_000))));

      final List<DeadLetter> dead = f.deadLetters.readValuesToList();
      assertThat(dead)
          .extracting(DeadLetter::getReason)
          .containsExactly(
              "FIELD_TOO_LONG",
              "FIELD_TOO_LONG",
              "FIELD_TOO_LONG",
              "FIELD_TOO_LONG",
              "FIELD_TOO_LONG",
              "INPUT_TOO_LARGE");
      assertThat(dead)
          .extracting(DeadLetter::getDetail)
          .containsExactly(
              "eventId is longer than 1024 characters",
              "leadId is longer than 1024 characters",
              "agentId is longer than 1024 characters",
              "listingKey is longer than 1024 characters",
              "attribute location is longer than 1024 characters",
              "the lead event has 65645 bytes (at most 65536)");
      assertThat(f.state("L1").getProfile().getName()).hasSize(max);
      assertThat(f.state("L1").getRecentEventIds()).containsExactly("e7");
    }
  }

  @Test
  void shouldDeadLetterKeptTextsWithAControlCharacterAndKeepTabsAndNewlines() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.pipe(event("e1", "L\u00001", LeadEventType.INQUIRY, T0, null, null, Map.of()));
      f.pipe(event("e2", "L1", LeadEventType.ASSIGNED, T0, null, "agent\u0007", Map.of()));
      f.pipe(
          event("e3", "L1", LeadEventType.CREATED, T0, null, null, Map.of("source", "web\u007F")));
      // accepted: tab and newline, and a control character in an attribute the state does not keep
      f.pipe(
          event(
              "e4",
              "L1",
              LeadEventType.CREATED,
              T0,
              null,
              null,
              Map.of("name", "Ann\tLee\r\n", "notes", "a\u0000b")));

      final List<DeadLetter> dead = f.deadLetters.readValuesToList();
      assertThat(dead).extracting(DeadLetter::getReason).containsOnly("CONTROL_CHARACTER");
      assertThat(dead)
          .extracting(DeadLetter::getDetail)
          .containsExactly(
              "leadId holds the control character U+0000 at index 1",
              "agentId holds the control character U+0007 at index 5",
              "attribute source holds the control character U+007F at index 3");
      assertThat(f.state("L1").getProfile().getName()).isEqualTo("Ann\tLee\r\n");
    }
  }

  @Test
  void shouldRecognizeALongEventIdKeptBeforeIdsWereDigested() {
    final String id = "crm-export-" + "0".repeat(100);
    final LeadEvent event = event(id, "L1", LeadEventType.INQUIRY, T0, null, null, Map.of());
    final LeadState now = LeadStates.fold(null, event, null);
    assertThat(now.getRecentEventIds()).containsExactly(LeadStates.keptId(id));
    assertThat(LeadStates.keptId(id)).startsWith("sha256:").hasSize(50);
    assertThat(LeadStates.seen(now, id)).isTrue();

    final List<String> raw = new ArrayList<>(List.of(id));
    final LeadState before = LeadState.newBuilder(now).setRecentEventIds(raw).build();
    assertThat(LeadStates.seen(before, id)).as("kept as itself by an earlier version").isTrue();
    assertThat(LeadStates.seen(before, id + "1")).isFalse();
    assertThat(LeadStates.keptId("short-id")).isEqualTo("short-id");
  }
}
