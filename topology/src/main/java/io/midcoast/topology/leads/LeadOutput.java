package io.midcoast.topology.leads;

/**
 * What the lead stage emits, routed by kind to its topic. Never serialized.
 *
 * @param kind where it goes
 * @param value the record ({@code LeadProfile}, {@code LeadScoreUpdate}, {@code LeadAlert}, {@code
 *     LeadTrainingExample} or null for a retracted example, or an encoded {@link ModelEvaluation})
 */
record LeadOutput(Kind kind, Object value) {

  /** The output kinds. */
  enum Kind {
    PROFILE,
    SCORE,
    ALERT,
    EXAMPLE,
    EVALUATION
  }

  /** Whether this output is of {@code k}. */
  boolean is(final Kind k) {
    return kind == k;
  }
}
