package io.midcoast.bench;

import io.midcoast.embedded.Await;
import io.midcoast.embedded.Stack;
import io.midcoast.ml.price.PriceModel;
import io.midcoast.topology.analytics.EstimateTopology;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.ingest.IngestTopology;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What every driver shares: a broker of its own, the feed producer, the app's topologies (ingest,
 * estimates) in-process.
 */
final class BenchCluster {

  private static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(120);

  private BenchCluster() {}

  /** A KRaft broker with the topic catalogue (3 partitions each), free ports, temporary dir. */
  static Stack startBroker() {
    final Stack stack =
        Stack.builder()
            .withPostgres(false)
            .withConnect(false)
            .progress(step -> Report.note("started " + step))
            .start();
    return stack;
  }

  /** The feed producer: acks=all, idempotent, otherwise client defaults (no compression). */
  static Properties producerConfig(final String bootstrapServers, final String clientId) {
    final Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }

  /** A consumer that sees only committed transactions, values left as bytes (not decoded). */
  static Properties readCommittedConsumerConfig(
      final String bootstrapServers, final String clientId) {
    final Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return config;
  }

  /**
   * The app's Streams settings (any topology), as the app reads them (defaults: exactly_once_v2,
   * one stream thread, commit interval 100 ms under EOS) with a fresh application id and state
   * directory.
   *
   * @param commitIntervalMs a commit interval, or empty for the default
   * @param processingGuarantee a guarantee, or empty for the default (exactly_once_v2)
   * @param streamThreads stream threads, or empty for the default (1)
   */
  static KafkaSettings streamsSettings(
      final String bootstrapServers,
      final String applicationId,
      final Optional<Long> commitIntervalMs,
      final Optional<String> processingGuarantee,
      final Optional<Integer> streamThreads) {
    final Path stateDir;
    try {
      stateDir = Files.createTempDirectory("midcoast-bench-state-");
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    final Properties props = new Properties();
    props.setProperty(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
    props.setProperty(KafkaSettings.APPLICATION_ID, applicationId);
    props.setProperty(KafkaSettings.STATE_DIR, stateDir.toString());
    commitIntervalMs.ifPresent(
        ms -> props.setProperty(KafkaSettings.COMMIT_INTERVAL_MS, Long.toString(ms)));
    processingGuarantee.ifPresent(g -> props.setProperty(KafkaSettings.PROCESSING_GUARANTEE, g));
    streamThreads.ifPresent(
        t -> props.setProperty(KafkaSettings.NUM_STREAM_THREADS, Integer.toString(t)));
    return KafkaSettings.from(ConfigSource.of(props, Map.of()));
  }

  /** Builds the ingest topology as the app does (IngestTopology + KafkaSettings), not started. */
  static KafkaStreams ingestStreams(
      final KafkaSettings settings, final InMemoryStageCounters counters) {
    return new KafkaStreams(
        IngestTopology.topology(counters), settings.streamsProperties(counters));
  }

  /**
   * Builds the estimates topology as the app does ({@code EstimateTopology.topology(counters,
   * model)} + KafkaSettings), not started. Its input is {@code property.state}.
   */
  static KafkaStreams estimateStreams(
      final KafkaSettings settings, final InMemoryStageCounters counters, final PriceModel model) {
    return new KafkaStreams(
        EstimateTopology.topology(counters, model), settings.streamsProperties(counters));
  }

  /** Waits until {@code streams} is RUNNING (bounded); fails if it errors. */
  static void awaitRunning(final KafkaStreams streams) {
    Await.until(
        "Kafka Streams RUNNING",
        STREAMS_START_TIMEOUT,
        () -> {
          final KafkaStreams.State state = streams.state();
          if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            throw new Await.Abort("Kafka Streams is " + state);
          }
          return state == KafkaStreams.State.RUNNING;
        });
  }

  /**
   * The end of a latency run: stops the recorder, waits for its thread, closes the app and deletes
   * its state directory.
   */
  static void tearDown(
      final LatencyRecorder recorder,
      final Thread receiving,
      final org.apache.kafka.streams.KafkaStreams streams,
      final String stateDir)
      throws InterruptedException {
    recorder.stop();
    if (receiving != null) {
      receiving.join(10_000);
    }
    streams.close(java.time.Duration.ofSeconds(30));
    deleteQuietly(stateDir);
  }

  /** Deletes a state directory after the app closed. */
  static void deleteQuietly(final String stateDir) {
    try (var paths = Files.walk(Path.of(stateDir))) {
      paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(f -> f.delete());
    } catch (final IOException e) {
      Report.note("cannot delete " + stateDir + ": " + e.getMessage());
    }
  }
}
