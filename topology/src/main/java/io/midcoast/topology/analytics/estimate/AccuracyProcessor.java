package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.topology.monitor.StageCounters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class AccuracyProcessor
    implements Processor<String, AccuracyContribution, String, EstimateAccuracy> {

  private static final char SEP = '\u001f';

  private final StageCounters counters;
  private final String samplesStoreName;
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
    if (record.value().getDelta() > 0) {
      if (sample.equals(stored)) {
        return;
      }
      store.put(key, sample);
    } else {
      if (stored == null) {
        return;
      }
      store.delete(key);
    }
    final LocalDate end = latestClose(prefix);
    if (end == null) {
      context.forward(record.withValue(null));
      counters.recordOut(EstimateProcessor.STAGE);
      return;
    }
    deleteBefore(prefix, end.minusDays(EstimateAccuracies.RETAIN_DAYS));
    final List<AccuracySample> window = new ArrayList<>();
    try (KeyValueIterator<String, AccuracySample> it =
        store.range(
            prefix + end.minusDays(EstimateAccuracies.WINDOW_DAYS - 1),
            prefix + end + SEP + '\uffff')) {
      it.forEachRemaining(kv -> window.add(kv.value));
    }
    context.forward(record.withValue(EstimateAccuracies.figures(region, window)));
    counters.recordOut(EstimateProcessor.STAGE);
  }

  private LocalDate latestClose(final String prefix) {
    try (KeyValueIterator<String, AccuracySample> it =
        store.reverseRange(prefix, prefix + '\uffff')) {
      return it.hasNext() ? it.next().value.getCloseDate() : null;
    }
  }

  private void deleteBefore(final String prefix, final LocalDate keepFrom) {
    final List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, AccuracySample> it = store.range(prefix, prefix + keepFrom)) {
      while (it.hasNext()) {
        final KeyValue<String, AccuracySample> kv = it.next();
        if (kv.value.getCloseDate().isBefore(keepFrom)) {
          old.add(kv.key);
        }
      }
    }
    old.forEach(store::delete);
  }
}
