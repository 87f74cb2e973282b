package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.topology.monitor.StageCounters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The live-accuracy stage, keyed by region: keeps every sample of the region under its own key
 * {@code "<region>\u001f<closeDate>\u001f<propertyId>"} (small writes however many samples a region
 * holds), and forwards the region's {@link EstimateAccuracy} over its rolling window after each
 * change ({@link EstimateAccuracies}); a tombstone when the region has no sample left. Samples more
 * than {@value EstimateAccuracies#RETAIN_DAYS} days before the region's latest close are deleted.
 *
 * <p>The store is the state; each region's samples are also held in memory ({@link RegionSamples}),
 * loaded by one prefix scan when the region first changes after the processor started and then
 * changed with the store, so a change costs far less than a pass over the region's year of samples.
 */
public final class AccuracyProcessor
    implements Processor<String, AccuracyContribution, String, EstimateAccuracy> {

  private static final char SEP = '\u001f';
  private static final StringSerializer KEYS = new StringSerializer();

  private final StageCounters counters;
  private final String samplesStoreName;
  private final Map<String, RegionSamples> regions = new HashMap<>();
  private ProcessorContext<String, EstimateAccuracy> context;
  private KeyValueStore<String, AccuracySample> store;

  /**
   * @param counters stage counters
   * @param samplesStoreName the store of {@link AccuracySample} per region, date and property
   */
  public AccuracyProcessor(final StageCounters counters, final String samplesStoreName) {
    this.counters = counters;
    this.samplesStoreName = samplesStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, EstimateAccuracy> context) {
    this.context = context;
    this.store = context.getStateStore(samplesStoreName);
    regions.clear();
  }

  @Override
  public void process(final Record<String, AccuracyContribution> record) {
    final String region = record.key();
    if (region == null || record.value() == null) {
      return;
    }
    final AccuracySample sample = record.value().getSample();
    final String prefix = region + SEP;
    final String key = prefix + sample.getCloseDate() + SEP + sample.getPropertyId();
    final AccuracySample stored = store.get(key);
    final RegionSamples samples = regions.computeIfAbsent(region, this::load);
    if (record.value().getDelta() > 0) {
      if (sample.equals(stored)) {
        return;
      }
      store.put(key, sample);
      if (stored != null) {
        samples.remove(stored);
      }
      samples.add(sample);
    } else {
      if (stored == null) {
        return;
      }
      store.delete(key);
      samples.remove(stored);
    }
    final LocalDate end = samples.latestClose();
    if (end == null) {
      context.forward(record.withValue(null));
      counters.recordOut(EstimateProcessor.STAGE);
      return;
    }
    deleteBefore(prefix, end.minusDays(EstimateAccuracies.RETAIN_DAYS), samples);
    context.forward(record.withValue(EstimateAccuracies.figures(region, samples)));
    counters.recordOut(EstimateProcessor.STAGE);
  }

  /** The region's samples read from the store. */
  private RegionSamples load(final String region) {
    final RegionSamples samples = new RegionSamples();
    try (KeyValueIterator<String, AccuracySample> it = store.prefixScan(region + SEP, KEYS)) {
      while (it.hasNext()) {
        final AccuracySample sample = it.next().value;
        // a key of a longer region name that continues this one past a U+001F is not this region's
        if (AccuracySampler.regions(sample).contains(region)) {
          samples.add(sample);
        }
      }
    }
    return samples;
  }

  /** Deletes the region's samples closed before {@code keepFrom}, each read once. */
  private void deleteBefore(
      final String prefix, final LocalDate keepFrom, final RegionSamples samples) {
    final List<KeyValue<String, AccuracySample>> old = new ArrayList<>();
    try (KeyValueIterator<String, AccuracySample> it = store.range(prefix, prefix + keepFrom)) {
      while (it.hasNext()) {
        final KeyValue<String, AccuracySample> kv = it.next();
        if (kv.value.getCloseDate().isBefore(keepFrom)) {
          old.add(kv);
        }
      }
    }
    for (final KeyValue<String, AccuracySample> kv : old) {
      store.delete(kv.key);
      samples.remove(kv.value);
    }
  }
}
