package io.midcoast.ml.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * A training example: a lead's feature vector as of one of its events, with its label once known.
 *
 * @param leadId the lead
 * @param eventId the event the vector was computed at
 * @param asOf time the vector was computed as of (the event's time)
 * @param features the {@link LeadFeatures} vector as of {@code asOf}
 * @param label 1 when the lead reached closed_won within 90 days after asOf, 0 when not (see {@link
 *     LeadLabels}), null while unknown
 */
public record LeadExample(
    String leadId, String eventId, Instant asOf, FeatureVector features, Integer label) {

  /** Checks required fields and the label's values. */
  public LeadExample {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(features, "features");
    if (label != null && label != 0 && label != 1) {
      throw new IllegalArgumentException("label must be 0, 1 or null: " + label);
    }
  }

  /** This example with {@code newLabel}. */
  public LeadExample withLabel(final Integer newLabel) {
    return new LeadExample(leadId, eventId, asOf, features, newLabel);
  }

  /** Whether the label is known. */
  public boolean labelled() {
    return label != null;
  }
}
