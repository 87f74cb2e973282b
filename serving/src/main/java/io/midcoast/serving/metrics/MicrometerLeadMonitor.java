package io.midcoast.serving.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.midcoast.topology.monitor.LeadMonitor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lead topology's callbacks as Prometheus metrics: {@code midcoast_lead_feature_psi{feature}}
 * (a gauge: the latest population stability index of each feature against the champion's training
 * sample; alert above 0.2) and {@code midcoast_lead_scores_total{model_version,fallback}}. Meters
 * are cached: the stream threads call this on their hot path.
 */
public final class MicrometerLeadMonitor implements LeadMonitor {

  static final String PSI = "midcoast.lead.feature.psi";
  static final String SCORES = "midcoast.lead.scores";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> psiBits = new ConcurrentHashMap<>();
  private final Map<String, Counter> scores = new ConcurrentHashMap<>();

  public MicrometerLeadMonitor(final MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void featureDrift(final String feature, final double psi) {
    psiBits
        .computeIfAbsent(
            feature,
            f -> {
              final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
              Gauge.builder(PSI, bits, b -> Double.longBitsToDouble(b.get()))
                  .description(
                      "Population stability index of a lead feature vs the champion's training sample")
                  .tag("feature", f)
                  .register(registry);
              return bits;
            })
        .set(Double.doubleToLongBits(psi));
  }

  @Override
  public void scored(final String modelVersion, final boolean fallback) {
    scores
        .computeIfAbsent(
            modelVersion + (fallback ? "|fallback" : "|model"),
            k ->
                Counter.builder(SCORES)
                    .description("Leads scored by the champion, by model version")
                    .tag("model_version", modelVersion)
                    .tag("fallback", Boolean.toString(fallback))
                    .register(registry))
        .increment();
  }
}
