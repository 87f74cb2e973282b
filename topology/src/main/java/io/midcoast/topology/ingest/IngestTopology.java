package io.midcoast.topology.ingest;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.SourceVersion;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.deadletter.Staged;
import io.midcoast.topology.ingest.collect.CollectProcessor;
import io.midcoast.topology.ingest.collect.SourceRecord;
import io.midcoast.topology.ingest.process.ProcessStage;
import io.midcoast.topology.ingest.resolve.ResolveProcessor;
import io.midcoast.topology.ingest.store.PropertyStoreProcessor;
import io.midcoast.topology.ingest.store.StoreOutput;
import io.midcoast.topology.ingest.validate.ValidateStage;
import io.midcoast.topology.monitor.StageCounters;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest topology: {@code feeds.reso.property} and {@code feeds.county.sale} → collect →
 * process → validate → (repartition by sourceKey) → resolve → (repartition by propertyId) → store →
 * {@code property.state}; every rejection (of collect, process and validate, and of the store's
 * bounds per property) → {@code ingest.dlq}. Every processor, store and internal topic has an
 * explicit name.
 *
 * <p>Queryable state: {@link StoreNames#PROPERTY} holds the current {@link Property} per propertyId
 * (a key-value store; serving reads it with interactive queries).
 */
public final class IngestTopology {

  /** Key-value store of the {@link PropertyAggregate} per propertyId (RocksDB, changelogged). */
  public static final String AGGREGATE_STORE = "ingest-property-aggregate";

  /** Key-value store of the {@link SourceVersion} per sourceKey (RocksDB, changelogged). */
  public static final String SOURCE_VERSION_STORE = "ingest-resolve-source-versions";

  /** Name of the repartition topic of observations keyed by sourceKey (application id prefix). */
  public static final String OBSERVATIONS_BY_SOURCE = "ingest-resolve-observations-by-source";

  /** Name of the repartition topic of observations keyed by propertyId (application id prefix). */
  public static final String OBSERVATIONS_BY_PROPERTY = "ingest-store-observations-by-property";

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  private IngestTopology() {}

  /**
   * Adds the ingest topology to {@code builder}. Side-effect free apart from the builder.
   *
   * @param builder the builder to add to
   * @param counters where the stages count records
   */
  public static void build(final StreamsBuilder builder, final StageCounters counters) {
    final KStream<String, Staged<SourceRecord>> reso =
        builder.stream(
                Topics.RESO_PROPERTY.name(),
                Topics.RESO_PROPERTY.consumed().withName("ingest-collect-reso-source"))
            .processValues(() -> CollectProcessor.reso(counters), Named.as("ingest-collect-reso"));
    final KStream<String, Staged<SourceRecord>> county =
        builder.stream(
                Topics.COUNTY_SALE.name(),
                Topics.COUNTY_SALE.consumed().withName("ingest-collect-county-source"))
            .processValues(
                () -> CollectProcessor.county(counters), Named.as("ingest-collect-county"));

    final Map<String, KStream<String, Staged<PropertyObservation>>> validated =
        reso.merge(county, Named.as("ingest-collect-merge"))
            .processValues(() -> new ProcessStage(counters), Named.as("ingest-process"))
            .processValues(() -> new ValidateStage(counters), Named.as("ingest-validate"))
            .split(Named.as("ingest-validate-split"))
            .branch((key, value) -> value.isRejected(), Branched.as("-rejected"))
            .defaultBranch(Branched.as("-accepted"));

    validated
        .get("ingest-validate-split-rejected")
        .mapValues(Staged::rejection, Named.as("ingest-validate-dlq-value"))
        .to(
            Topics.INGEST_DLQ.name(),
            Topics.INGEST_DLQ.produced().withName("ingest-validate-dlq-sink"));

    resolveAndStore(
        builder,
        validated
            .get("ingest-validate-split-accepted")
            .mapValues(Staged::value, Named.as("ingest-validate-accepted-value")),
        counters);
  }

  /**
   * The resolve and store stages over a stream of validated observations (any key): repartition by
   * sourceKey → resolve → repartition by propertyId → store → {@code property.state}.
   *
   * @param builder the builder the stream belongs to
   * @param observations validated observations
   * @param counters where the stages count records
   */
  static void resolveAndStore(
      final StreamsBuilder builder,
      final KStream<String, PropertyObservation> observations,
      final StageCounters counters) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SOURCE_VERSION_STORE),
            Serdes.String(),
            SERDES.serde(SourceVersion.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AGGREGATE_STORE),
            Serdes.String(),
            SERDES.serde(PropertyAggregate.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.PROPERTY),
            Serdes.String(),
            SERDES.serde(Property.class)));

    final Serde<PropertyObservation> observationSerde = SERDES.serde(PropertyObservation.class);
    observations
        .selectKey(
            (key, value) -> value.getSource().getSourceKey(),
            Named.as("ingest-resolve-key-by-source"))
        .repartition(
            Repartitioned.with(Serdes.String(), observationSerde).withName(OBSERVATIONS_BY_SOURCE))
        .process(
            () -> new ResolveProcessor(counters, SOURCE_VERSION_STORE),
            Named.as("ingest-resolve"),
            SOURCE_VERSION_STORE)
        .repartition(
            Repartitioned.with(Serdes.String(), observationSerde)
                .withName(OBSERVATIONS_BY_PROPERTY))
        .process(
            () -> new PropertyStoreProcessor(counters, AGGREGATE_STORE, StoreNames.PROPERTY),
            Named.as("ingest-store"),
            AGGREGATE_STORE,
            StoreNames.PROPERTY)
        .split(Named.as("ingest-store-split"))
        .branch(
            (key, value) -> value.isRejected(),
            Branched.withConsumer(
                rejected ->
                    rejected
                        .mapValues(StoreOutput::deadLetter, Named.as("ingest-store-dlq-value"))
                        .to(
                            Topics.INGEST_DLQ.name(),
                            Topics.INGEST_DLQ.produced().withName("ingest-store-dlq-sink")),
                "-rejected"))
        .defaultBranch(
            Branched.withConsumer(
                views ->
                    views
                        .mapValues(StoreOutput::property, Named.as("ingest-store-property-value"))
                        .to(
                            Topics.PROPERTY_STATE.name(),
                            Topics.PROPERTY_STATE
                                .produced()
                                .withName("ingest-store-property-state-sink")),
                "-accepted"));
  }

  /**
   * The ingest topology on its own.
   *
   * @param counters where the stages count records
   */
  public static Topology topology(final StageCounters counters) {
    final StreamsBuilder builder = new StreamsBuilder();
    build(builder, counters);
    return builder.build();
  }
}
