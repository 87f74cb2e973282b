package io.midcoast.topology.ingest.validate;

import io.midcoast.schemas.PropertyObservation;
import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.StageProcessor;
import io.midcoast.topology.ingest.process.NormalizedRecord;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;

/**
 * The validate stage: a cleaned record becomes a {@link PropertyObservation}, or is rejected — by
 * the rules of {@link Validator}, then by the rules on every kept field ({@link TextFields}: {@code
 * FIELD_TOO_LONG}, {@code CONTROL_CHARACTER}, {@code DATE_OUT_OF_RANGE}).
 */
public final class ValidateStage extends StageProcessor<NormalizedRecord, PropertyObservation> {

  /** A validate stage counting into {@code counters}. */
  public ValidateStage(final StageCounters counters) {
    super(Stages.VALIDATE, counters);
  }

  @Override
  protected PropertyObservation apply(final NormalizedRecord value, final Provenance source) {
    final PropertyObservation observation = Validator.validate(value, source);
    TextFields.check(observation);
    return observation;
  }
}
