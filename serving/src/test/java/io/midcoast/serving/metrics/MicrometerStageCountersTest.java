package io.midcoast.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerStageCountersTest {

  @Test
  void shouldExportRecordsInOutAndDeadLetteredByStageAndReason() {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final MicrometerStageCounters counters = new MicrometerStageCounters(registry);
    counters.recordIn("collect");
    counters.recordIn("collect");
    counters.recordOut("collect");
    counters.deadLettered("validate", "PRICE_OUT_OF_RANGE");
    counters.dropped("resolve", "DUPLICATE");

    final String scrape = registry.scrape();
    assertThat(scrape).contains("midcoast_records_in_total{stage=\"collect\"} 2.0");
    assertThat(scrape).contains("midcoast_records_out_total{stage=\"collect\"} 1.0");
    assertThat(scrape)
        .contains(
            "midcoast_records_dead_lettered_total{reason=\"PRICE_OUT_OF_RANGE\",stage=\"validate\"} 1.0");
    assertThat(scrape)
        .contains("midcoast_records_dropped_total{reason=\"DUPLICATE\",stage=\"resolve\"} 1.0");
  }
}
