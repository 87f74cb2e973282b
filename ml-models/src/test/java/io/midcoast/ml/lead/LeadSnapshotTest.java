package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Folding the same events in any order gives the same snapshot. */
class LeadSnapshotTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static Instant day(final int d) {
    return T0.plus(Duration.ofDays(d));
  }

  private static LeadEvent assigned(final String id, final int d, final String agent) {
    return new LeadEvent(id, "l", LeadEventType.ASSIGNED, day(d), null, agent, Map.of());
  }

  private static LeadEvent status(final String id, final int d, final String s) {
    return new LeadEvent(
        id, "l", LeadEventType.STATUS_CHANGED, day(d), null, null, Map.of("status", s));
  }

  private static LeadEvent created(final String id, final int d, final String source) {
    return new LeadEvent(
        id, "l", LeadEventType.CREATED, day(d), null, "agent-0", Map.of("source", source));
  }

  private static LeadSnapshot fold(final List<LeadEvent> events) {
    LeadSnapshot s = LeadSnapshot.empty("l");
    for (final LeadEvent e : events) {
      s = s.with(e, null);
    }
    return s;
  }

  @Test
  void shouldKeepTheLatestAssignmentByEventTime() {
    final LeadSnapshot late =
        fold(List.of(assigned("a2", 5, "agent-2"), assigned("a1", 1, "agent-1")));
    assertThat(late.agentId()).isEqualTo("agent-2");
    assertThat(late.agentAt()).isEqualTo(day(5));
    // ties go to the greater agent id, in either order
    assertThat(fold(List.of(assigned("x", 3, "agent-b"), assigned("y", 3, "agent-a"))).agentId())
        .isEqualTo("agent-b");
    assertThat(fold(List.of(assigned("y", 3, "agent-a"), assigned("x", 3, "agent-b"))).agentId())
        .isEqualTo("agent-b");
  }

  @Test
  void shouldLetAnyAssignmentReplaceTheCreatedEventsAgent() {
    final LeadSnapshot s = fold(List.of(assigned("a", 1, "agent-1"), created("c", 2, "web")));
    assertThat(s.agentId()).isEqualTo("agent-1");
    assertThat(fold(List.of(created("c", 2, "web"), assigned("a", 1, "agent-1"))).agentId())
        .isEqualTo("agent-1");
  }

  @Test
  void shouldFoldToTheSameSnapshotInAnyOrder() {
    final List<LeadEvent> events = new ArrayList<>();
    events.add(created("c2", 4, "zillow"));
    events.add(created("c1", 0, "referral"));
    events.add(assigned("a1", 1, "agent-1"));
    events.add(assigned("a2", 9, "agent-2"));
    events.add(status("s1", 3, "contacted"));
    events.add(status("s2", 7, "qualified"));
    events.add(status("s3", 7, "showing"));
    for (int d = 0; d < 40; d++) {
      events.add(
          new LeadEvent(
              "v" + d, "l", LeadEventType.LISTING_VIEWED, day(d), "L" + (d % 5), null, Map.of()));
    }
    final LeadSnapshot expected = fold(events);
    assertThat(expected.source()).isEqualTo("referral");
    assertThat(expected.createdAt()).isEqualTo(day(0));
    final Random random = new Random(3);
    for (int i = 0; i < 20; i++) {
      final List<LeadEvent> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, random);
      assertThat(fold(shuffled)).isEqualTo(expected);
    }
  }
}
