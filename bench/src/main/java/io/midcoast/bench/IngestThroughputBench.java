package io.midcoast.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.midcoast.embedded.AmesFeed;
import io.midcoast.embedded.Stack;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Ingest throughput: pre-loads {@code --records} synthetic RESO records into {@code
 * feeds.reso.property}, starts the ingest topology (exactly_once_v2 by default) with a fresh
 * application id and state directory, and times from {@code KafkaStreams.start()} until a
 * read_committed consumer of {@code property.state} has seen every one of the distinct propertyIds.
 * Each of {@code --runs} runs uses a fresh broker.
 *
 * <p>A first warm-up run (JIT) is reported but not counted.
 *
 * <p>Options: {@code --records 200000 --runs 3 --warmup-runs 1 --threads T --seed S
 * --commit-interval-ms MS --processing-guarantee exactly_once_v2|at_least_once}.
 */
public final class IngestThroughputBench {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private IngestThroughputBench() {}

  /** One run's result. */
  record Run(double seconds, double recordsPerSecond, double megabytesPerSecond) {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        Args.parse(
            argv,
            List.of(
                "records",
                "runs",
                "warmup-runs",
                "threads",
                "seed",
                "commit-interval-ms",
                "processing-guarantee"));
    final long records = args.longValue("records", 200_000);
    final int runs = args.intValue("runs", 3);
    final int warmupRuns = args.intValue("warmup-runs", 1);
    final Optional<Integer> threads = args.string("threads").map(Integer::parseInt);
    final SyntheticListings listings =
        new SyntheticListings(args.longValue("seed", SyntheticListings.DEFAULT_SEED));
    final Optional<Long> commitInterval = args.string("commit-interval-ms").map(Long::parseLong);
    final Optional<String> guarantee = args.string("processing-guarantee");

    final double amesMean = amesMeanBytes();
    Report.figure("ames_reso_record_mean_bytes", "%.1f", amesMean);
    final List<Run> results = new ArrayList<>();
    for (int run = 1 - warmupRuns; run <= runs; run++) {
      Report.note(run < 1 ? "warm-up run (JIT), not counted" : "run " + run + " of " + runs);
      final Run result = runOnce(run, records, listings, commitInterval, guarantee, threads);
      if (run >= 1) {
        results.add(result);
      }
    }
    Report.figure(
        "ingest_records_per_s",
        "%s",
        Report.spread(results.stream().map(Run::recordsPerSecond).toList(), "%.0f"));
    Report.figure(
        "ingest_mb_per_s",
        "%s",
        Report.spread(results.stream().map(Run::megabytesPerSecond).toList(), "%.2f"));
    Report.figure(
        "ingest_seconds", "%s", Report.spread(results.stream().map(Run::seconds).toList(), "%.1f"));
  }

  private static Run runOnce(
      final int run,
      final long records,
      final SyntheticListings listings,
      final Optional<Long> commitInterval,
      final Optional<String> guarantee,
      final Optional<Integer> threads)
      throws Exception {
    try (Stack stack = BenchCluster.startBroker()) {
      final long bytes = preload(stack.bootstrapServers(), records, listings);
      final double meanBytes = (double) bytes / records;
      Report.figure("synthetic_record_mean_bytes", "%.1f", meanBytes);

      final KafkaSettings settings =
          BenchCluster.streamsSettings(
              stack.bootstrapServers(),
              "bench-ingest-" + (run < 1 ? "warmup" : run) + "-" + System.currentTimeMillis(),
              commitInterval,
              guarantee,
              threads);
      Report.note("ingest settings: " + settings);
      final InMemoryStageCounters counters = new InMemoryStageCounters();
      final OutputCounter counter = new OutputCounter(stack.bootstrapServers(), records);
      final Thread counting = new Thread(counter, "bench-property-state-counter");
      counting.start();
      counter.awaitAssigned();

      final KafkaStreams streams = BenchCluster.ingestStreams(settings, counters);
      final CpuMeter cpu = CpuMeter.start();
      final long start = System.nanoTime();
      try {
        streams.start();
        final boolean done = counter.awaitAll(streams, RUN_TIMEOUT);
        final double seconds = (counter.lastNanos() - start) / 1e9;
        final String cpuSummary = cpu.summary();
        if (!done) {
          throw new IllegalStateException(
              "only "
                  + counter.distinct()
                  + " of "
                  + records
                  + " propertyIds after "
                  + RUN_TIMEOUT
                  + "; dead letters: "
                  + counter.deadLetters()
                  + ", counters: "
                  + counters);
        }
        final double firstOutput = (counter.firstNanos() - start) / 1e9;
        final Run result = new Run(seconds, records / seconds, bytes / seconds / 1_000_000.0);
        Report.figure(
            (run < 1 ? "warm-up run" : "run " + run),
            "%d records in %.2f s = %.0f records/s, %.2f MB/s (first output after %.2f s;"
                + " %d dead letters; %s)",
            records,
            seconds,
            result.recordsPerSecond(),
            result.megabytesPerSecond(),
            firstOutput,
            counter.deadLetters(),
            cpuSummary);
        return result;
      } finally {
        counter.stop();
        counting.join(10_000);
        streams.close(Duration.ofSeconds(30));
        BenchCluster.deleteQuietly(settings.stateDir());
      }
    }
  }

