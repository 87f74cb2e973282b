package io.midcoast.serving.leads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.midcoast.ml.lead.ClassificationMetrics;
import io.midcoast.ml.lead.LeadModelArtifact;
import io.midcoast.ml.lead.LeadTrainer;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead trainer loop: a read_committed consumer of {@code leads.example}, assigned every
 * partition and reading from the start (the topic is compacted: the latest version of each example
 * is rebuilt at every start, so no offsets are committed), keeps the labelled examples in an {@link
 * ExampleBuffer}; every {@link LeadTrainerSettings#checkInterval()}, when at least {@link
 * LeadTrainerSettings#minNewLabelled()} new labelled examples arrived and at least {@link
 * LeadTrainerSettings#minLabelled()} are held, it trains a model with {@link LeadTrainer} (time
 * ordered holdout) and asks the model-stage authority ({@code ml.model.request}) to publish it:
 * version = the greatest published version + 1, as the CHALLENGER of the champion or, before the
 * first promotion, of the rules (older challengers are retired); it becomes champion only when the
 * evaluation finds it beats both. The metadata carries the provenance and the holdout metrics.
 *
 * <p>Any number of instances may run the loop: every one keeps its buffer current, and only the
 * leader of the {@link TrainerElection} trains and publishes (a follower counts new examples from
 * the moment it becomes leader, so a new leader does not retrain at once).
 */
