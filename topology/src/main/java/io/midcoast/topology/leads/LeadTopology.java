package io.midcoast.topology.leads;

import io.midcoast.schemas.LeadAlert;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.topology.catalog.ModelPartitioner;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.deadletter.Staged;
import io.midcoast.topology.monitor.LeadMonitor;
import io.midcoast.topology.monitor.StageCounters;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The lead topology (docs/leads.md):
 *
 * <pre>
 * feeds.lead.event → parse (bad → ingest.dlq) → repartition by leadId ({@value #EVENTS_BY_LEAD})
 *   → lead stage ({@link LeadProcessor}): dedupe, state, features, scores, examples, labels,
 *     alerts, drift → leads.profile, leads.score, leads.alert, leads.example
 *     └ evaluation contributions → repartition by challenger ({@value #EVALUATION_BY_CHALLENGER})
 *       → evaluation ({@link EvaluationProcessor}) → ml.model (promotions)
 * property.state → listing key → list price → leads.listing.price → global {@link StoreNames#LISTING_PRICE}
 * ml.model → global {@link StoreNames#MODEL} + {@link ModelRegistry} (scorers swapped without restart)
 * </pre>
 *
 * <p>Queryable state, partitioned by leadId with Kafka's default partitioner: {@link
 * StoreNames#LEAD} ({@link LeadState} per leadId) and {@link StoreNames#LEAD_SCORE} (the latest
 * published {@link LeadScoreUpdate} per leadId); on every instance, the global {@link
 * StoreNames#MODEL} ({@link ModelRecord} per {@code "<modelId>:<version>"}).
 */
public final class LeadTopology {

  /** Pending (not yet final) training examples per {@code "<leadId>:<eventId>"}. */
  public static final String PENDING_STORE = "leads-pending-examples";

  /** Event-time index of pending examples: {@code "<millis>:<E|P>:<leadId>:<eventId>"}. */
  public static final String EXPIRY_STORE = "leads-example-expiry";

  /** Champion/challenger running totals per challenger key. */
  public static final String EVALUATION_STORE = "leads-model-evaluations";

  /** The model-stage authority's records per {@code "<modelId>:<version>"}. */
  public static final String MODEL_STAGE_STORE = "ml-model-stages";

  /** Repartition topic of model requests keyed by model id. */
  public static final String MODEL_REQUESTS_BY_MODEL = "ml-model-requests-by-model";

  /** Repartition topic of valid lead events keyed by leadId (value: the original bytes). */
  public static final String EVENTS_BY_LEAD = "leads-events-by-lead";

  /** Repartition topic of evaluation contributions keyed by challenger. */
  public static final String EVALUATION_BY_CHALLENGER = "leads-evaluation-by-challenger";

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  private LeadTopology() {}

  /**
   * Adds the lead topology to {@code builder} with its own source of {@code property.state}.
   *
   * @param builder the builder to add to
   * @param counters where the stages count records
   * @param monitor where drift and scoring are reported
   */
  public static void build(
      final StreamsBuilder builder, final StageCounters counters, final LeadMonitor monitor) {
    build(
        builder,
        builder.stream(
            Topics.PROPERTY_STATE.name(),
            Topics.PROPERTY_STATE.consumed().withName("leads-property-state-source")),
        counters,
        monitor);
  }

  /**
   * Adds the lead topology to {@code builder}, reading the given {@code property.state} stream (so
   * it can share one source of the topic with the analytics topologies). Side-effect free apart
   * from the builder; the model registry it creates belongs to the built topology.
   *
   * @param builder the builder to add to
   * @param states the {@code property.state} stream
   * @param counters where the stages count records
   * @param monitor where drift and scoring are reported
   */
  public static void build(
      final StreamsBuilder builder,
      final KStream<String, Property> states,
      final StageCounters counters,
      final LeadMonitor monitor) {
    final ModelRegistry registry = new ModelRegistry();
    builder.addGlobalStore(
        global(StoreNames.MODEL, SERDES.serde(ModelRecord.class)),
        Topics.ML_MODEL.name(),
        Topics.ML_MODEL.consumed().withName("leads-ml-model"),
        () -> new ModelRegistryProcessor(registry, counters, StoreNames.MODEL));
    builder.addGlobalStore(
        global(StoreNames.LISTING_PRICE, Serdes.Long()),
        Topics.LEADS_LISTING_PRICE.name(),
        Topics.LEADS_LISTING_PRICE.consumed().withName("leads-listing-price"),
        () -> new ListingPriceProcessor(StoreNames.LISTING_PRICE));
    listingPrices(states);
    modelStages(builder, counters);

    builder.addStateStore(store(StoreNames.LEAD, SERDES.serde(LeadState.class)));
    builder.addStateStore(store(StoreNames.LEAD_SCORE, SERDES.serde(LeadScoreUpdate.class)));
    builder.addStateStore(store(PENDING_STORE, SERDES.serde(LeadTrainingExample.class)));
    builder.addStateStore(store(EXPIRY_STORE, Serdes.String()));
    builder.addStateStore(store(EVALUATION_STORE, Serdes.String()));

    final LeadProcessor.Stores stores =
        new LeadProcessor.Stores(
            StoreNames.LEAD,
            StoreNames.LEAD_SCORE,
            PENDING_STORE,
            EXPIRY_STORE,
            StoreNames.LISTING_PRICE);
    builder.stream(
            Topics.LEAD_EVENT.name(), Topics.LEAD_EVENT.consumed().withName("leads-event-source"))
        .process(() -> new LeadParseProcessor(counters), Named.as("leads-parse"))
        .split(Named.as("leads-parse-"))
        .branch(
            (key, value) -> value.isRejected(),
            Branched.withConsumer(
                s ->
                    s.mapValues(Staged::rejection, Named.as("leads-parse-dlq-value"))
                        .to(
                            Topics.INGEST_DLQ.name(),
                            Topics.INGEST_DLQ.produced().withName("leads-parse-dlq-sink")),
                "rejected"))
        .defaultBranch(
            Branched.withConsumer(
                s ->
                    outputs(
                        s.mapValues(Staged::value, Named.as("leads-parse-value"))
                            .repartition(
                                Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                                    .withName(EVENTS_BY_LEAD))
                            .process(
                                () -> new LeadProcessor(counters, monitor, registry, stores),
                                Named.as("leads-state"),
                                StoreNames.LEAD,
                                StoreNames.LEAD_SCORE,
                                PENDING_STORE,
                                EXPIRY_STORE),
                        counters),
                "accepted"));
  }

  /**
   * The lead topology on its own (inputs {@code feeds.lead.event}, {@code property.state}, {@code
   * ml.model}).
   *
   * @param counters where the stages count records
   * @param monitor where drift and scoring are reported
   */
  public static Topology topology(final StageCounters counters, final LeadMonitor monitor) {
    final StreamsBuilder builder = new StreamsBuilder();
    build(builder, counters, monitor);
    return builder.build();
  }

  private static void listingPrices(final KStream<String, Property> states) {
    states
        .flatMap(
            (propertyId, property) -> {
              final Listing listing = property == null ? null : property.getListing();
              return listing == null || listing.getListingKey() == null
                  ? List.<KeyValue<String, Long>>of()
                  : List.of(KeyValue.pair(listing.getListingKey(), listing.getListPriceCents()));
            },
            Named.as("leads-listing-price-by-key"))
        .to(
            Topics.LEADS_LISTING_PRICE.name(),
            Topics.LEADS_LISTING_PRICE.produced().withName("leads-listing-price-sink"));
  }

  /** The model-stage authority: ml.model.request → by model id → ml.model (its one writer). */
  private static void modelStages(final StreamsBuilder builder, final StageCounters counters) {
    builder.addStateStore(store(MODEL_STAGE_STORE, SERDES.serde(ModelRecord.class)));
    builder.stream(
            Topics.ML_MODEL_REQUEST.name(),
            Topics.ML_MODEL_REQUEST.consumed().withName("ml-model-request-source"))
        .selectKey(
            (key, request) ->
                request == null || request.getModelId() == null ? "" : request.getModelId(),
            Named.as("ml-model-request-by-model"))
        .repartition(
            Repartitioned.with(Serdes.String(), SERDES.serde(ModelRecord.class))
                .withName(MODEL_REQUESTS_BY_MODEL))
        .process(
            () -> new ModelStageProcessor(counters, MODEL_STAGE_STORE, StoreNames.MODEL),
            Named.as("ml-model-stage"),
            MODEL_STAGE_STORE)
        .to(
            Topics.ML_MODEL.name(),
            Topics.ML_MODEL
                .produced()
                .withName("ml-model-stage-sink")
                .withStreamPartitioner(new ModelPartitioner()));
  }

  private static void outputs(
      final KStream<String, LeadOutput> outputs, final StageCounters counters) {
    outputs
        .split(Named.as("leads-output-"))
        .branch(
            (key, out) -> out.is(LeadOutput.Kind.PROFILE),
            Branched.withConsumer(s -> sink(s, Topics.LEADS_PROFILE, LeadProfile.class), "profile"))
        .branch(
            (key, out) -> out.is(LeadOutput.Kind.SCORE),
            Branched.withConsumer(s -> sink(s, Topics.LEADS_SCORE, LeadScoreUpdate.class), "score"))
        .branch(
            (key, out) -> out.is(LeadOutput.Kind.ALERT),
            Branched.withConsumer(s -> sink(s, Topics.LEADS_ALERT, LeadAlert.class), "alert"))
        .branch(
            (key, out) -> out.is(LeadOutput.Kind.EXAMPLE),
            Branched.withConsumer(
                s -> sink(s, Topics.LEADS_EXAMPLE, LeadTrainingExample.class), "example"))
        .branch(
            (key, out) -> out.is(LeadOutput.Kind.EVALUATION),
            Branched.withConsumer(
                s ->
                    s.mapValues(out -> (String) out.value(), Named.as("leads-evaluation-value"))
                        .repartition(
                            Repartitioned.with(Serdes.String(), Serdes.String())
                                .withName(EVALUATION_BY_CHALLENGER))
                        .process(
                            () ->
                                new EvaluationProcessor(
                                    counters, EVALUATION_STORE, StoreNames.MODEL),
                            Named.as("leads-evaluation"),
                            EVALUATION_STORE)
                        .to(
                            Topics.ML_MODEL_REQUEST.name(),
                            Topics.ML_MODEL_REQUEST
                                .produced()
                                .withName("leads-evaluation-ml-model-request-sink")),
                "evaluation"))
        .noDefaultBranch();
  }

  private static <V> void sink(
      final KStream<String, LeadOutput> outputs,
      final Topic<String, V> topic,
      final Class<V> type) {
    final String name = topic.name().replace('.', '-');
    outputs
        .mapValues(out -> type.cast(out.value()), Named.as(name + "-value"))
        .to(topic.name(), topic.produced().withName(name + "-sink"));
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(
      final String name, final Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> global(
      final String name, final Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled();
  }
}
