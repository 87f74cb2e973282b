package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadEventTest {

  @Test
  void shouldParseEveryWireTypeName() {
    assertThat(LeadEventType.values()).hasSize(12);
    for (final LeadEventType type : LeadEventType.values()) {
      assertThat(LeadEventType.parse(type.wireName())).isEqualTo(type);
    }
    assertThat(LeadEventType.fromWire(" Listing-Viewed ")).contains(LeadEventType.LISTING_VIEWED);
    assertThat(LeadEventType.fromWire("teleported")).isEmpty();
    assertThat(LeadEventType.fromWire(null)).isEmpty();
    assertThat(LeadStatus.fromWire("closed_won")).contains(LeadStatus.CLOSED_WON);
    assertThat(LeadStatus.fromWire("CLOSED_LOST").orElseThrow().closed()).isTrue();
    assertThat(LeadStatus.fromWire("maybe")).isEmpty();
  }

  @Test
  void shouldRoundTripTheWireFormat() {
    final String json =
        "{\"eventId\":\"e1\",\"leadId\":\"l1\",\"type\":\"created\","
            + "\"occurredAt\":\"2024-03-01T14:05:00Z\",\"agentId\":\"a1\",\"attributes\":"
            + "{\"source\":\"referral\",\"budgetMax\":350000,\"preApproved\":true}}";
    final LeadEvent event = LeadEvent.fromJson(json);
    assertThat(event.type()).isEqualTo(LeadEventType.CREATED);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-03-01T14:05:00Z"));
    assertThat(event.listingKey()).isNull();
    assertThat(event.numberAttribute("budgetMax")).isEqualTo(350_000.0);
    assertThat(event.booleanAttribute("preApproved")).isTrue();
    assertThat(event.toJson()).isEqualTo(json);
    assertThat(LeadEvent.fromJson(event.toJson())).isEqualTo(event);
  }

  @Test
  void shouldRejectMalformedMessages() {
    assertThatThrownBy(() -> LeadEvent.fromJson("{not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                LeadEvent.fromJson(
                    "{\"eventId\":\"e\",\"leadId\":\"l\",\"type\":\"x\","
                        + "\"occurredAt\":\"2024-01-01T00:00:00Z\"}"))
        .hasMessageContaining("unknown lead event type");
    assertThatThrownBy(
            () -> LeadEvent.fromJson("{\"eventId\":\"e\",\"leadId\":\"l\",\"type\":\"inquiry\"}"))
        .hasMessageContaining("occurredAt");
  }

  @Test
  void shouldRejectEpochMillisALongCannotHold() {
    final String event =
        "{\"eventId\":\"e\",\"leadId\":\"l\",\"type\":\"inquiry\",\"occurredAt\":%s}";
    assertThat(LeadEvent.fromJson(event.formatted("1709301900000")).occurredAt())
        .isEqualTo(Instant.parse("2024-03-01T14:05:00Z"));
    assertThatThrownBy(() -> LeadEvent.fromJson(event.formatted("18446744073709551617")))
        .hasMessage("unreadable occurredAt: 18446744073709551617"); // not 1 ms after 1970
  }

  @Test
  void shouldReadTheStatusOfAStatusChange() {
    final LeadEvent e =
        new LeadEvent(
            "e",
            "l",
            LeadEventType.STATUS_CHANGED,
            Instant.EPOCH,
            null,
            null,
            Map.of("status", "closed_won"));
    assertThat(e.status()).isEqualTo(LeadStatus.CLOSED_WON);
  }
}
