package io.midcoast.topology.ingest.process;

import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.StageProcessor;
import io.midcoast.topology.ingest.collect.CountyRecord;
import io.midcoast.topology.ingest.collect.ResoRecord;
import io.midcoast.topology.ingest.collect.SourceRecord;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;

/** The process stage: a collected source record becomes a {@link NormalizedRecord}. */
public final class ProcessStage extends StageProcessor<SourceRecord, NormalizedRecord> {

  /** A process stage counting into {@code counters}. */
  public ProcessStage(final StageCounters counters) {
    super(Stages.PROCESS, counters);
  }

  @Override
  protected NormalizedRecord apply(final SourceRecord value, final Provenance source) {
    return normalize(value);
  }

  /** Cleans one source record of either feed. */
  public static NormalizedRecord normalize(final SourceRecord value) {
    if (value instanceof ResoRecord reso) {
      return ResoMapper.map(reso);
    }
    return CountyMapper.map((CountyRecord) value);
  }
}
