package io.midcoast.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerLeadMonitorTest {

  @Test
  void shouldExportPsiPerFeatureAndScoresPerModelVersion() {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final MicrometerLeadMonitor monitor = new MicrometerLeadMonitor(registry);

    monitor.featureDrift("pre_approved", 0.05);
    monitor.featureDrift("pre_approved", 0.31);
    monitor.featureDrift("inquiry_7d", 0.01);
    monitor.scored("1", true);
    monitor.scored("1", true);
    monitor.scored("3", false);

    final String scrape = registry.scrape();
    assertThat(scrape)
        .contains("midcoast_lead_feature_psi{feature=\"pre_approved\"} 0.31")
        .contains("midcoast_lead_feature_psi{feature=\"inquiry_7d\"} 0.01")
        .contains("midcoast_lead_scores_total{fallback=\"true\",model_version=\"1\"} 2.0")
        .contains("midcoast_lead_scores_total{fallback=\"false\",model_version=\"3\"} 1.0");
  }
}
