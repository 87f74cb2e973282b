package io.midcoast.bench;

import io.midcoast.embedded.Stack;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadModelArtifact;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.ml.lead.LeadTrainer;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.leads.LeadTopology;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.LeadMonitor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Lead scoring under load: lead event on {@code feeds.lead.event} → score on {@code leads.score},
 * and the time a newly published model takes to score. The lead topology ({@code
 * LeadTopology.topology(counters, LeadMonitor.none())}, exactly_once_v2 by default) runs in-process
 * against a broker of its own.
 *
 * <p><b>Load.</b> {@link LeadSimulator} events (seed {@code --seed}, enough leads for the run),
 * shifted so that the whole simulation ends one day before the run: every occurredAt is in the
 * past, so none is a {@code DATE_IN_FUTURE} dead letter, and the events replay the simulation's 390
 * days in event-time order, compressed into the run (leads are created, score, close and get their
 * labels inside it: the steady-state work per event, label decisions included). They are sent at a
 * fixed {@code --rate} ({@link PacedLoad}, key = leadId, Kafka timestamp = wall clock at send). The
 * parse stage re-stamps records with occurredAt, so output timestamps cannot give the latency: the
 * driver keeps the send time of every eventId sent in the measured window and a read_committed
 * consumer of {@code leads.score} records receive time − send time of the output's {@code eventId}.
 * Every accepted event gets a score as of its time; a duplicate has none; the figures say how many
 * of the window's events were scored. The simulation's listing prices are written to {@code
 * leads.listing.price} before the load (the topology's own re-keying of {@code property.state} is
 * not exercised).
 *
 * <p><b>Model swaps.</b> Before the broker starts, {@code --swaps} + 1 models are trained with
 * {@link LeadTrainer} (defaults: AUTO, so boosted trees at this size) on examples of simulations of
 * their own ({@code --train-leads} leads each, other seeds). The first is published as CHAMPION
 * before the load starts; the others while it runs, evenly spread over the measured window, each a
 * {@code ModelRecord} request (CHALLENGER, then CHAMPION; createdAt = now) on {@code
 * ml.model.request}, which the topology's model-stage authority applies to {@code ml.model}. Swap
 * time = first {@code leads.score} record carrying the new modelVersion, received − publish
 * acknowledged.
 *
 * <p>Options: {@code --rate 300 --warmup-s 20 --duration-s 60 --seed 21 --leads N (default: enough
 * for the run) --listings 400 --train-leads 1000 --swaps 3 --commit-interval-ms MS
 * --processing-guarantee G --threads T}.
 */
