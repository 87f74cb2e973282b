package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadCheckpoints;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same lead events published in event order, reversed, shuffled, and spread over three
 * partitions without keys (each partition in order, read in random-sized chunks) give the same
 * {@code leads.score} history: for every lead and every event time and passed checkpoint of its
 * age, the last score published as of it; the same lead profiles; and the {@code lead_score} row
 * (the last record per lead) is the score as of the lead's latest scored time.
 */
class LeadArrivalOrderTest {

  private static List<LeadEvent> inOrder;
  private static Outcome expected;

  /** What one run published and kept. */
  private record Outcome(
      Map<String, String> history,
      Map<String, String> lastRecord,
      Map<String, String> stored,
      Map<String, LeadProfile> profiles) {}

  @BeforeAll
  static void publishInOrder() {
    final List<LeadEvent> events =
        new ArrayList<>(LeadFixtures.simulate(29L, 40, LeadFixtures.T0).events());
    events.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId));
    inOrder = List.copyOf(events);
    expected = run(inOrder, e -> "feed-key");
  }

  @Test
  void shouldScoreEveryEventTimeAndEveryPassedCheckpointOfEveryLead() {
    assertThat(expected.history().keySet()).isEqualTo(scoredTimes(inOrder));
    final Set<String> eventTimes = new HashSet<>();
    inOrder.forEach(e -> eventTimes.add(e.leadId() + "@" + e.occurredAt()));
    assertThat(expected.history().size()).isGreaterThan(eventTimes.size() + inOrder.size() / 20);
    assertThat(expected.lastRecord()).isEqualTo(expected.stored());
  }

  /**
   * The times a lead is scored at: each of its events', and each {@link LeadCheckpoints checkpoint}
   * of its age up to the label clock at the end (with one source partition: the latest event time).
   */
  private static Set<String> scoredTimes(final List<LeadEvent> events) {
    final Instant end =
        events.stream().map(LeadEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
    final Set<String> times = new HashSet<>();
    for (final LeadEvent e : events) {
      times.add(e.leadId() + "@" + e.occurredAt());
      if (e.type() == LeadEventType.CREATED) {
        for (final LeadCheckpoints.Checkpoint c : LeadCheckpoints.of(e.occurredAt())) {
          if (!c.at().isAfter(end)) {
            times.add(e.leadId() + "@" + c.at());
          }
        }
      }
    }
    return times;
  }

  @Test
  void shouldPublishTheSameHistoryWhenTheFeedIsReversed() {
    final List<LeadEvent> reversed = new ArrayList<>(inOrder);
    Collections.reverse(reversed);
    assertSame(run(reversed, LeadEvent::leadId));
  }

  @Test
  void shouldPublishTheSameHistoryWhenTheFeedIsShuffled() {
    final List<LeadEvent> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(5));
    assertSame(run(shuffled, e -> null));
  }

  @Test
  void shouldPublishTheSameHistoryWhenUnkeyedEventsCrossThreePartitions() {
    final Random random = new Random(11);
    final List<List<LeadEvent>> partitions =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    inOrder.forEach(e -> partitions.get(random.nextInt(3)).add(e));
    final List<LeadEvent> arrival = new ArrayList<>(inOrder.size());
    final int[] next = new int[3];
    while (arrival.size() < inOrder.size()) {
      final int p = random.nextInt(3);
      final int chunk = 1 + random.nextInt(400);
      for (int i = 0; i < chunk && next[p] < partitions.get(p).size(); i++) {
        arrival.add(partitions.get(p).get(next[p]++));
      }
    }
    assertSame(run(arrival, e -> null));
  }

  /**
   * Another world (its own sources, event mix and agent reassignments; {@link
   * LeadSimulator.World#SECOND}), shuffled and unkeyed: the same history as in event order.
   */
  @Test
  void shouldPublishTheSameHistoryInASecondWorldWhateverTheOrder() {
    final List<LeadEvent> events =
        new ArrayList<>(
            LeadFixtures.simulate(31L, 25, LeadFixtures.T0, LeadSimulator.World.SECOND).events());
    events.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId));
    final Outcome ordered = run(events, LeadEvent::leadId);
    assertThat(ordered.history().keySet()).isEqualTo(scoredTimes(events));
    final List<LeadEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(17));
    final Outcome actual = run(shuffled, e -> null);
    assertThat(differences(actual.history(), ordered.history())).isEmpty();
    assertThat(actual.profiles()).isEqualTo(ordered.profiles());
    assertThat(differences(actual.stored(), ordered.stored())).isEmpty();
  }

  private static void assertSame(final Outcome actual) {
    assertThat(differences(actual.history(), expected.history())).isEmpty();
    assertThat(actual.profiles()).isEqualTo(expected.profiles());
    assertThat(differences(actual.lastRecord(), expected.stored())).isEmpty();
    assertThat(differences(actual.stored(), expected.stored())).isEmpty();
  }

  /** The first few keys where two maps differ, with both values (readable failures). */
  private static List<String> differences(
      final Map<String, String> actual, final Map<String, String> expected) {
    final Set<String> keys = new java.util.TreeSet<>(actual.keySet());
    keys.addAll(expected.keySet());
    final List<String> out = new ArrayList<>();
    for (final String k : keys) {
      if (!java.util.Objects.equals(actual.get(k), expected.get(k)) && out.size() < 10) {
        out.add(k + ": " + actual.get(k) + " (expected " + expected.get(k) + ")");
      }
    }
    return out;
  }

  private static Outcome run(final List<LeadEvent> arrival, final Function<LeadEvent, String> key) {
    try (LeadFixtures f = new LeadFixtures()) {
      for (final LeadEvent e : arrival) {
        f.events.pipeInput(
            key.apply(e), e.toJson().getBytes(StandardCharsets.UTF_8), e.occurredAt());
      }
      final Map<String, String> history = new TreeMap<>();
      final Map<String, String> last = new TreeMap<>();
      for (final TestRecord<String, LeadScoreUpdate> r : f.scores.readRecordsToList()) {
        final LeadScoreUpdate u = r.value();
        // a re-published score names the lead's agent when it is published
        history.put(u.getLeadId() + "@" + u.getAsOf(), probability(u));
        last.put(u.getLeadId(), u.getAsOf() + " " + probability(u) + " " + u.getAgentId());
      }
      final Map<String, String> stored = new TreeMap<>();
      final Map<String, LeadProfile> profiles = new TreeMap<>();
      for (final String lead : last.keySet()) {
        final LeadScoreUpdate u = f.score(lead);
        stored.put(lead, u.getAsOf() + " " + probability(u) + " " + u.getAgentId());
        final LeadState state = f.state(lead);
        profiles.put(lead, state.getProfile());
      }
      return new Outcome(history, last, stored, profiles);
    }
  }

  private static String probability(final LeadScoreUpdate u) {
    return u.getProbability() + " " + u.getModelId() + ":" + u.getModelVersion();
  }
}
