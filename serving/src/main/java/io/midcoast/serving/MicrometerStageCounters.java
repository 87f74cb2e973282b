package io.midcoast.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.midcoast.topology.StageCounters;

/**
 * Stage counters as Prometheus counters: {@code midcoast_records_in_total{stage}}, {@code
 * midcoast_records_out_total{stage}} and {@code midcoast_records_dead_lettered_total{stage,
 * reason}}.
 */
final class MicrometerStageCounters implements StageCounters {

  static final String IN = "midcoast.records.in";
  static final String OUT = "midcoast.records.out";
  static final String DEAD_LETTERED = "midcoast.records.dead.lettered";

  private final MeterRegistry registry;

  MicrometerStageCounters(final MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recordIn(final String stage) {
    counter(IN, "records entering a stage", stage).increment();
  }

  @Override
  public void recordOut(final String stage) {
    counter(OUT, "records leaving a stage", stage).increment();
  }

  @Override
  public void deadLettered(final String stage, final String reason) {
    Counter.builder(DEAD_LETTERED)
        .description("records sent to the dead-letter topic, by stage and reason")
        .tag("stage", stage)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter counter(final String name, final String description, final String stage) {
    return Counter.builder(name).description(description).tag("stage", stage).register(registry);
  }
}
