package io.midcoast.topology.leads;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.topology.deadletter.ControlCharacters;
import io.midcoast.topology.deadletter.DeadLetters;
import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.Staged;
import io.midcoast.topology.monitor.StageCounters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The parse stage of {@code feeds.lead.event}: a valid event is forwarded keyed by its leadId with
 * its occurredAt as the record timestamp (so stream time downstream is event time) and its original
 * bytes as the value; an invalid one becomes a dead letter ({@link LeadRejects}), keyed as it came:
 * among them an event larger than {@link LeadRules#MAX_EVENT_BYTES} or with a text the lead state
 * would keep longer than {@link LeadRules#MAX_TEXT_LENGTH} (bounded state per key) or holding a
 * control character Postgres cannot store ({@code CONTROL_CHARACTER}), and one whose occurredAt is
 * before 1970 (the record timestamp, and those of the lead stage's outputs, would be negative).
 * Feed headers are dropped.
 */
final class LeadParseProcessor implements Processor<String, byte[], String, Staged<byte[]>> {

  /** Counter stage and dead-letter stage. */
  static final String STAGE = "leads-parse";

  private final StageCounters counters;
  private ProcessorContext<String, Staged<byte[]>> context;

  LeadParseProcessor(final StageCounters counters) {
    this.counters = counters;
  }

  /**
   * The newest occurredAt this task has forwarded (in memory: after a restart it starts again from
   * the next event, which only holds the lead stage's label clock back).
   */
  private long progress = Long.MIN_VALUE;

  @Override
  public void init(final ProcessorContext<String, Staged<byte[]>> context) {
    this.context = context;
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    counters.recordIn(STAGE);
    final Provenance source =
        Provenance.of(context.recordMetadata(), record.timestamp(), record.key(), record.value());
    if (record.value() == null || record.value().length == 0) {
      reject(record, source, LeadRejects.EMPTY_RECORD, "empty value");
      return;
    }
    if (record.value().length > LeadRules.MAX_EVENT_BYTES) {
      reject(
          record,
          source,
          LeadRejects.INPUT_TOO_LARGE,
          "the lead event has "
              + record.value().length
              + " bytes (at most "
              + LeadRules.MAX_EVENT_BYTES
              + ")");
      return;
    }
    final LeadEvent event;
    try {
      event = LeadEvent.fromJson(new String(record.value(), StandardCharsets.UTF_8));
    } catch (final IllegalArgumentException e) {
      reject(record, source, LeadRejects.of(e.getMessage()), e.getMessage());
      return;
    }
    final Map<String, String> kept = keptTexts(event);
    for (final Map.Entry<String, String> text : kept.entrySet()) {
      if (text.getValue().length() > LeadRules.MAX_TEXT_LENGTH) {
        reject(
            record,
            source,
            LeadRejects.FIELD_TOO_LONG,
            text.getKey() + " is longer than " + LeadRules.MAX_TEXT_LENGTH + " characters");
        return;
      }
    }
    for (final Map.Entry<String, String> text : kept.entrySet()) {
      final int at = ControlCharacters.indexIn(text.getValue());
      if (at >= 0) {
        reject(
            record,
            source,
            LeadRejects.CONTROL_CHARACTER,
            text.getKey()
                + " holds the control character "
                + ControlCharacters.describe(text.getValue(), at));
        return;
      }
    }
    if (event.type() == LeadEventType.STATUS_CHANGED && event.status() == null) {
      reject(
          record, source, LeadRejects.UNKNOWN_LEAD_STATUS, "status: " + event.attribute("status"));
      return;
    }
    if (event.occurredAt().isBefore(Instant.EPOCH)) {
      reject(
          record,
          source,
          LeadRejects.DATE_BEFORE_EPOCH,
          "occurredAt " + event.occurredAt() + " is before " + Instant.EPOCH);
      return;
    }
    if (event
        .occurredAt()
        .isAfter(Instant.ofEpochMilli(record.timestamp()).plus(LeadRules.FUTURE_TOLERANCE))) {
      reject(
          record,
          source,
          LeadRejects.DATE_IN_FUTURE,
          "occurredAt " + event.occurredAt() + " is after the record timestamp");
      return;
    }
    counters.recordOut(STAGE);
    progress = Math.max(progress, event.occurredAt().toEpochMilli());
    final RecordHeaders headers = new RecordHeaders();
    context
        .recordMetadata()
        .ifPresent(
            m -> {
              headers.add(
                  SourceProgress.SOURCE_HEADER,
                  (m.topic() + "-" + m.partition()).getBytes(StandardCharsets.UTF_8));
              headers.add(SourceProgress.PROGRESS_HEADER, SourceProgress.encode(progress));
            });
    context.forward(
        new Record<>(
            event.leadId(),
            Staged.ok(source, record.value()),
            event.occurredAt().toEpochMilli(),
            headers));
  }

  /** The texts the lead state and the lead tables keep, by name, in a fixed order. */
  private static Map<String, String> keptTexts(final LeadEvent event) {
    final Map<String, String> texts = new LinkedHashMap<>();
    texts.put("eventId", event.eventId());
    texts.put("leadId", event.leadId());
    if (event.agentId() != null) {
      texts.put("agentId", event.agentId());
    }
    if (event.listingKey() != null) {
      texts.put("listingKey", event.listingKey());
    }
    for (final String name : LeadRules.KEPT_ATTRIBUTES) {
      final String value = event.attribute(name);
      if (value != null) {
        texts.put("attribute " + name, value);
      }
    }
    return texts;
  }

  private void reject(
      final Record<String, byte[]> record,
      final Provenance source,
      final String reason,
      final String detail) {
    counters.deadLettered(STAGE, reason);
    context.forward(
        record
            .withValue(
                Staged.<byte[]>rejected(source, DeadLetters.of(reason, detail, STAGE, source)))
            .withHeaders(new RecordHeaders()));
  }
}