  /** Produces {@code records} records and waits for every ack; returns the value bytes sent. */
  static long preload(
      final String bootstrapServers, final long records, final SyntheticListings listings) {
    long bytes = 0;
    final java.util.concurrent.atomic.AtomicReference<Exception> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    final long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(BenchCluster.producerConfig(bootstrapServers, "bench-preload"))) {
      for (long i = 0; i < records; i++) {
        final byte[] value = listings.bytes(i);
        bytes += value.length;
        producer.send(
            new ProducerRecord<>(
                Topics.RESO_PROPERTY.name(), SyntheticListings.listingKey(i), value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      // flush() returns once every send has completed, successfully or not
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("pre-load failed: " + failure.get(), failure.get());
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    Report.note(
        String.format(
            java.util.Locale.ROOT,
            "pre-loaded %d records (%d value bytes) into %s in %.1f s (%.0f records/s,"
                + " generation included)",
            records,
            bytes,
            Topics.RESO_PROPERTY.name(),
            seconds,
            records / seconds));
    return bytes;
  }

  /** Mean bytes of one Ames RESO record rendered as a single JSON message. */
  static double amesMeanBytes() {
    final ObjectMapper json =
        JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    final AmesFeed feed = AmesFeed.load();
    return IntStream.rangeClosed(1, feed.size())
        .mapToLong(
            n -> {
              try {
                return json.writeValueAsBytes(feed.resoRecord(n)).length;
              } catch (final IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .average()
        .orElse(0);
  }

  /**
   * Reads {@code property.state} (read_committed) and {@code ingest.dlq} from the beginning,
   * counting distinct propertyIds and dead letters; notes when the first and the last expected
   * propertyId arrived.
   */
  static final class OutputCounter implements Runnable {
    private final String bootstrapServers;
    private final long expected;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.CountDownLatch assigned =
        new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch all =
        new java.util.concurrent.CountDownLatch(1);
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    OutputCounter(final String bootstrapServers, final long expected) {
      this.bootstrapServers = bootstrapServers;
      this.expected = expected;
    }

    @Override
    public void run() {
      final Set<String> seen = new HashSet<>();
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              BenchCluster.readCommittedConsumerConfig(bootstrapServers, "bench-counter"))) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(Topics.PROPERTY_STATE.name(), Topics.INGEST_DLQ.name())) {
          consumer
              .partitionsFor(topic)
              .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        assigned.countDown();
        while (running.get()) {
          for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
            if (record.topic().equals(Topics.INGEST_DLQ.name())) {
              deadLetters.incrementAndGet();
            } else if (seen.add(record.key())) {
              final long now = System.nanoTime();
              if (seen.size() == 1) {
                firstNanos = now;
              }
              distinct.set(seen.size());
              if (seen.size() == expected) {
                lastNanos = now;
                all.countDown();
              }
            }
          }
        }
      }
    }

    void awaitAssigned() throws InterruptedException {
      if (!assigned.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the counting consumer did not start");
      }
    }

    boolean awaitAll(final KafkaStreams streams, final Duration timeout)
        throws InterruptedException {
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (all.await(200, TimeUnit.MILLISECONDS)) {
          return true;
        }
        final KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
          throw new IllegalStateException("Kafka Streams is " + state);
        }
      }
      return false;
    }

    void stop() {
      running.set(false);
    }

    long distinct() {
      return distinct.get();
    }

    long deadLetters() {
      return deadLetters.get();
    }

    long firstNanos() {
      return firstNanos;
    }

    long lastNanos() {
      return lastNanos;
    }
  }
}
