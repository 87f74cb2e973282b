package io.midcoast.topology.leads;

import io.midcoast.topology.deadletter.RejectReason;

/**
 * Reason codes of lead events written to {@code ingest.dlq} (the {@code reason} of a {@code
 * DeadLetter}, stage {@value LeadParseProcessor#STAGE}). Codes shared with ingest keep the ingest's
 * names ({@link RejectReason}); the lead-only ones are new. A public contract: add, never rename.
 */
final class LeadRejects {

  /** The message has no value. */
  static final String EMPTY_RECORD = RejectReason.EMPTY_RECORD.name();

  /** Not JSON, or not a JSON object. */
  static final String MALFORMED_JSON = RejectReason.MALFORMED_JSON.name();

  /** eventId, leadId, type or occurredAt is missing. */
  static final String MISSING_REQUIRED_FIELD = RejectReason.MISSING_REQUIRED_FIELD.name();

  /** occurredAt does not parse. */
  static final String INVALID_DATE = RejectReason.INVALID_DATE.name();

  /** occurredAt is more than one day after the record's Kafka timestamp. */
  static final String DATE_IN_FUTURE = RejectReason.DATE_IN_FUTURE.name();

  /**
   * occurredAt is before 1970-01-01T00:00:00Z: a Kafka record timestamp cannot be negative, and the
   * event's records (the repartitioned event, its profile, score, alerts, example) are stamped with
   * occurredAt.
   */
  static final String DATE_BEFORE_EPOCH = "DATE_BEFORE_EPOCH";

  /** {@code type} is not a lead event type. */
  static final String UNKNOWN_EVENT_TYPE = "UNKNOWN_EVENT_TYPE";

  /** A {@code status_changed} event without a known {@code status} attribute. */
  static final String UNKNOWN_LEAD_STATUS = "UNKNOWN_LEAD_STATUS";

  /**
   * The event is larger than {@link LeadRules#MAX_EVENT_BYTES}. Same name as the ingest's code for
   * an oversized feed record.
   */
  static final String INPUT_TOO_LARGE = RejectReason.INPUT_TOO_LARGE.name();

  /**
   * A text the lead state would keep (an id, or an attribute of {@link LeadRules#KEPT_ATTRIBUTES})
   * is longer than {@link LeadRules#MAX_TEXT_LENGTH} characters. Same name as the ingest's code for
   * an over-long text field.
   */
  static final String FIELD_TOO_LONG = RejectReason.FIELD_TOO_LONG.name();

  /**
   * A text the lead state or the lead tables keep holds a control character other than tab, LF, CR
   * (Postgres cannot store U+0000). Same name as the ingest's code.
   */
  static final String CONTROL_CHARACTER = RejectReason.CONTROL_CHARACTER.name();

  private LeadRejects() {}

  /** The code of a {@code LeadEvent.fromJson} failure message. */
  static String of(final String message) {
    final String m = message == null ? "" : message;
    if (m.startsWith("missing ")) {
      return MISSING_REQUIRED_FIELD;
    }
    if (m.startsWith("unreadable occurredAt")) {
      return INVALID_DATE;
    }
    if (m.startsWith("unknown lead event type")) {
      return UNKNOWN_EVENT_TYPE;
    }
    return MALFORMED_JSON;
  }
}
