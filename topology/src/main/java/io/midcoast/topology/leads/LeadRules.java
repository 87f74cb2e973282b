package io.midcoast.topology.leads;

import io.midcoast.ml.lead.LeadFeatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

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

  /**
   * How long after its decision by expiry (asOf + 90 days) an example is still re-decided by late
   * status changes; after that its label is final and it leaves the pending store.
   */
  public static final Duration LABEL_GRACE = Duration.ofDays(7);

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

  /** Identity of the feature layout of the examples: SHA-256 of the names, first 16 hex digits. */
  public static final String FEATURE_SCHEMA = featureSchema();

  private LeadRules() {}

  private static String featureSchema() {
    try {
      final byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join(",", LeadFeatures.NAMES).getBytes(StandardCharsets.UTF_8));
      return "lead-features-" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
