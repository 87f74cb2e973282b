package io.midcoast.serving.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.topology.catalog.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the live accuracy of the estimates as gauges, one row per region this instance hosts
 * (each region's figures come from exactly one instance): {@code
 * midcoast_estimate_accuracy_mdape_ratio{region}}, {@code
 * midcoast_estimate_accuracy_within_ratio{region,band="5"|"10"|"20"}} and {@code
 * midcoast_estimate_accuracy_samples{region}}. Refreshed from the local accuracy store on a fixed
 * period.
 */
public final class AccuracyMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AccuracyMetrics.class);

  private final KafkaStreams streams;
  private final MultiGauge mdape;
  private final MultiGauge within;
  private final MultiGauge samples;
  private final ScheduledExecutorService timer;

  public AccuracyMetrics(
      final KafkaStreams streams, final MeterRegistry registry, final Duration period) {
    this.streams = streams;
    this.mdape =
        MultiGauge.builder("midcoast.estimate.accuracy.mdape.ratio")
            .description("Median absolute percentage error of the last estimate before each close")
            .register(registry);
    this.within =
        MultiGauge.builder("midcoast.estimate.accuracy.within.ratio")
            .description(
                "Share of closes whose last earlier estimate was within the band: 5, 10 or 20 (%),"
                    + " or interval80 (inside the estimate's 80% interval)")
            .register(registry);
    this.samples =
        MultiGauge.builder("midcoast.estimate.accuracy.samples")
            .description("Closes in the rolling 365-day window")
            .register(registry);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              final Thread thread = new Thread(r, "midcoast-accuracy-metrics");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::refresh, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the local store and replaces every row; skipped while the store is not queryable. */
  void refresh() {
    final List<EstimateAccuracy> all = new ArrayList<>();
    try {
      final ReadOnlyKeyValueStore<String, EstimateAccuracy> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  StoreNames.ACCURACY,
                  QueryableStoreTypes.<String, EstimateAccuracy>keyValueStore()));
      try (KeyValueIterator<String, EstimateAccuracy> it = store.all()) {
        while (it.hasNext()) {
          final KeyValue<String, EstimateAccuracy> entry = it.next();
          if (entry.value != null) {
            all.add(entry.value);
          }
        }
      }
    } catch (final InvalidStateStoreException e) {
      LOG.debug("accuracy store not queryable yet: {}", e.getMessage());
      return;
    }
    final List<MultiGauge.Row<?>> mdapeRows = new ArrayList<>();
    final List<MultiGauge.Row<?>> withinRows = new ArrayList<>();
    final List<MultiGauge.Row<?>> sampleRows = new ArrayList<>();
    for (final EstimateAccuracy a : all) {
      final Tags region = Tags.of("region", a.getRegion());
      sampleRows.add(MultiGauge.Row.of(region, a.getSamples()));
      if (a.getMdapeBps() != null) {
        mdapeRows.add(MultiGauge.Row.of(region, a.getMdapeBps() / 10_000.0));
      }
      addWithin(withinRows, region, "5", a.getWithin5Bps());
      addWithin(withinRows, region, "10", a.getWithin10Bps());
      addWithin(withinRows, region, "20", a.getWithin20Bps());
      addWithin(withinRows, region, "interval80", a.getInIntervalBps());
    }
    mdape.register(mdapeRows, true);
    within.register(withinRows, true);
    samples.register(sampleRows, true);
  }

  private static void addWithin(
      final List<MultiGauge.Row<?>> rows, final Tags region, final String band, final Integer bps) {
    if (bps != null) {
      rows.add(MultiGauge.Row.of(region.and("band", band), bps / 10_000.0));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
