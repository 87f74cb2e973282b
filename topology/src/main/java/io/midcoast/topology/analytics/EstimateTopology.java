package io.midcoast.topology.analytics;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.EstimateInput;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.topology.analytics.estimate.AccuracyProcessor;
import io.midcoast.topology.analytics.estimate.EstimateOutput;
import io.midcoast.topology.analytics.estimate.EstimateProcessor;
import io.midcoast.topology.analytics.estimate.EstimateRouteProcessor;
import io.midcoast.topology.analytics.estimate.MarketPartitioner;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.monitor.StageCounters;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The estimates topology: {@code property.state} → route (tag with the market) → repartition by
 * market ({@link MarketPartitioner}) → estimate ({@link EstimateProcessor}: price estimates, scores
 * and live-accuracy samples) → {@code analytics.estimate}, {@code analytics.score}, and samples →
 * repartition by region → accuracy ({@link AccuracyProcessor}) → {@code
 * analytics.estimate.accuracy}.
 *
 * <p>Queryable state: the three output topics are read back as tables, so each is partitioned by
 * its key with Kafka's default partitioner: {@link StoreNames#ESTIMATE} (PriceEstimate per
 * propertyId), {@link StoreNames#SCORE} (PropertyScore per propertyId), {@link StoreNames#ACCURACY}
 * ({@code EstimateAccuracy} per region key: {@code all}, {@code city:<city>}, {@code
 * subdivision:<name>}).
 */
public final class EstimateTopology {

  /** Route stage: propertyId → market. */
  public static final String MARKET_STORE = "analytics-estimate-property-markets";

  /** Repartition topic of estimate input, partitioned by market. */
  public static final String INPUT_BY_MARKET = "analytics-estimate-input-by-market";

  /** Repartition topic of accuracy samples, keyed and partitioned by region. */
  public static final String SAMPLES_BY_REGION = "analytics-estimate-accuracy-samples-by-region";

  /** Stores of the estimate stage. */
  public static final EstimateProcessor.Stores STAGE_STORES =
      new EstimateProcessor.Stores(
          "analytics-estimate-properties",
          "analytics-estimate-region-members",
          "analytics-estimate-sale-points",
          "analytics-estimate-market-clocks",
          "analytics-estimate-region-index",
          "analytics-estimate-current",
          "analytics-score-current",
          "analytics-estimate-accuracy-samples",
          "analytics-estimate-history");

  /** Accuracy stage: one {@code AccuracySample} per region, close date and property. */
  public static final String REGION_SAMPLES_STORE = "analytics-estimate-accuracy-region-samples";

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  private EstimateTopology() {}

  /**
   * Adds the estimates topology to {@code builder}, reading the given {@code property.state}
   * stream. Side-effect free apart from the builder.
   *
   * @param builder the builder to add to
   * @param states the {@code property.state} stream
   * @param counters where the stages count records (stage {@value EstimateProcessor#STAGE})
   * @param model the price model
   */
  public static void build(
      final StreamsBuilder builder,
      final KStream<String, Property> states,
      final StageCounters counters,
      final PriceModel model) {
    addStores(builder);
    final KStream<String, EstimateOutput> outputs =
        states
            .process(
                () -> new EstimateRouteProcessor(counters, MARKET_STORE),
                Named.as("analytics-estimate-route"),
                MARKET_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), SERDES.serde(EstimateInput.class))
                    .withName(INPUT_BY_MARKET)
                    .withStreamPartitioner(new MarketPartitioner()))
            .process(
                () -> new EstimateProcessor(counters, model, STAGE_STORES),
                Named.as("analytics-estimate"),
                storeNames());
    outputs
        .split(Named.as("analytics-estimate-output-"))
        .branch(
            (key, out) -> out.is(EstimateOutput.Kind.ESTIMATE),
            Branched.withConsumer(
                s -> sink(s, Topics.ANALYTICS_ESTIMATE, PriceEstimate.class), "estimate"))
        .branch(
            (key, out) -> out.is(EstimateOutput.Kind.SCORE),
            Branched.withConsumer(
                s -> sink(s, Topics.ANALYTICS_SCORE, PropertyScore.class), "score"))
        .branch(
            (key, out) -> out.is(EstimateOutput.Kind.ACCURACY),
            Branched.withConsumer(
                s ->
                    s.mapValues(
                            out -> (AccuracyContribution) out.value(),
                            Named.as("analytics-estimate-accuracy-sample"))
                        .repartition(
                            Repartitioned.with(
                                    Serdes.String(), SERDES.serde(AccuracyContribution.class))
                                .withName(SAMPLES_BY_REGION))
                        .process(
                            () -> new AccuracyProcessor(counters, REGION_SAMPLES_STORE),
                            Named.as("analytics-estimate-accuracy"),
                            REGION_SAMPLES_STORE)
                        .to(
                            Topics.ANALYTICS_ESTIMATE_ACCURACY.name(),
                            Topics.ANALYTICS_ESTIMATE_ACCURACY
                                .produced()
                                .withName("analytics-estimate-accuracy-sink")),
                "accuracy"))
        .noDefaultBranch();

    table(builder, Topics.ANALYTICS_ESTIMATE, StoreNames.ESTIMATE);
    table(builder, Topics.ANALYTICS_SCORE, StoreNames.SCORE);
    table(builder, Topics.ANALYTICS_ESTIMATE_ACCURACY, StoreNames.ACCURACY);
  }

  /**
   * The estimates topology on its own (input {@code property.state}).
   *
   * @param counters where the stages count records
   * @param model the price model
   */
  public static Topology topology(final StageCounters counters, final PriceModel model) {
    final StreamsBuilder builder = new StreamsBuilder();
    build(
        builder,
        builder.stream(
            Topics.PROPERTY_STATE.name(),
            Topics.PROPERTY_STATE.consumed().withName("analytics-estimate-property-state-source")),
        counters,
        model);
    return builder.build();
  }

  private static <V extends SpecificRecord> void sink(
      final KStream<String, EstimateOutput> outputs,
      final Topic<String, V> topic,
      final Class<V> type) {
    outputs
        .mapValues(
            out -> type.cast(out.value()), Named.as(topic.name().replace('.', '-') + "-value"))
        .to(topic.name(), topic.produced().withName(topic.name().replace('.', '-') + "-sink"));
  }

  private static <V> void table(
      final StreamsBuilder builder, final Topic<String, V> topic, final String storeName) {
    builder.table(
        topic.name(),
        topic.consumed().withName(topic.name().replace('.', '-') + "-table"),
        // a plain (not timestamped) store: outputs of one key can carry older timestamps when they
        // come from different upstream partitions, which a timestamped table logs as out of order
        Materialized.<String, V>as(Stores.persistentKeyValueStore(storeName))
            .withKeySerde(topic.keySerde())
            .withValueSerde(topic.valueSerde()));
  }

  private static String[] storeNames() {
    final EstimateProcessor.Stores s = STAGE_STORES;
    return new String[] {
      s.properties(),
      s.members(),
      s.salePoints(),
      s.clocks(),
      s.regionIndex(),
      s.estimates(),
      s.scores(),
      s.samples(),
      s.history()
    };
  }

  private static void addStores(final StreamsBuilder builder) {
    builder.addStateStore(store(MARKET_STORE, Serdes.String()));
    final EstimateProcessor.Stores s = STAGE_STORES;
    builder.addStateStore(store(s.properties(), SERDES.serde(Property.class)));
    builder.addStateStore(store(s.members(), Serdes.String()));
    builder.addStateStore(store(s.salePoints(), Serdes.Double()));
    builder.addStateStore(store(s.clocks(), Serdes.Long()));
    builder.addStateStore(store(s.regionIndex(), SERDES.serde(RegionIndex.class)));
    builder.addStateStore(store(s.estimates(), SERDES.serde(PriceEstimate.class)));
    builder.addStateStore(store(s.scores(), SERDES.serde(PropertyScore.class)));
    builder.addStateStore(store(s.samples(), SERDES.serde(AccuracySample.class)));
    builder.addStateStore(store(s.history(), SERDES.serde(PriceEstimate.class)));
    builder.addStateStore(store(REGION_SAMPLES_STORE, SERDES.serde(AccuracySample.class)));
  }

  private static <V> org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, V>> store(
      final String name, final Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
