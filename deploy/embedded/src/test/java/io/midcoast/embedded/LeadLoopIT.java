package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The lead model loop on the real stack, unattended: simulated lead events → scores served over
 * HTTP by the rule-based fallback → training examples labelled on leads.example → the app's trainer
 * loop publishes model 1 as champion → new scores carry version 1 → a later model is a challenger
 * at /api/v1/models → an operator's promote makes a version champion → scores carry it → the lead
 * tables in Postgres hold the rows. Prints the figures: time from a model's publication (or
 * promotion) to the first score with it, and event → score latency under a steady load.
 */
@Tag("integration")
@Timeout(value = 9, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadLoopIT {

  private static final Duration WAIT = Duration.ofSeconds(200);
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String APP_ID = "it-leads-" + RUN_ID;
  private static final String FALLBACK_MODEL = "midcoast-lead-rules";
  private static final Instant START = Instant.parse("2021-01-04T00:00:00Z");
  private static final int LEADS = 800;

  /** Pace of the background events ({@code -Dleads.it.rate=N} to measure another load). */
  private static final double EVENTS_PER_SECOND =
      Double.parseDouble(System.getProperty("leads.it.rate", "400"));

  private Stack stack;
  private Probe probe;
  private LeadSimulator.Simulation simulation;
  private KafkaProducer<String, byte[]> producer;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Wall-clock nanos at which each paced event id was sent (the burst is not timed). */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  /** Event → score latencies (ms) of the scores tailed from leads.score, in arrival order. */
  private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());

  /** Events sent by the pacer. */
  private final java.util.concurrent.atomic.AtomicLong paced =
      new java.util.concurrent.atomic.AtomicLong();

  /** Wall-clock millis at which the first score of each model version was read. */
  private final Map<String, Long> firstScoreOf = new ConcurrentHashMap<>();

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicBoolean stopPacing = new AtomicBoolean();
  private Thread tail;
  private Thread pacer;

  @BeforeAll
  void startStack() {
    stack =
        Stack.builder()
            .dataDir(java.nio.file.Path.of("target", "it-data", APP_ID).toAbsolutePath())
            .connectGroupId("it-connect-" + RUN_ID)
            .applicationId(APP_ID)
            .start();
    stack.startApp(
        s ->
            s.withEnvironment("MIDCOAST_LEADS_TRAINER_ENABLED", "true")
                .withEnvironment("MIDCOAST_LEADS_TRAINER_MIN_LABELLED", "4000")
                .withEnvironment("MIDCOAST_LEADS_TRAINER_MIN_NEW_LABELLED", "8000")
                .withEnvironment("MIDCOAST_LEADS_TRAINER_CHECK_INTERVAL_MS", "500"));
    probe = new Probe(stack, APP_ID);
    producer = new KafkaProducer<>(AmesFeed.producerConfig(stack.bootstrapServers()));
    simulation = LeadFeed.simulate(7, START, LEADS, LeadFeed.amesListings(AmesFeed.load()));
    tail = new Thread(this::tailScores, "it-leads-score-tail");
    tail.setDaemon(true);
    tail.start();
  }

  @AfterAll
  void stopStack() throws Exception {
    stop.set(true);
    for (final Thread t : new Thread[] {pacer, tail}) {
      if (t != null) {
        t.join(10_000);
      }
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldServeFallbackScoresBeforeAnyModelExists() {
    // the first 20 days: no outcome can be known yet, so nothing to train on
    final List<LeadEvent> early =
        simulation.events().stream()
            .filter(e -> e.occurredAt().isBefore(START.plus(Duration.ofDays(20))))
            .toList();
    send(early, false);
    producer.flush();
    final String leadId = early.get(0).leadId();

    final JsonNode lead =
        Await.value(
            "a score of " + leadId,
            WAIT,
            () -> {
              final var response = probe.get("/api/v1/leads/" + leadId);
              return response.statusCode() == 200
                  ? Optional.of(Probe.JSON.readTree(response.body()))
                  : Optional.empty();
            });
    assertThat(lead.at("/score/modelId").asText()).isEqualTo(FALLBACK_MODEL);
    assertThat(lead.at("/score/fallback").asBoolean()).isTrue();
    assertThat(lead.at("/score/probability").asDouble()).isBetween(0.0, 1.0);
    assertThat(lead.at("/score/factors").size()).isPositive();
    assertThat(lead.at("/profile/leadId").asText()).isEqualTo(leadId);
    final JsonNode page = probe.getJson("/api/v1/leads?minScore=0&limit=5");
    assertThat(page.get("items")).isNotEmpty();
    assertThat(probe.getJson("/api/v1/models").get("items")).isEmpty();

    // the rest of the simulation at a steady pace, in the background
    final List<LeadEvent> rest =
        simulation.events().subList(early.size(), simulation.events().size());
    pacer = new Thread(() -> pace(rest), "it-leads-pacer");
    pacer.setDaemon(true);
    pacer.start();
  }

  @Test
  @Order(2)
  void shouldTrainAndPublishTheFirstModelAsTheChallengerOfTheRules() {
    final JsonNode first = Await.value("model 1 at /api/v1/models", WAIT, () -> model("1"));
    // a model becomes champion only by beating the rules (or by an operator's promote)
    assertThat(modelRecords("1").get(0).getStage()).isEqualTo(ModelStage.CHALLENGER);
    assertThat(modelRecords("1").get(0).getStageReason())
        .startsWith("published: shadows the rules (no champion yet)");
    // better than chance only: the first model's holdout is a few hundred examples taken at
    // whatever moment the trainer saw 4,000 labelled ones (AUC 0.57–0.80 across runs); model
    // quality is pinned by the seeded LeadModelEndToEndTest and LeadModelEvaluation
    System.out.println("FIGURE model 1 metrics: " + first.get("metrics"));
    assertThat(first.at("/metrics/auc").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(first.at("/metrics/logLoss").asDouble()).isPositive();
    assertThat(first.get("trainExamples").asInt()).isGreaterThanOrEqualTo(1_000);
    // trained only on examples whose outcome is complete: not inflated by early wins
    assertThat(first.at("/metrics/positives").asDouble() / first.at("/metrics/examples").asDouble())
        .isLessThan(0.5);
    assertThat(first.has("payload")).isFalse();
    final Instant published = modelRecord("1").getCreatedAt();

    // the rules keep scoring, with model 1's probability in shadow
    final long firstShadow =
        Await.value(
            "a score with model 1 in shadow",
            WAIT,
            () -> Optional.ofNullable(firstScoreOf.get("shadow:midcoast-lead:1")));
    System.out.printf(
        "FIGURE model 1 published at %s; first score with it in shadow read %d ms later%n",
        published, firstShadow - published.toEpochMilli());
  }

  @Test
  @Order(3)
  void shouldShowALaterModelAsChallengerAndPromoteOnOperatorCommand() throws Exception {
    final JsonNode later = Await.value("a second model at /api/v1/models", WAIT, () -> model("2"));
    System.out.println(
        "FIGURE models: "
            + probe
                .getJson("/api/v1/models")
                .get("items")
                .toString()
                .replaceAll("\"payloadSha256\":\"[0-9a-f]+\",?", ""));
    assertThat(later.get("stage").asText()).isIn("CHALLENGER", "CHAMPION", "RETIRED");
    // the shadow score rides along once a challenger is loaded
    Await.until(
        "a score with a challenger's shadow score",
        WAIT,
        () ->
            StreamSupport.stream(
                    probe.getJson("/api/v1/leads?limit=500").get("items").spliterator(), false)
                .anyMatch(s -> s.hasNonNull("challengerVersion")));

    // no more paced events: with enough new examples the trainer would publish a model 3, which
    // retires challenger 2 and may promote itself while the operator's promote is checked
    stopPacing.set(true);
    pacer.join(30_000);

    // promote whichever of 1 and 2 is not the champion now; the topology may promote 2 between
    // the read and the POST (then the POST is a 409 and the choice is made again)
    String target = null;
    HttpResponse<String> response = null;
    long promotedAt = 0;
    for (int attempt = 0; attempt < 3 && (response == null || response.statusCode() == 409); ) {
      attempt++;
      target = model("2").orElseThrow().get("stage").asText().equals("CHAMPION") ? "1" : "2";
      promotedAt = System.currentTimeMillis();
      response = post("/api/v1/models/midcoast-lead/" + target + "/promote");
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    final String promoted = target;
    final String other = promoted.equals("1") ? "2" : "1";
    assertThat(Probe.JSON.readTree(response.body()).get("stage").asText()).isEqualTo("CHAMPION");
    Await.until(
        "model " + promoted + " champion",
        WAIT,
        () -> model(promoted).orElseThrow().get("stage").asText().equals("CHAMPION"));
    assertThat(model(other).orElseThrow().get("stage").asText()).isNotEqualTo("CHAMPION");
    assertThat(post("/api/v1/models/midcoast-lead/" + promoted + "/promote").statusCode())
        .isEqualTo(409);
    assertThat(post("/api/v1/models/midcoast-lead/999/promote").statusCode()).isEqualTo(404);

    // scores carry the promoted version (more events if the paced feed is over)
    firstScoreOf.remove("midcoast-lead:" + promoted);
    if (!pacer.isAlive()) {
      send(tailEvents(8, 200), false);
      producer.flush();
    }
    final long firstScore =
        Await.value(
            "a score by the promoted model " + promoted,
            WAIT,
            () -> Optional.ofNullable(firstScoreOf.get("midcoast-lead:" + promoted)));
    System.out.printf(
        "FIGURE promote of model %s answered; first score with it read %d ms after the POST%n",
        promoted, firstScore - promotedAt);
  }

  @Test
  @Order(4)
  void shouldSinkProfilesCurrentScoresAndTheScoreHistoryToPostgres() throws Exception {
    Await.until(
        "lead rows in Postgres",
        WAIT,
        () ->
            count("SELECT count(*) FROM lead") > 0
                && count("SELECT count(*) FROM lead_score") > 0
                && count("SELECT count(*) FROM lead_score WHERE model_id = 'midcoast-lead'") > 0);
    assertThat(count("SELECT count(*) FROM lead_score_history"))
        .isGreaterThanOrEqualTo(count("SELECT count(*) FROM lead_score"));
    assertThat(
            count(
                "SELECT count(*) FROM lead_score_history WHERE model_id = '"
                    + FALLBACK_MODEL
                    + "'"))
        .isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM lead_score WHERE jsonb_array_length(factors) > 0"
                    + " AND probability BETWEEN 0 AND 1"))
        .isPositive();

    stop.set(true);
    pacer.join(30_000);
    final List<Double> all;
    synchronized (latencies) {
      all = new ArrayList<>(latencies);
    }
    assertThat(all).isNotEmpty();
    printLatency("all paced scores", all);
    printLatency("second half (steady state)", all.subList(all.size() / 2, all.size()));
  }

  private void printLatency(final String which, final List<Double> values) {
    final List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    System.out.printf(
        "FIGURE event -> score latency at %.0f events/s, %s: n=%d p50=%.1f ms p99=%.1f ms"
            + " max=%.1f ms (%d events paced)%n",
        EVENTS_PER_SECOND,
        which,
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
        sorted.get(sorted.size() - 1),
        paced.get());
  }

  /** Sends events in order at {@link #EVENTS_PER_SECOND} until done or stopped. */
  private void pace(final List<LeadEvent> events) {
    final long start = System.nanoTime();
    for (int i = 0; i < events.size() && !stop.get() && !stopPacing.get(); i++) {
      final long due = start + (long) (i * 1e9 / EVENTS_PER_SECOND);
      final long wait = due - System.nanoTime();
      if (wait > 1_000_000) {
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(List.of(events.get(i)), true);
      paced.incrementAndGet();
    }
  }

  /** {@code leads} more leads of a later simulation, their first {@code days} days. */
  private List<LeadEvent> tailEvents(final long seed, final int leads) {
    final Instant start = simulation.end();
    return LeadFeed.simulate(seed, start, leads, LeadFeed.amesListings(AmesFeed.load()))
        .events()
        .stream()
        .filter(e -> e.occurredAt().isBefore(start.plus(Duration.ofDays(30))))
        .toList();
  }

  private void send(final List<LeadEvent> events, final boolean timed) {
    for (final LeadEvent e : events) {
      if (timed) {
        sentAt.put(e.eventId(), System.nanoTime());
      }
      producer.send(
          new ProducerRecord<>(
              Topics.LEAD_EVENT.name(), e.leadId(), e.toJson().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Reads leads.score (read_committed) from the start: first score per version, latencies. */
  private void tailScores() {
    final Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.LEADS_SCORE.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stop.get()) {
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          final long now = System.nanoTime();
          final long wall = System.currentTimeMillis();
          final LeadScoreUpdate score =
              Topics.LEADS_SCORE.valueSerde().deserializer().deserialize(r.topic(), r.value());
          firstScoreOf.putIfAbsent(score.getModelId() + ":" + score.getModelVersion(), wall);
          if (score.getChallengerVersion() != null) {
            firstScoreOf.putIfAbsent("shadow:midcoast-lead:" + score.getChallengerVersion(), wall);
          }
          final Long sent = score.getEventId() == null ? null : sentAt.get(score.getEventId());
          if (sent != null) {
            latencies.add((now - sent) / 1e6);
          }
        }
      }
    }
  }

  private Optional<JsonNode> model(final String version) {
    return StreamSupport.stream(probe.getJson("/api/v1/models").get("items").spliterator(), false)
        .filter(m -> m.get("version").asText().equals(version))
        .findFirst();
  }

  private ModelRecord modelRecord(final String version) {
    return probe.readAll(Topics.ML_MODEL).stream()
        .filter(r -> r.value() != null)
        .map(r -> Topics.ML_MODEL.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .filter(m -> m.getVersion().equals(version))
        .min(java.util.Comparator.comparing(ModelRecord::getCreatedAt))
        .orElseThrow();
  }

  /** The records of {@code version} on ml.model, in the order the authority wrote them. */
  private List<ModelRecord> modelRecords(final String version) {
    return probe.readAll(Topics.ML_MODEL).stream()
        .filter(r -> r.value() != null)
        .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
        .map(r -> Topics.ML_MODEL.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .filter(m -> m.getModelId().equals("midcoast-lead") && m.getVersion().equals(version))
        .toList();
  }

  private HttpResponse<String> post(final String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.appUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long count(final String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
