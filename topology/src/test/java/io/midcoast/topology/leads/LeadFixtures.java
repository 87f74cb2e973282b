package io.midcoast.topology.leads;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadModelArtifact;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.ml.lead.LeadTrainer;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.LeadAlert;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.schemas.Property;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestFixtures;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.LeadMonitor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A driver around the lead topology, with hand-written and simulated events and test models. */
final class LeadFixtures implements AutoCloseable {

  static final Instant T0 = Instant.parse("2024-01-01T09:00:00Z");

  /** A monitor that remembers what it was told. */
  static final class RecordingMonitor implements LeadMonitor {
    final Map<String, Double> psi = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> scoredBy = new ConcurrentHashMap<>();

    @Override
    public void featureDrift(final String feature, final double value) {
      psi.put(feature, value);
    }

    @Override
    public void scored(final String modelVersion, final boolean fallback) {
      scoredBy
          .computeIfAbsent(modelVersion + (fallback ? "(fallback)" : ""), k -> new AtomicLong())
          .incrementAndGet();
    }
  }

  final InMemoryStageCounters counters = new InMemoryStageCounters();
  final RecordingMonitor monitor = new RecordingMonitor();
  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> events;
  final TestInputTopic<String, Property> properties;
  final TestInputTopic<String, ModelRecord> modelsIn;
  final TestInputTopic<String, ModelRecord> requests;
  final TestInputTopic<String, Long> listingPrices;
  final TestOutputTopic<String, LeadProfile> profiles;
  final TestOutputTopic<String, LeadScoreUpdate> scores;
  final TestOutputTopic<String, LeadAlert> alerts;
  final TestOutputTopic<String, LeadTrainingExample> examples;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  final TestOutputTopic<String, ModelRecord> modelsOut;
  private int sequence;

  LeadFixtures() {
    driver =
        new TopologyTestDriver(
            LeadTopology.topology(counters, monitor),
            IngestFixtures.streamsProperties(counters),
            T0);
    events =
        driver.createInputTopic(
            Topics.LEAD_EVENT.name(), new StringSerializer(), new ByteArraySerializer());
    properties =
        driver.createInputTopic(
            Topics.PROPERTY_STATE.name(),
            new StringSerializer(),
            Topics.PROPERTY_STATE.valueSerde().serializer());
    modelsIn =
        driver.createInputTopic(
            Topics.ML_MODEL.name(),
            new StringSerializer(),
            Topics.ML_MODEL.valueSerde().serializer());
    requests =
        driver.createInputTopic(
            Topics.ML_MODEL_REQUEST.name(),
            new StringSerializer(),
            Topics.ML_MODEL_REQUEST.valueSerde().serializer());
    listingPrices =
        driver.createInputTopic(
            Topics.LEADS_LISTING_PRICE.name(),
            new StringSerializer(),
            Topics.LEADS_LISTING_PRICE.valueSerde().serializer());
    profiles = output(Topics.LEADS_PROFILE.name(), Topics.LEADS_PROFILE.valueSerde());
    scores = output(Topics.LEADS_SCORE.name(), Topics.LEADS_SCORE.valueSerde());
    alerts = output(Topics.LEADS_ALERT.name(), Topics.LEADS_ALERT.valueSerde());
    examples = output(Topics.LEADS_EXAMPLE.name(), Topics.LEADS_EXAMPLE.valueSerde());
    deadLetters = output(Topics.INGEST_DLQ.name(), Topics.INGEST_DLQ.valueSerde());
    modelsOut = output(Topics.ML_MODEL.name(), Topics.ML_MODEL.valueSerde());
  }

  private <V> TestOutputTopic<String, V> output(
      final String topic, final org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createOutputTopic(topic, new StringDeserializer(), serde.deserializer());
  }

  /** Pipes an event with Kafka timestamp = its occurredAt, under a feed key unrelated to it. */
  void pipe(final LeadEvent event) {
    events.pipeInput(
        "feed-" + (sequence++ % 7),
        event.toJson().getBytes(StandardCharsets.UTF_8),
        event.occurredAt());
  }

  void pipeAll(final Iterable<LeadEvent> all) {
    all.forEach(this::pipe);
  }

  /** Puts the simulation's listing prices in the global price store, as property.state would. */
  void pipeListingPrices(final LeadSimulator.Simulation simulation) {
    for (final LeadSimulator.Listing l : simulation.config().listings()) {
      listingPrices.pipeInput(l.listingKey(), l.priceCents(), T0);
    }
  }

  void pipeRaw(final String value, final Instant timestamp) {
    events.pipeInput(
        "raw", value == null ? null : value.getBytes(StandardCharsets.UTF_8), timestamp);
  }

  void publish(final ModelRecord record) {
    modelsIn.pipeInput(record.getModelId() + ":" + record.getVersion(), record, T0);
  }

