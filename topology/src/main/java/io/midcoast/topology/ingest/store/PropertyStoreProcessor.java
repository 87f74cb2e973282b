package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.config.IngestLimits;
import io.midcoast.topology.deadletter.DeadLetters;
import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The store stage, keyed by propertyId: applies each observation to the property's aggregate
 * ({@link AggregateRules}), merges the view ({@link PropertyMerger}) and forwards it only when it
 * changed — a tombstone when no live observation remains.
 *
 * <p>The aggregate is bounded ({@link IngestLimits}): a new source record beyond the most a
 * property keeps, or a change that would make the serialized aggregate larger than allowed, is
 * forwarded as a dead letter ({@code PROPERTY_TOO_MANY_SOURCES}, {@code PROPERTY_TOO_LARGE}) naming
 * the source record's feed topic, partition and offset, and the stores are left as they were. So no
 * input can grow a changelog record past the broker's limit.
 *
 * <p>The merged view is computed before anything is written, so a failing merge leaves both stores
 * as they were. Whether the view changed is decided on the fingerprint of the last written {@link
 * Property}, kept in the aggregate, so the property store is only written, never read, here.
 */
public final class PropertyStoreProcessor
    implements Processor<String, PropertyObservation, String, StoreOutput> {

  private static final Serializer<PropertyAggregate> AGGREGATE_BYTES =
      RecordSerdes.singleObject().serde(PropertyAggregate.class).serializer();

  private final StageCounters counters;
  private final String aggregateStoreName;
  private final String propertyStoreName;
  private final BiFunction<String, List<PropertyObservation>, Property> merger;
  private ProcessorContext<String, StoreOutput> context;
  private IngestLimits limits;
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
    this(counters, aggregateStoreName, propertyStoreName, PropertyMerger::merge);
  }

  /** With another merge function (tests). */
  PropertyStoreProcessor(
      final StageCounters counters,
      final String aggregateStoreName,
      final String propertyStoreName,
      final BiFunction<String, List<PropertyObservation>, Property> merger) {
    this.counters = counters;
    this.aggregateStoreName = aggregateStoreName;
    this.propertyStoreName = propertyStoreName;
    this.merger = merger;
  }

  @Override
  public void init(final ProcessorContext<String, StoreOutput> context) {
    this.context = context;
    this.limits = IngestLimits.of(context.appConfigs());
    this.aggregates = context.getStateStore(aggregateStoreName);
    this.properties = context.getStateStore(propertyStoreName);
  }

  @Override
  public void process(final Record<String, PropertyObservation> record) {
    final PropertyObservation observation = record.value();
    if (record.key() == null || record.key().isEmpty() || observation == null) {
      return;
    }
    counters.recordIn(Stages.STORE);
    final String propertyId = record.key();
    final PropertyAggregate current = aggregates.get(propertyId);
    final AggregateRules.Outcome outcome =
        AggregateRules.apply(current, observation, limits.maxSourcesPerProperty());
    if (outcome.rejection() != null) {
      reject(record, observation, outcome.rejection());
      return;
    }
    if (!outcome.changed()) {
      counters.dropped(Stages.STORE, outcome.dropReason());
      return;
    }
    final PropertyAggregate next = outcome.aggregate();
    // everything that can fail runs before the first write
    final Property merged = merger.apply(propertyId, next.getObservations());
    final Long fingerprint = merged == null ? null : VersionOrder.fingerprint(merged);
    final boolean changed =
        merged != null
            ? !Objects.equals(fingerprint, next.getPropertyFingerprint())
            : next.getPropertyFingerprint() != null
                || (current != null && properties.get(propertyId) != null);
    next.setPropertyFingerprint(fingerprint);
    final int size = AGGREGATE_BYTES.serialize(aggregateStoreName, next).length;
    if (size > limits.maxPropertyBytes()) {
      reject(
          record,
          observation,
          new Rejection(
              RejectReason.PROPERTY_TOO_LARGE,
              "property "
                  + propertyId
                  + " would take "
                  + size
                  + " bytes with "
                  + observation.getSource().getSourceKey()
                  + " (at most "
                  + limits.maxPropertyBytes()
                  + ")"));
      return;
    }
    aggregates.put(propertyId, next);
    if (!changed) {
      return;
    }
    if (merged == null) {
      properties.delete(propertyId);
    } else {
      properties.put(propertyId, merged);
    }
    context.forward(record.withValue(StoreOutput.view(merged)));
    counters.recordOut(Stages.STORE);
  }

  /**
   * Forwards the dead letter of an observation the bounds refused: it names the source record in
   * its feed (topic, partition, offset, timestamp); the feed bytes are not at hand here and stay in
   * the feed topic.
   */
  private void reject(
      final Record<String, PropertyObservation> record,
      final PropertyObservation observation,
      final Rejection rejection) {
    final SourceRef ref = observation.getSource();
    final Provenance source =
        Provenance.of(
            ref.getTopic(),
            ref.getPartition(),
            ref.getOffset(),
            observation.getRecordTimestamp().toEpochMilli(),
            null,
            null);
    counters.deadLettered(Stages.STORE, rejection.reason().name());
    context.forward(
        record.withValue(
            StoreOutput.rejected(
                DeadLetters.of(
                    rejection.reason().name(), rejection.detail(), Stages.STORE, source))));
  }
}
