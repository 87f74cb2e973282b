package io.midcoast.topology.leads;

import java.time.Duration;

/** The documented constants of the lead topology (docs/leads.md explains each rule). */
public final class LeadRules {

  /** Event ids remembered per lead for deduplication (the oldest forgotten first). */
  public static final int MAX_EVENT_IDS = 1_000;

  /** Status changes kept per lead (the oldest dropped first). */
  public static final int MAX_STATUS_CHANGES = 100;

  /**
   * The longest lead event accepted, in bytes (64 KiB, what a dead letter keeps whole): a lead
   * event is a few hundred bytes; a longer one is dead-lettered ({@code INPUT_TOO_LARGE}).
   */
  public static final int MAX_EVENT_BYTES = 64 * 1024;

  /**
   * The longest text a lead event may bring into the lead state, in characters (as ingest bounds a
   * text field): {@code eventId}, {@code leadId}, {@code agentId}, {@code listingKey} and the
   * attributes the profile keeps ({@link #KEPT_ATTRIBUTES}); a longer one is dead-lettered ({@code
   * FIELD_TOO_LONG}).
   */
  public static final int MAX_TEXT_LENGTH = 1_024;

  /** The attributes of a {@code created} event the lead profile keeps. */
  public static final java.util.List<String> KEPT_ATTRIBUTES =
      java.util.List.of("name", "source", "timeline", "propertyType", "location");

  /**
   * An id longer than this many UTF-8 bytes is kept in the lead state's event ids and activities as
   * its digest ({@code "sha256:"} + 43 characters of unpadded base64url): deduplication and
   * distinct-listing counts stay exact, and an entry never takes more than 64 bytes.
   */
  public static final int MAX_KEPT_ID_BYTES = 64;

  /**
   * Most event times of one lead re-scored because of one late event (the latest ones): a lead's
   * events within the lateness bound are few (a few dozen in a month for an active buyer); the cap
   * only bounds the work a bot lead with thousands of events shuffled across partitions can cause.
   */
  public static final int MAX_RESCORED = 500;

  /**
   * Decoded lead states kept per lead task (the most recently used; a read cache in front of the
   * store): 4,096 states of typically a few KB each.
   */
  public static final int STATE_CACHE = 4_096;

  /** HOT_LEAD fires when the champion probability crosses this upward. */
  public static final double HOT_THRESHOLD = 0.6;

  /** RETURNING_LEAD fires when a lead-driven activity follows this much silence (event time). */
  public static final Duration RETURNING_AFTER = Duration.ofDays(60);

  /** Event-time interval of the expiry scan (a stream-time punctuator). */
  public static final Duration EXPIRY_SCAN = Duration.ofHours(1);

  /** An event whose occurredAt is later than its Kafka timestamp plus this is dead-lettered. */
  public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

  /** Labelled outcomes a challenger needs before it can be promoted. */
  public static final long MIN_OUTCOMES = 200;

  /**
   * How much lower a challenger's mean log loss must be than the champion's and the rules', as a
   * share of theirs (1%).
   */
  public static final double PROMOTION_MARGIN = 0.01;

  /**
   * The one-sided z a challenger's paired log-loss improvement must reach against the champion and
   * against the rules (2.326: 99%).
   */
  public static final double PROMOTION_Z = 2.326;

  /** Vectors kept per partition for drift (the latest ones). */
  public static final int DRIFT_WINDOW = 2_000;

  /** Drift is computed every this many events per partition, once the window holds as many. */
  public static final int DRIFT_EVERY = 500;

  private LeadRules() {}
}