public final class LeadTrainerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeadTrainerLoop.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ELECTION_POLL = Duration.ofMillis(50);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

  private final LeadTrainerSettings settings;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ModelTopic models;
  private final Clock clock;
  private Optional<Instant> seatLogged = Optional.empty();
  private final ExampleBuffer buffer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Counter published;
  private final Counter failed;
  private final Thread thread;
  private final Supplier<TrainerElection> elections;
  private volatile int labelledGauge;
  private volatile boolean leaderGauge;

  private LeadTrainerLoop(
      final LeadTrainerSettings settings,
      final Map<String, Object> consumerConfig,
      final ModelTopic models,
      final Supplier<TrainerElection> elections,
      final MeterRegistry metrics,
      final Clock clock) {
    this.settings = settings;
    this.elections = elections;
    this.consumer = new KafkaConsumer<>(consumerConfig);
    this.models = models;
    this.clock = clock;
    this.buffer = new ExampleBuffer(LeadModelContract.FEATURE_SCHEMA, settings.maxExamples());
    this.published =
        Counter.builder("midcoast_lead_trainer_models")
            .description("Lead models the trainer loop published")
            .register(metrics);
    this.failed =
        Counter.builder("midcoast_lead_trainer_failures")
            .description("Training rounds that published nothing (too few examples, errors)")
            .register(metrics);
    Gauge.builder("midcoast_lead_trainer_labelled_examples", this, l -> l.labelledGauge)
        .description("Labelled lead examples the trainer holds")
        .register(metrics);
    Gauge.builder("midcoast_lead_trainer_leader", this, l -> l.leaderGauge ? 1 : 0)
        .description("1 when this instance is the one that trains lead models")
        .register(metrics);
    this.thread = new Thread(this::run, "midcoast-lead-trainer");
    thread.setDaemon(true);
  }

  /**
   * A loop with the connection settings of the application's Streams configuration; nothing runs
   * until {@link #start()} (or {@link #trainOnce()}).
   *
   * @param clientId the application id: prefix of the client ids and of the election's group
   * @param models the {@code ml.model} clients (not closed by the loop)
   */
  public static LeadTrainerLoop create(
      final KafkaSettings kafka,
      final String clientId,
      final LeadTrainerSettings settings,
      final ModelTopic models,
      final MeterRegistry metrics,
      final Clock clock) {
    return new LeadTrainerLoop(
        settings,
        ModelTopic.readerConfig(kafka, clientId + "-lead-trainer"),
        models,
        () -> TrainerElection.create(kafka, clientId, Topics.ML_MODEL.name()),
        metrics,
        clock);
  }

  /** Starts the loop on its own daemon thread. */
  public void start() {
    thread.start();
  }

  /**
   * One round for the CLI: reads {@code leads.example} up to its current end, then trains and
   * publishes if at least {@link LeadTrainerSettings#minLabelled()} labelled examples are held
   * (however many are new).
   *
   * @return the published model, or empty when there were too few examples
   */
  public Optional<ModelRecord> trainOnce() {
    final List<TopicPartition> partitions = assignFromStart();
    final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
    final long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!ModelTopic.caughtUp(consumer, end)) {
      if (System.nanoTime() > deadline) {
        throw new KafkaException("timed out reading " + Topics.LEADS_EXAMPLE.name());
      }
      poll();
    }
    LOG.info(
        "read {} labelled examples ({} with another feature layout skipped)",
        buffer.labelled(),
        buffer.incompatible());
    if (buffer.labelled() < settings.minLabelled()) {
      LOG.warn(
          "{} labelled examples, {} needed ({}): nothing trained",
          buffer.labelled(),
          settings.minLabelled(),
          LeadTrainerSettings.MIN_LABELLED);
      return Optional.empty();
    }
    return trainAndPublish(() -> true);
  }

  private void run() {
    try (TrainerElection election = elections.get()) {
      assignFromStart();
      Instant lastCheck = clock.instant();
      while (!closed.get()) {
        poll();
        leaderGauge = election.poll(ELECTION_POLL);
        final Instant now = clock.instant();
        if (Duration.between(lastCheck, now).compareTo(settings.checkInterval()) >= 0) {
          lastCheck = now;
          if (!election.leader()) {
            buffer.trained(); // new examples count from the moment this instance leads
          } else if (settings.due(buffer.labelled(), buffer.newSinceTraining())
              && !challengerSeated()) {
            // re-polled before publishing: a seat lost while training (dropped from the group,
            // or this loop closing) is noticed then, and the model is not published
            trainAndPublish(() -> !closed.get() && election.poll(Duration.ZERO));
          }
        }
      }
    } catch (final WakeupException e) {
      if (!closed.get()) {
        LOG.error("lead trainer woken up unexpectedly", e);
      }
    } catch (final RuntimeException | LinkageError e) {
      LOG.error("lead trainer stopped", e);
    } finally {
      leaderGauge = false;
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /**
   * Whether the challenger keeps its seat ({@link ModelCatalog#challengerSeatedUntil}): the label
   * clock has not yet reached the time by which it could be judged. The loop then trains nothing;
   * {@code train-leads} (an operator's round) is not held back.
   */
  private boolean challengerSeated() {
    final Optional<Instant> until;
    try {
      until = models.read().challengerSeatedUntil(LeadModelArtifact.MODEL_ID);
    } catch (final KafkaException e) {
      return false; // trained, and the publication fails and is retried, as before
    }
    final Instant clock = buffer.clock().orElse(Instant.EPOCH);
    final boolean seated = until.isPresent() && clock.isBefore(until.get());
    if (seated && !until.equals(seatLogged)) {
      LOG.info(
          "lead model challenger keeps its seat until the label clock reaches {} (now {}): not"
              + " training",
          until.get(),
          clock);
    }
    seatLogged = seated ? until : Optional.empty();
    return seated;
  }

  private List<TopicPartition> assignFromStart() {
    final List<TopicPartition> partitions =
        ModelTopic.partitions(consumer, Topics.LEADS_EXAMPLE.name(), KAFKA_TIMEOUT);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private void poll() {
    for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
      final String key =
          Topics.LEADS_EXAMPLE.keySerde().deserializer().deserialize(r.topic(), r.key());
      if (key == null) {
        continue;
      }
      final LeadTrainingExample value =
          r.value() == null
              ? null
              : Topics.LEADS_EXAMPLE.valueSerde().deserializer().deserialize(r.topic(), r.value());
      buffer.apply(key, value);
    }
    labelledGauge = buffer.labelled();
  }

  /** Trains; publishes unless {@code stillLeader} says another instance took over meanwhile. */
  private Optional<ModelRecord> trainAndPublish(final BooleanSupplier stillLeader) {
    final int newExamples = buffer.newSinceTraining();
    try {
      final ModelCatalog catalog = models.read();
      final String version = catalog.nextVersion(LeadModelArtifact.MODEL_ID);
      final Instant now = clock.instant();
      final LeadTrainer.Config config =
          LeadTrainer.Config.defaults(version)
              .withTrainedAt(now)
              .withDecidedBefore(decidedBefore(buffer.clock().orElse(Instant.EPOCH)));
      final LeadTrainer.Result result = LeadTrainer.train(buffer.examples(), config);
      final LeadModelArtifact artifact = result.artifact();
      final ModelRecord model =
          ModelRecord.newBuilder()
              .setModelId(artifact.modelId())
              .setVersion(artifact.version())
              .setStage(ModelStage.UNKNOWN)
              .setKind(LeadModelArtifact.KIND)
              // publication time (training takes seconds): what "time to take effect" starts from
              .setCreatedAt(clock.instant())
              .setMetadataJson(artifact.metadataJson())
              .setPayload(ByteBuffer.wrap(artifact.payload()))
              .build();
      final List<ModelRecord> records = catalog.publication(model, now);
      if (!stillLeader.getAsBoolean()) {
        LOG.info("lead model {} not published: another instance trains now", version);
        return Optional.empty();
      }
      models.publish(records);
      buffer.trained();
      published.increment();
      final ClassificationMetrics m = result.holdoutMetrics();
      LOG.info(
          "trained lead model {} on {} examples ({} new), holdout {}: AUC {} log loss {} ECE {};"
              + " published as {}",
          ModelCatalog.key(artifact.modelId(), version),
          result.train().size(),
          newExamples,
          result.holdout().size(),
          String.format("%.4f", m.auc()),
          String.format("%.4f", m.logLoss()),
          String.format("%.4f", m.ece()),
          records.get(0).getStage());
      return Optional.of(records.get(0));
    } catch (final IllegalArgumentException | KafkaException e) {
      // tried again at the next check: outcomes keep arriving, and Kafka may come back
      failed.increment();
      LOG.info("lead model training round published nothing: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Up to when outcomes are complete: the examples' event-time clock less {@link
   * LeadModelContract#LABEL_GRACE} (a label decided by expiry may still be re-decided by a late
   * status change during the grace; partitions' clocks differ a little). The trainer drops examples
   * newer than this minus the 90-day horizon: only positives would be known for them (a win is
   * known at once, a non-win only after 90 days), and training on them would inflate every
   * probability.
   */
  static Instant decidedBefore(final Instant clock) {
    return clock.minus(LeadModelContract.LABEL_GRACE);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (thread.isAlive()) {
        consumer.wakeup();
        try {
          thread.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      }
    }
  }
}
