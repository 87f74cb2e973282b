package io.midcoast.ml.lead;

import static io.midcoast.ml.lead.LeadLabels.Decision.CLOSED;
import static io.midcoast.ml.lead.LeadLabels.Decision.EXPIRED;
import static io.midcoast.ml.lead.LeadLabels.Decision.LOST;
import static io.midcoast.ml.lead.LeadLabels.Decision.PENDING;
import static io.midcoast.ml.lead.LeadLabels.Decision.WON;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadLabels.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadLabelsTest {

  static final Instant AS_OF = Instant.parse("2024-01-01T00:00:00Z");

  private static Instant day(final double d) {
    return AS_OF.plus(Duration.ofMinutes((long) (d * 1440)));
  }

  private static StatusChange at(final double d, final LeadStatus s) {
    return new StatusChange(day(d), s);
  }

  @Test
  void shouldLabelAWinWithinNinetyDaysOne() {
    assertThat(LeadLabels.decide(AS_OF, List.of(at(30, LeadStatus.CLOSED_WON)), day(31)))
        .isEqualTo(WON);
    assertThat(LeadLabels.label(AS_OF, List.of(at(30, LeadStatus.CLOSED_WON)), day(31)))
        .isEqualTo(1);
  }

  @Test
  void shouldCountAWinExactlyNinetyDaysLaterButNotOneMinuteMore() {
    assertThat(LeadLabels.decide(AS_OF, List.of(at(90, LeadStatus.CLOSED_WON)), day(90)))
        .isEqualTo(WON);
    final List<StatusChange> late =
        List.of(new StatusChange(day(90).plusSeconds(60), LeadStatus.CLOSED_WON));
    assertThat(LeadLabels.decide(AS_OF, late, day(100))).isEqualTo(EXPIRED);
  }

  @Test
  void shouldStayPendingUntilTheClockPassesTheHorizon() {
    assertThat(LeadLabels.decide(AS_OF, List.of(), day(89.9))).isEqualTo(PENDING);
    assertThat(LeadLabels.label(AS_OF, List.of(), day(89.9))).isNull();
    assertThat(LeadLabels.decide(AS_OF, List.of(), day(90))).isEqualTo(EXPIRED);
    assertThat(LeadLabels.label(AS_OF, List.of(), day(90))).isZero();
  }

  @Test
  void shouldLetALateOutcomeDecideAPendingExample() {
    final List<StatusChange> known = List.of(at(5, LeadStatus.CONTACTED));
    assertThat(LeadLabels.decide(AS_OF, known, day(40))).isEqualTo(PENDING);
    final List<StatusChange> later =
        List.of(at(60, LeadStatus.CLOSED_WON), at(5, LeadStatus.CONTACTED));
    assertThat(LeadLabels.decide(AS_OF, later, day(40))).isEqualTo(WON);
  }

  @Test
  void shouldLabelLostFirstZeroEvenIfWonLater() {
    final List<StatusChange> h =
        List.of(at(50, LeadStatus.CLOSED_WON), at(10, LeadStatus.CLOSED_LOST));
    assertThat(LeadLabels.decide(AS_OF, h, day(60))).isEqualTo(LOST);
  }

  @Test
  void shouldPreferLostWhenLostAndWonShareAnInstant() {
    final List<StatusChange> h =
        List.of(at(10, LeadStatus.CLOSED_WON), at(10, LeadStatus.CLOSED_LOST));
    assertThat(LeadLabels.decide(AS_OF, h, day(10))).isEqualTo(LOST);
  }

  @Test
  void shouldGiveNoExampleForALeadAlreadyClosedButOneForAReopenedLead() {
    assertThat(LeadLabels.decide(AS_OF, List.of(at(0, LeadStatus.CLOSED_WON)), day(200)))
        .isEqualTo(CLOSED);
    assertThat(
            LeadLabels.decide(
                AS_OF,
                List.of(at(-5, LeadStatus.CLOSED_LOST), at(20, LeadStatus.CLOSED_WON)),
                day(200)))
        .isEqualTo(CLOSED);
    final List<StatusChange> reopened =
        List.of(
            at(-5, LeadStatus.CLOSED_LOST),
            at(-1, LeadStatus.CONTACTED),
            at(20, LeadStatus.CLOSED_WON));
    assertThat(LeadLabels.decide(AS_OF, reopened, day(200))).isEqualTo(WON);
  }

  @Test
  void shouldIgnoreOutcomesBeyondTheHorizon() {
    assertThat(LeadLabels.decide(AS_OF, List.of(at(120, LeadStatus.CLOSED_WON)), day(130)))
        .isEqualTo(EXPIRED);
  }
}
