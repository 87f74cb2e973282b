package io.midcoast.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.midcoast.topology.monitor.StageCounters;

/**
 * Stage counters as Prometheus counters: {@code midcoast_records_in_total{stage}}, {@code
 * midcoast_records_out_total{stage}}, {@code midcoast_records_dead_lettered_total{stage, reason}}
 * and {@code midcoast_records_dropped_total{stage, reason}} (duplicates, stale versions: dropped on
 * purpose, without a dead letter).
 */
public final class MicrometerStageCounters implements StageCounters {

  static final String IN = "midcoast.records.in";
  static final String OUT = "midcoast.records.out";
  static final String DEAD_LETTERED = "midcoast.records.dead.lettered";
  static final String DROPPED = "midcoast.records.dropped";

  private final MeterRegistry registry;

  public MicrometerStageCounters(final MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recordIn(final String stage) {
    counter(IN, "records entering a stage", stage).register(registry).increment();
  }

  @Override
  public void recordOut(final String stage) {
    counter(OUT, "records leaving a stage", stage).register(registry).increment();
  }

  @Override
  public void deadLettered(final String stage, final String reason) {
    counter(DEAD_LETTERED, "records sent to the dead-letter topic, by stage and reason", stage)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void dropped(final String stage, final String reason) {
    counter(DROPPED, "records dropped on purpose (duplicates, stale versions), by reason", stage)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private static Counter.Builder counter(
      final String name, final String description, final String stage) {
    return Counter.builder(name).description(description).tag("stage", stage);
  }
}
