package io.midcoast.topology.analytics.estimate;

import org.apache.avro.specific.SpecificRecord;

/**
 * What the estimate stage forwards (in memory, never serialized): a record for one of its output
 * topics. {@code value} is null for a tombstone.
 *
 * @param kind which output
 * @param value the record, or null
 */
public record EstimateOutput(Kind kind, SpecificRecord value) {

  /** The estimate stage's outputs. */
  public enum Kind {
    /** A {@link io.midcoast.schemas.PriceEstimate}, key propertyId. */
    ESTIMATE,
    /** A {@link io.midcoast.schemas.PropertyScore}, key propertyId. */
    SCORE,
    /** An {@link io.midcoast.schemas.AccuracyContribution}, key region. */
    ACCURACY
  }

  /** True when this is of {@code kind}. */
  public boolean is(final Kind kind) {
    return this.kind == kind;
  }
}
