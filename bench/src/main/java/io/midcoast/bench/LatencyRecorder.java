package io.midcoast.bench;

import io.midcoast.topology.catalog.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumes one output topic (read_committed, every partition, from its end at start) and records
 * receive wall-clock − send wall-clock (ms) of every record that counts. By default the send time
 * is the record timestamp, and a record counts when it falls in the measured window: Streams
 * carries an input record's timestamp to the outputs it causes, so a record stamped at send with
 * the wall clock yields end-to-end latency. Values stay bytes: only counts and timestamps matter.
 * Drivers that know the send time otherwise give a {@link SendTime} of their own.
 */
final class LatencyRecorder implements Runnable {

  /** The send time of a record read. */
  @FunctionalInterface
  interface SendTime {
    /**
     * @param record the record read
     * @param receivedAt wall clock (ms) when it was read
     * @return when it was sent (wall-clock ms), or {@link #NOT_MEASURED} when it does not count
     */
    long of(ConsumerRecord<String, byte[]> record, long receivedAt);
  }

  /** {@link SendTime} of a record that does not count. */
  static final long NOT_MEASURED = Long.MIN_VALUE;

  private final String bootstrapServers;
  private final Topic<?, ?> topic;
  private final String clientId;
  private final SendTime sendTime;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong seen = new AtomicLong();
  private final AtomicLong lastReceivedAt = new AtomicLong();
  private final Histogram histogram = new Histogram(3_600_000L, 3);
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd;

  /**
   * @param bootstrapServers the broker
   * @param topic the topic to read
   * @param clientId the consumer's client id
   */
  LatencyRecorder(final String bootstrapServers, final Topic<?, ?> topic, final String clientId) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientId = clientId;
    this.sendTime = this::timestampInWindow;
  }

  /**
   * @param bootstrapServers the broker
   * @param topic the topic to read
   * @param clientId the consumer's client id
   * @param sendTime when each record read was sent, or whether it does not count ({@link
   *     #window(long, long)} does not apply)
   */
  LatencyRecorder(
      final String bootstrapServers,
      final Topic<?, ?> topic,
      final String clientId,
      final SendTime sendTime) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.clientId = clientId;
    this.sendTime = sendTime;
  }

  /** Starts the recorder on a thread of its own and waits until it has its partitions. */
  Thread start() throws InterruptedException {
    final Thread thread = new Thread(this, clientId);
    thread.start();
    if (!assigned.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the latency consumer of " + topic.name() + " did not start");
    }
    return thread;
  }

  /** Counts records with timestamps in {@code [from, to)} (wall-clock ms). */
  void window(final long from, final long to) {
    windowEnd = to;
    windowStart = from;
  }

  @Override
  public void run() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(BenchCluster.readCommittedConsumerConfig(bootstrapServers, clientId))) {
      final List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      assigned.countDown();
      while (running.get()) {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          final long now = System.currentTimeMillis();
          seen.incrementAndGet();
          final long sent = sendTime.of(record, now);
          if (sent != NOT_MEASURED) {
            synchronized (histogram) {
              histogram.recordValue(Math.max(0, now - sent));
            }
            received.incrementAndGet();
            lastReceivedAt.set(now);
          }
        }
      }
    }
  }

  private long timestampInWindow(final ConsumerRecord<String, byte[]> record, final long now) {
    final long stamp = record.timestamp();
    return stamp >= windowStart && stamp < windowEnd ? stamp : NOT_MEASURED;
  }

  /** Waits until {@code expected} records of the window arrived, or {@code timeout} passed. */
  void awaitReceived(final long expected, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /**
   * For outputs whose count is not known up front (fan-out): waits until no record at all (in the
   * window or not) arrived for {@code quiet}, or {@code timeout} passed; true when quiet.
   */
  boolean awaitQuiet(final Duration quiet, final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    long count = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      final long now = seen.get();
      if (now != count) {
        count = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Records received so far, in the window or not. */
  long seen() {
    return seen.get();
  }

  /** Records of the window received so far. */
  long received() {
    return received.get();
  }

  /** Wall clock (ms) when the last record of the window arrived; 0 before the first. */
  long lastReceivedAt() {
    return lastReceivedAt.get();
  }

  /** A copy of the latencies recorded so far (ms). */
  Histogram histogram() {
    synchronized (histogram) {
      return histogram.copy();
    }
  }

  /** Latency percentiles in the drivers' format. */
  String percentiles() {
    final Histogram h = histogram();
    return String.format(
        java.util.Locale.ROOT,
        "p50 %d, p90 %d, p99 %d, p99.9 %d, max %d, mean %.1f",
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue(),
        h.getMean());
  }

  /** Stops consuming (the thread ends after its current poll). */
  void stop() {
    running.set(false);
  }
}
