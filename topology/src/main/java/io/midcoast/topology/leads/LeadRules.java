package io.midcoast.topology.leads;

import java.time.Duration;

/** The documented constants of the lead topology (docs/leads.md explains each rule). */
public final class LeadRules {

  /** Event ids remembered per lead for deduplication (the oldest forgotten first). */
  public static final int MAX_EVENT_IDS = 1_000;

  /** Status changes kept per lead (the oldest dropped first). */
  public static final int MAX_STATUS_CHANGES = 100;

  /** A champion probability moved when it differs by at least this from the last published one. */
  public static final double SCORE_CHANGE = 0.005;

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

  /** Vectors kept per partition for drift (the latest ones). */
  public static final int DRIFT_WINDOW = 2_000;

  /** Drift is computed every this many events per partition, once the window holds as many. */
  public static final int DRIFT_EVERY = 500;

  private LeadRules() {}
}