  LeadState state(final String leadId) {
    return driver.<String, LeadState>getKeyValueStore(StoreNames.LEAD).get(leadId);
  }

  LeadScoreUpdate score(final String leadId) {
    return driver.<String, LeadScoreUpdate>getKeyValueStore(StoreNames.LEAD_SCORE).get(leadId);
  }

  ModelRecord model(final String key) {
    return driver.<String, ModelRecord>getKeyValueStore(StoreNames.MODEL).get(key);
  }

  /** The latest example per key (null = retracted), reading every published record. */
  Map<String, LeadTrainingExample> latestExamples(final Map<String, LeadTrainingExample> into) {
    examples.readRecordsToList().forEach(r -> into.put(r.key(), r.value()));
    return into;
  }

  @Override
  public void close() {
    driver.close();
  }

  // ---- events ----

  static LeadEvent event(
      final String eventId,
      final String leadId,
      final LeadEventType type,
      final Instant at,
      final String listingKey,
      final String agentId,
      final Map<String, Object> attributes) {
    return new LeadEvent(eventId, leadId, type, at, listingKey, agentId, attributes);
  }

  static LeadEvent created(final String leadId, final Instant at, final String source) {
    final Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", "Pat " + leadId);
    a.put("source", source);
    a.put("budgetMin", 200_000);
    a.put("budgetMax", 400_000);
    a.put("timeline", "0-3 months");
    a.put("preApproved", true);
    return event(leadId + "-created", leadId, LeadEventType.CREATED, at, null, null, a);
  }

  static LeadEvent activity(
      final String eventId, final String leadId, final LeadEventType type, final Instant at) {
    return event(eventId, leadId, type, at, null, null, Map.of());
  }

  static LeadEvent viewed(
      final String eventId, final String leadId, final String listingKey, final Instant at) {
    return event(eventId, leadId, LeadEventType.LISTING_VIEWED, at, listingKey, null, Map.of());
  }

  static LeadEvent assigned(
      final String eventId, final String leadId, final String agentId, final Instant at) {
    return event(eventId, leadId, LeadEventType.ASSIGNED, at, null, agentId, Map.of());
  }

  static LeadEvent status(
      final String eventId, final String leadId, final String status, final Instant at) {
    return event(
        eventId, leadId, LeadEventType.STATUS_CHANGED, at, null, null, Map.of("status", status));
  }

  static Instant days(final double d) {
    return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
  }

  // ---- simulated data and models ----

  static LeadSimulator.Simulation simulate(final long seed, final int leads, final Instant start) {
    return simulate(seed, leads, start, LeadSimulator.World.STANDARD);
  }

  /** As {@link #simulate(long, int, Instant)}, in {@code world}. */
  static LeadSimulator.Simulation simulate(
      final long seed, final int leads, final Instant start, final LeadSimulator.World world) {
    return new LeadSimulator(
            LeadSimulator.Config.of(
                seed,
                start,
                leads,
                List.of("agent-1", "agent-2", "agent-3"),
                LeadSimulator.syntheticListings(seed, 40)),
            world)
        .run();
  }

  /** A small model trained on a simulation that starts a year before {@link #T0}. */
  static LeadModelArtifact train(final String version, final long seed) {
    return train(version, seed, false);
  }

  /**
   * A small model as {@link #train(String, long)}; with {@code inverted} labels it learns the
   * opposite of the truth (a champion any sane challenger beats).
   */
  static LeadModelArtifact train(final String version, final long seed, final boolean inverted) {
    return train(version, seed, inverted, 250);
  }

  /** As {@link #train(String, long, boolean)}, on a simulation of {@code leads} leads. */
  static LeadModelArtifact train(
      final String version, final long seed, final boolean inverted, final int leads) {
    final LeadSimulator.Simulation sim = simulate(seed, leads, T0.minus(Duration.ofDays(400)));
    final List<io.midcoast.ml.lead.LeadExample> examples =
        inverted
            ? sim.examples().stream()
                .map(e -> e.labelled() ? e.withLabel(1 - e.label()) : e)
                .toList()
            : sim.examples();
    return LeadTrainer.train(
            examples,
            LeadTrainer.Config.defaults(version).withTrainedAt(T0.minus(Duration.ofDays(5))))
        .artifact();
  }

  static ModelRecord record(
      final LeadModelArtifact artifact, final ModelStage stage, final Instant createdAt) {
    return ModelRecord.newBuilder()
        .setModelId(LeadModelContract.MODEL_ID)
        .setVersion(artifact.version())
        .setStage(stage)
        .setKind(LeadModelArtifact.KIND)
        .setCreatedAt(createdAt)
        .setStageReason("published by the test")
        .setMetadataJson(artifact.metadataJson())
        .setPayload(ByteBuffer.wrap(artifact.payload()))
        .build();
  }

  static List<LeadEvent> list(final LeadEvent... all) {
    return new ArrayList<>(List.of(all));
  }
}
