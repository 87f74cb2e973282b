package io.midcoast.bench;

import io.midcoast.embedded.Stack;
import io.midcoast.topology.InMemoryStageCounters;
import io.midcoast.topology.Topics;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * End-to-end latency feed → {@code property.state}: with the ingest topology running (in-process,
 * exactly_once_v2 by default), a producer sends synthetic RESO records at a fixed {@code --rate},
 * stamping each record's Kafka timestamp with the wall clock at send; Streams keeps the input
 * timestamp on the output; a read_committed consumer of {@code property.state} records receive time
 * − record timestamp (milliseconds, same clock). Records sent during {@code --warmup-s} are not
 * counted; then {@code --duration-s} seconds are measured.
 *
 * <p>Options: {@code --rate 1000 --warmup-s 20 --duration-s 60 --commit-interval-ms MS
 * --processing-guarantee G --seed S}.
 */
public final class LatencyBench {

  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private LatencyBench() {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        Args.parse(
            argv,
            List.of(
                "rate",
                "warmup-s",
                "duration-s",
                "commit-interval-ms",
                "processing-guarantee",
                "threads",
                "seed"));
    final double rate = args.longValue("rate", 1_000);
    final long warmupMs = args.longValue("warmup-s", 20) * 1_000;
    final long durationMs = args.longValue("duration-s", 60) * 1_000;
    final SyntheticListings listings =
        new SyntheticListings(args.longValue("seed", SyntheticListings.DEFAULT_SEED));
    final Optional<Long> commitInterval = args.string("commit-interval-ms").map(Long::parseLong);

    try (Stack stack = BenchCluster.startBroker()) {
      final KafkaSettings settings =
          BenchCluster.ingestSettings(
              stack.bootstrapServers(),
              "bench-latency-" + System.currentTimeMillis(),
              commitInterval,
              args.string("processing-guarantee"),
              args.string("threads").map(Integer::parseInt));
      Report.note("ingest settings: " + settings);
      final KafkaStreams streams =
          BenchCluster.ingestStreams(settings, new InMemoryStageCounters());
      final LatencyRecorder recorder = new LatencyRecorder(stack.bootstrapServers());
      final Thread receiving = new Thread(recorder, "bench-latency-consumer");
      try {
        streams.start();
        BenchCluster.awaitRunning(streams);
        receiving.start();
        recorder.awaitAssigned();

        final long begin = System.currentTimeMillis();
        final long measureFrom = begin + warmupMs;
        final long measureTo = measureFrom + durationMs;
        recorder.window(measureFrom, measureTo);
        final CpuMeter[] cpu = new CpuMeter[1];
        final long sent =
            produce(stack.bootstrapServers(), listings, rate, measureFrom, measureTo, cpu);
        recorder.awaitReceived(sent, DRAIN_TIMEOUT);
        Report.figure(
            "latency_setup",
            "rate %.0f records/s, warm-up %d s, measured %d s, commit.interval.ms %d, %s",
            rate,
            warmupMs / 1000,
            durationMs / 1000,
            settings.commitIntervalMs(),
            settings.processingGuarantee());
        Report.figure("latency_cpu", "%s", cpu[0] == null ? "n/a" : cpu[0].summary());
        Report.figure("latency_records", "sent %d, received %d", sent, recorder.received());
        final Histogram h = recorder.histogram();
        Report.figure(
            "latency_ms",
            "p50 %d, p90 %d, p99 %d, p99.9 %d, max %d, mean %.1f",
            h.getValueAtPercentile(50),
            h.getValueAtPercentile(90),
            h.getValueAtPercentile(99),
            h.getValueAtPercentile(99.9),
            h.getMaxValue(),
            h.getMean());
      } finally {
        recorder.stop();
        receiving.join(10_000);
        streams.close(Duration.ofSeconds(30));
        BenchCluster.deleteQuietly(settings.stateDir());
      }
    }
  }

  /**
   * Sends at {@code rate} records/s from now until {@code end} (wall clock), each timestamped at
   * send; returns how many were sent inside the measured window {@code [from, end)} and starts
   * {@code cpu[0]} when the window opens.
   */
  private static long produce(
      final String bootstrap,
      final SyntheticListings listings,
      final double rate,
      final long from,
      final long end,
      final CpuMeter[] cpu) {
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final long intervalNanos = (long) (1e9 / rate);
    final long startNanos = System.nanoTime();
    long inWindow = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(BenchCluster.producerConfig(bootstrap, "bench-latency-feed"))) {
      for (long i = 0; ; i++) {
        final long due = startNanos + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        final long now = System.currentTimeMillis();
        if (now >= end) {
          break;
        }
        if (now >= from) {
          if (cpu[0] == null) {
            cpu[0] = CpuMeter.start();
          }
          inWindow++;
        }
        producer.send(
            new ProducerRecord<>(
                Topics.RESO_PROPERTY.name(),
                null,
                now,
                SyntheticListings.listingKey(i),
                listings.bytes(i)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed: " + failure.get(), failure.get());
    }
    return inWindow;
  }

  /** Consumes {@code property.state} (read_committed) and records latencies in the window. */
  static final class LatencyRecorder implements Runnable {
    private final String bootstrapServers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final Histogram histogram = new Histogram(3_600_000L, 3);
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd;

    LatencyRecorder(final String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    void window(final long from, final long to) {
      windowEnd = to;
      windowStart = from;
    }

    @Override
    public void run() {
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              BenchCluster.readCommittedConsumerConfig(bootstrapServers, "bench-latency"))) {
        final List<TopicPartition> partitions = new ArrayList<>();
        consumer
            .partitionsFor(Topics.PROPERTY_STATE.name())
            .forEach(
                p ->
                    partitions.add(
                        new TopicPartition(Topics.PROPERTY_STATE.name(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        assigned.countDown();
        while (running.get()) {
          for (final ConsumerRecord<String, byte[]> record :
              consumer.poll(Duration.ofMillis(100))) {
            final long now = System.currentTimeMillis();
            final long stamp = record.timestamp();
            if (stamp >= windowStart && stamp < windowEnd) {
              synchronized (histogram) {
                histogram.recordValue(Math.max(0, now - stamp));
              }
              received.incrementAndGet();
            }
          }
        }
      }
    }

    void awaitAssigned() throws InterruptedException {
      if (!assigned.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the latency consumer did not start");
      }
    }

    void awaitReceived(final long expected, final Duration timeout) throws InterruptedException {
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (received.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }

    long received() {
      return received.get();
    }

    Histogram histogram() {
      synchronized (histogram) {
        return histogram.copy();
      }
    }

    void stop() {
      running.set(false);
    }
  }
}
