package io.midcoast.topology.analytics;

import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.AccuracySamples;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.topology.StageCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The live-accuracy stage, keyed by region: applies signed samples to the region's sample list and
 * forwards the region's {@link EstimateAccuracy} when it changed ({@link EstimateAccuracies}).
 */
public final class AccuracyProcessor
    implements Processor<String, AccuracyContribution, String, EstimateAccuracy> {

  private final StageCounters counters;
  private final String samplesStoreName;
  private ProcessorContext<String, EstimateAccuracy> context;
  private KeyValueStore<String, AccuracySamples> store;

  /**
   * @param counters stage counters
   * @param samplesStoreName the store of {@link AccuracySamples} per region
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
    final AccuracySamples stored = store.get(region);
    final List<AccuracySample> before =
        stored == null ? List.of() : List.copyOf(stored.getSamples());
    final List<AccuracySample> after =
        EstimateAccuracies.apply(
            new ArrayList<>(before), record.value().getSample(), record.value().getDelta());
    if (after.equals(before)) {
      return;
    }
    final EstimateAccuracy previous = EstimateAccuracies.figures(region, before);
    final EstimateAccuracy next = EstimateAccuracies.figures(region, after);
    if (after.isEmpty()) {
      store.delete(region);
    } else {
      store.put(region, new AccuracySamples(after));
    }
    if (!Objects.equals(previous, next)) {
      context.forward(record.withValue(next));
      counters.recordOut(EstimateProcessor.STAGE);
    }
  }
}
