package io.midcoast.topology.ingest.validate;

import io.midcoast.schemas.PropertyObservation;
import io.midcoast.topology.StageCounters;
import io.midcoast.topology.ingest.Provenance;
import io.midcoast.topology.ingest.StageProcessor;
import io.midcoast.topology.ingest.Stages;
import io.midcoast.topology.ingest.process.NormalizedRecord;

/** The validate stage: a cleaned record becomes a {@link PropertyObservation}, or is rejected. */
public final class ValidateStage extends StageProcessor<NormalizedRecord, PropertyObservation> {

  /** A validate stage counting into {@code counters}. */
  public ValidateStage(final StageCounters counters) {
    super(Stages.VALIDATE, counters);
  }

  @Override
  protected PropertyObservation apply(final NormalizedRecord value, final Provenance source) {
    return Validator.validate(value, source);
  }
}
