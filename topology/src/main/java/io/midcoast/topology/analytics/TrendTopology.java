package io.midcoast.topology.analytics;

import io.midcoast.schemas.Property;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContributions;
import io.midcoast.topology.catalog.RegionPartitioner;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.catalog.TrendKeys;
import io.midcoast.topology.monitor.StageCounters;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The market-trends topology: {@code property.state} → contributions (per propertyId, the signed
 * difference of what the property contributes to each region-month cell) → repartition by region
 * ({@link RegionPartitioner}) → aggregate (per cell, exact multisets) → {@link StoreNames#TREND}
 * and {@code analytics.trend}. Every processor, store and internal topic has an explicit name.
 *
 * <p>Queryable state: {@link StoreNames#TREND}, a key-value store of {@link TrendCell} per cell key
 * {@code "<regionType>:<regionId>:<YYYY-MM>"} ({@link TrendKeys}); all months of a region live in
 * one partition, so find its owner with {@code queryMetadataForKey(StoreNames.TREND,
 * anyCellKeyOfRegion, new RegionPartitioner<>())} and read a month range with {@code range(from,
 * to)}.
 */
public final class TrendTopology {

  /**
   * Key-value store of the {@link TrendAggregate} per cell key (RocksDB, changelogged, cached: a
   * hot cell updated many times between commits is written to RocksDB and its changelog once).
   */
  public static final String AGGREGATE_STORE = "analytics-trend-cell-aggregates";

  /**
   * Key-value store of the {@link TrendContributions} per propertyId (RocksDB, changelogged,
   * cached).
   */
  public static final String CONTRIBUTIONS_STORE = "analytics-trend-property-contributions";

  /** Name of the repartition topic of contributions keyed by cell, partitioned by region. */
  public static final String CONTRIBUTIONS_BY_REGION = "analytics-trend-contributions-by-region";

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  private TrendTopology() {}

  /**
   * Adds the market-trends topology to {@code builder}. Side-effect free apart from the builder.
   * Reads {@code property.state}, so it can share a builder with the ingest topology.
   *
   * @param builder the builder to add to
   * @param counters where the stages count records (stage {@code trends})
   */
  public static void build(final StreamsBuilder builder, final StageCounters counters) {
    build(
        builder,
        builder.stream(
            Topics.PROPERTY_STATE.name(),
            Topics.PROPERTY_STATE.consumed().withName("analytics-trend-property-state-source")),
        counters);
  }

  /**
   * Adds the market-trends topology to {@code builder}, reading the given stream of {@code
   * property.state} (so several analytics topologies can share one source of the topic).
   *
   * @param builder the builder to add to
   * @param states the {@code property.state} stream
   * @param counters where the stages count records (stage {@code trends})
   */
  public static void build(
      final StreamsBuilder builder,
      final KStream<String, Property> states,
      final StageCounters counters) {
    addStores(builder);
    states
        .process(
            () -> new TrendContributionsProcessor(counters, CONTRIBUTIONS_STORE),
            Named.as("analytics-trend-contributions"),
            CONTRIBUTIONS_STORE)
        .repartition(
            Repartitioned.with(Serdes.String(), SERDES.serde(TrendContributions.class))
                .withName(CONTRIBUTIONS_BY_REGION)
                .withStreamPartitioner(new RegionPartitioner<>()))
        .process(
            () -> new TrendAggregateProcessor(counters, AGGREGATE_STORE, StoreNames.TREND),
            Named.as("analytics-trend-aggregate"),
            AGGREGATE_STORE,
            StoreNames.TREND)
        .to(
            Topics.ANALYTICS_TREND.name(),
            Topics.ANALYTICS_TREND
                .produced()
                .withName("analytics-trend-sink")
                .withStreamPartitioner(new RegionPartitioner<>()));
  }

  private static void addStores(final StreamsBuilder builder) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CONTRIBUTIONS_STORE),
                Serdes.String(),
                SERDES.serde(TrendContributions.class))
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(AGGREGATE_STORE),
                Serdes.String(),
                SERDES.serde(TrendAggregate.class))
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(StoreNames.TREND),
            Serdes.String(),
            SERDES.serde(TrendCell.class)));
  }

  /**
   * The market-trends topology on its own (input {@code property.state}).
   *
   * @param counters where the stages count records
   */
  public static Topology topology(final StageCounters counters) {
    final StreamsBuilder builder = new StreamsBuilder();
    build(builder, counters);
    return builder.build();
  }
}
