package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.topology.StageCounters;
import io.midcoast.topology.ingest.Stages;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The store stage, keyed by propertyId: applies each observation to the property's aggregate
 * ({@link AggregateRules}), merges the view ({@link PropertyMerger}) and forwards it only when it
 * changed — a tombstone when no live observation remains.
 */
public final class PropertyStoreProcessor
    implements Processor<String, PropertyObservation, String, Property> {

  private final StageCounters counters;
  private final String aggregateStoreName;
  private final String propertyStoreName;
  private ProcessorContext<String, Property> context;
  private KeyValueStore<String, PropertyAggregate> aggregates;
  private KeyValueStore<String, Property> properties;

  /**
   * @param counters stage counters
   * @param aggregateStoreName the store of {@link PropertyAggregate} per propertyId
   * @param propertyStoreName the store of the current {@link Property} per propertyId
   */
  public PropertyStoreProcessor(
      final StageCounters counters,
      final String aggregateStoreName,
      final String propertyStoreName) {
    this.counters = counters;
    this.aggregateStoreName = aggregateStoreName;
    this.propertyStoreName = propertyStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, Property> context) {
    this.context = context;
    this.aggregates = context.getStateStore(aggregateStoreName);
    this.properties = context.getStateStore(propertyStoreName);
  }

  @Override
  public void process(final Record<String, PropertyObservation> record) {
    final PropertyObservation observation = record.value();
    if (record.key() == null || observation == null) {
      return;
    }
    counters.recordIn(Stages.STORE);
    final String propertyId = record.key();
    final Optional<PropertyAggregate> next =
        AggregateRules.apply(aggregates.get(propertyId), observation);
    if (next.isEmpty()) {
      return;
    }
    aggregates.put(propertyId, next.get());
    final Property merged = PropertyMerger.merge(propertyId, next.get().getObservations());
    final Property previous = properties.get(propertyId);
    if (Objects.equals(previous, merged)) {
      return;
    }
    if (merged == null) {
      properties.delete(propertyId);
    } else {
      properties.put(propertyId, merged);
    }
    context.forward(record.withValue(merged));
    counters.recordOut(Stages.STORE);
  }
}
