package io.midcoast.topology.catalog;

import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.ml.lead.LeadModelArtifact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What a lead-model trainer shares with the lead topology: the model id the topology loads from
 * {@code ml.model}, the identity of the feature layout of the training examples on {@code
 * leads.example}, and how long a decided example may still change its label.
 */
public final class LeadModelContract {

  /** The model id of the lead models the topology loads. */
  public static final String MODEL_ID = LeadModelArtifact.MODEL_ID;

  /**
   * The version of what the features mean, raised when a feature keeps its name but changes its
   * definition (2: {@code decayed_engagement} sums the 30-day window only), so that examples of the
   * old meaning are not mixed with new ones.
   */
  public static final int FEATURE_SEMANTICS = 2;

  /**
   * Identity of the feature layout of the examples: SHA-256 of the names and {@link
   * #FEATURE_SEMANTICS}, first 16 hex digits.
   */
  public static final String FEATURE_SCHEMA = featureSchema();

  /**
   * How long after its decision by expiry (asOf + 90 days) an example is still re-decided by late
   * status changes; after that its label is final and it leaves the pending store.
   */
  public static final Duration LABEL_GRACE = Duration.ofDays(7);

  private LeadModelContract() {}

  private static String featureSchema() {
    try {
      final byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (String.join(",", LeadFeatures.NAMES) + ";semantics=" + FEATURE_SEMANTICS)
                      .getBytes(StandardCharsets.UTF_8));
      return "lead-features-" + HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