public final class LeadLatencyBench {

  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);
  private static final double EVENTS_PER_LEAD_GUESS = 40;

  private LeadLatencyBench() {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        LatencyOptions.parse(argv, "seed", "leads", "listings", "train-leads", "swaps");
    final LatencyOptions options = LatencyOptions.of(args, 300);
    final long seed = args.longValue("seed", 21);
    final int listingCount = args.intValue("listings", 400);
    final int trainLeads = args.intValue("train-leads", 1_000);
    final int swaps = args.intValue("swaps", 3);

    final long needed =
        (long)
            Math.ceil(options.rate() * (options.warmupMs() + options.durationMs()) / 1000.0 * 1.05);
    final List<LeadSimulator.Listing> listings =
        LeadSimulator.syntheticListings(seed, listingCount);
    final Instant now = Instant.now();
    LeadSimulator.Simulation sim =
        simulate(
            seed,
            args.intValue("leads", (int) Math.max(100, needed / EVENTS_PER_LEAD_GUESS)),
            listings,
            now);
    while (sim.events().size() < needed && args.string("leads").isEmpty()) {
      final int more =
          (int) Math.ceil(sim.truths().size() * 1.1 * needed / Math.max(1, sim.events().size()));
      sim = simulate(seed, more, listings, now);
    }
    final List<LeadEvent> events = sim.events();
    Report.note(
        String.format(
            Locale.ROOT,
            "simulation: %d leads, %d events (%d needed), %d listings, event time %s → %s",
            sim.truths().size(),
            events.size(),
            needed,
            listingCount,
            sim.config().start(),
            sim.end()));
    if (events.size() < needed) {
      Report.note("too few events for the run: the load stops sending when they run out");
    }

    final List<LeadModelArtifact> models = new ArrayList<>();
    for (int v = 1; v <= swaps + 1; v++) {
      final LeadSimulator.Simulation history = simulate(seed + 100 + v, trainLeads, listings, now);
      final long t0 = System.nanoTime();
      final LeadTrainer.Result result =
          LeadTrainer.train(
              history.examples(),
              LeadTrainer.Config.defaults("bench-" + v).withDecidedBefore(history.end()));
      models.add(result.artifact());
      Report.note(
          String.format(
              Locale.ROOT,
              "trained %s on %d examples in %.1f s (holdout AUC %.3f, payload %d bytes)",
              result.artifact().version(),
              result.train().size(),
              (System.nanoTime() - t0) / 1e9,
              result.holdoutMetrics().auc(),
              result.artifact().payload().length));
    }

    try (Stack stack = BenchCluster.startBroker()) {
      final String bootstrap = stack.bootstrapServers();
      final KafkaSettings settings = options.streamsSettings(bootstrap, "bench-leads-");
      Report.note("leads settings: " + settings);
      final InMemoryStageCounters counters = new InMemoryStageCounters();
      final KafkaStreams streams =
          new KafkaStreams(
              LeadTopology.topology(counters, LeadMonitor.none()),
              settings.streamsProperties(counters));
      final ScoreRecorder scores = new ScoreRecorder(bootstrap);
      final LatencyRecorder recorder = scores.recorder();
      Thread receiving = null;
      try (KafkaProducer<String, byte[]> control =
          new KafkaProducer<>(BenchCluster.producerConfig(bootstrap, "bench-leads-control"))) {
        publishPrices(bootstrap, listings);
        streams.start();
        BenchCluster.awaitRunning(streams);
        receiving = recorder.start();
        final long firstAck = publish(control, models.get(0));
        Report.note("published " + models.get(0).version() + " (initial champion)");

        final long begin = System.currentTimeMillis();
        final long measureFrom = begin + options.warmupMs();
        final long measureTo = measureFrom + options.durationMs();
        final List<Swap> swapResults = new ArrayList<>();
        final Thread swapper =
            new Thread(
                () -> {
                  for (int k = 1; k <= swaps; k++) {
                    final long at = measureFrom + options.durationMs() * k / (swaps + 1);
                    try {
                      sleepUntil(at);
                      final long sentAt = System.currentTimeMillis();
                      final long ackAt = publish(control, models.get(k));
                      synchronized (swapResults) {
                        swapResults.add(new Swap(models.get(k).version(), sentAt, ackAt));
                      }
                    } catch (final InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                },
                "bench-leads-swapper");
        swapper.start();

        final Serializer<String> text = new StringSerializer();
        final String topic = Topics.LEAD_EVENT.name();
        final PacedLoad.Result load =
            PacedLoad.run(
                bootstrap,
                "bench-leads-feed",
                options.rate(),
                measureFrom,
                measureTo,
                (i, sentAt) -> {
                  final LeadEvent e = events.get((int) Math.min(i, events.size() - 1));
                  if (sentAt >= measureFrom && i < events.size()) {
                    scores.sent(e.eventId(), sentAt);
                  }
                  return new ProducerRecord<>(
                      topic, null, sentAt, e.leadId(), text.serialize(topic, e.toJson()));
                });
        swapper.join(SWAP_TIMEOUT.toMillis());
        final boolean drained = recorder.awaitQuiet(QUIET, DRAIN_TIMEOUT);

        Report.figure(
            "leads_setup",
            "%s; %d leads, %d listings, seed %d",
            options.setup("events", settings),
            sim.truths().size(),
            listingCount,
            seed);
        Report.figure("leads_cpu", "%s", load.cpu());
        final long scored = recorder.received();
        Report.figure(
            "leads_events",
            "sent %d in the window (%d sends >100 ms late), %d in all; %d of the window's events"
                + " scored (%.1f%%), the rest were duplicates or not received; %d"
                + " leads.score records in all",
            load.inWindow(),
            load.lateSends(),
            load.sent(),
            scored,
            load.inWindow() == 0 ? 0.0 : 100.0 * scored / load.inWindow(),
            recorder.seen());
        Report.figure(
            "leads_stages",
            "parse in %d, dead letters %d (DATE_IN_FUTURE %d); lead stage in %d, duplicates"
                + " dropped %d",
            counters.in("leads-parse"),
            counters.deadLetters("leads-parse"),
            counters.deadLetters("leads-parse", "DATE_IN_FUTURE"),
            counters.in("leads"),
            counters.drops("leads", "DUPLICATE"));
        Report.figure(
            "leads_drain",
            "last score of the window %.1f s after the window closed%s",
            Math.max(0, recorder.lastReceivedAt() - measureTo) / 1000.0,
            drained ? "" : " (NOT drained: timed out)");
        Report.figure(
            "leads_latency_ms",
            "%s (n=%d)",
            recorder.percentiles(),
            recorder.histogram().getTotalCount());
        Report.figure(
            "leads_model_initial",
            "%s: first score %d ms after the publish ack (published before the load)",
            models.get(0).version(),
            scores.firstSeen(models.get(0).version()).map(t -> t - firstAck).orElse(-1L));
        synchronized (swapResults) {
          for (final Swap s : swapResults) {
            final Optional<Long> first = scores.firstSeen(s.version());
            Report.figure(
                "leads_model_swap",
                "%s: publish acked in %d ms; first score with it %s",
                s.version(),
                s.ackAt() - s.sentAt(),
                first
                    .map(
                        t ->
                            String.format(
                                Locale.ROOT,
                                "%d ms after the ack (%d ms after the send)",
                                t - s.ackAt(),
                                t - s.sentAt()))
                    .orElse("NOT seen"));
          }
        }
      } finally {
        BenchCluster.tearDown(recorder, receiving, streams, settings.stateDir());
      }
    }
  }

  /** A published swap: version, publish sent and acknowledged (wall-clock ms). */
  private record Swap(String version, long sentAt, long ackAt) {}

  private static LeadSimulator.Simulation simulate(
      final long seed,
      final int leads,
      final List<LeadSimulator.Listing> listings,
      final Instant now) {
    final List<String> agents =
        IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format(Locale.ROOT, "agent-%02d", i))
            .toList();
    final LeadSimulator.Config shape =
        LeadSimulator.Config.of(seed, Instant.EPOCH, leads, agents, listings);
    final Instant start =
        now.minus(Duration.ofDays(1)).minus(Duration.between(Instant.EPOCH, shape.end()));
    return new LeadSimulator(LeadSimulator.Config.of(seed, start, leads, agents, listings)).run();
  }

  private static void publishPrices(
      final String bootstrap, final List<LeadSimulator.Listing> listings) {
    final Properties config = BenchCluster.producerConfig(bootstrap, "bench-leads-prices");
    final Serializer<Long> cents = new LongSerializer();
    final String topic = Topics.LEADS_LISTING_PRICE.name();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (final LeadSimulator.Listing l : listings) {
        producer.send(
            new ProducerRecord<>(topic, l.listingKey(), cents.serialize(topic, l.priceCents())));
      }
      producer.flush();
    }
  }

  /**
   * Asks the model-stage authority ({@code ml.model.request}) to publish {@code model} and then to
   * make it CHAMPION, and returns the wall clock (ms) of the second request's ack. (The first model
   * is champion at once: there is none; its promotion request is then refused as already done.)
   */
  private static long publish(
      final KafkaProducer<String, byte[]> producer, final LeadModelArtifact model)
      throws InterruptedException {
    final String topic = Topics.ML_MODEL_REQUEST.name();
    final ModelRecord challenger =
        ModelRecord.newBuilder()
            .setModelId(LeadModelContract.MODEL_ID)
            .setVersion(model.version())
            .setStage(ModelStage.CHALLENGER)
            .setKind(LeadModelArtifact.KIND)
            .setCreatedAt(Instant.now())
            .setStageReason("published by LeadLatencyBench")
            .setMetadataJson(model.metadataJson())
            .setPayload(ByteBuffer.wrap(model.payload()))
            .build();
    final ModelRecord champion =
        ModelRecord.newBuilder(challenger)
            .setStage(ModelStage.CHAMPION)
            .setStageReason("promoted by LeadLatencyBench")
            .setPayload(ByteBuffer.allocate(0))
            .build();
    final String key = LeadModelContract.MODEL_ID + ":" + model.version();
    try {
      for (final ModelRecord request : List.of(challenger, champion)) {
        producer
            .send(
                new ProducerRecord<>(
                    topic,
                    key,
                    Topics.ML_MODEL_REQUEST.valueSerde().serializer().serialize(topic, request)))
            .get(30, TimeUnit.SECONDS);
      }
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing " + model.version() + " failed", e);
    }
    return System.currentTimeMillis();
  }

  private static void sleepUntil(final long wallMs) throws InterruptedException {
    long wait;
    while ((wait = wallMs - System.currentTimeMillis()) > 0) {
      Thread.sleep(Math.min(wait, 100));
    }
  }

  /**
   * Reads {@code leads.score} with a {@link LatencyRecorder}: for each record, receive time − send
   * time of its eventId when that event was sent in the window (first score of an event only), and
   * the first receive time of every modelVersion.
   */
  private static final class ScoreRecorder {

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Deserializer<LeadScoreUpdate> values =
        Topics.LEADS_SCORE.valueSerde().deserializer();
    private final LatencyRecorder recorder;

    ScoreRecorder(final String bootstrap) {
      recorder =
          new LatencyRecorder(bootstrap, Topics.LEADS_SCORE, "bench-leads-scores", this::sendTime);
    }

    private long sendTime(final ConsumerRecord<String, byte[]> record, final long receivedAt) {
      final LeadScoreUpdate update = values.deserialize(record.topic(), record.value());
      firstSeen.putIfAbsent(update.getModelVersion(), receivedAt);
      final Long sent = update.getEventId() == null ? null : sentAt.remove(update.getEventId());
      return sent == null ? LatencyRecorder.NOT_MEASURED : sent;
    }

    /** An event of the window was sent at {@code wallMs} (a duplicate keeps the first send). */
    void sent(final String eventId, final long wallMs) {
      sentAt.putIfAbsent(eventId, wallMs);
    }

    Optional<Long> firstSeen(final String version) {
      return Optional.ofNullable(firstSeen.get(version));
    }

    LatencyRecorder recorder() {
      return recorder;
    }
  }
}
