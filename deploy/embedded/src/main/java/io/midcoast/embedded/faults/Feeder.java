package io.midcoast.embedded.faults;

import io.midcoast.embedded.AmesFeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces the feed's messages in order, at most {@code rate} per second, on its own thread, as an
 * upstream feed would: idempotent, {@code acks=all}, and patient enough to ride out a broker kill
 * (a send that still fails after {@link #DELIVERY_TIMEOUT} fails the run: the truth assumes every
 * message arrived).
 */
final class Feeder implements AutoCloseable {

  /** How long a send may retry (a broker restart, a leader election) before it fails. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);

  private final List<FeedMessage> messages;
  private final int rate;
  private final Producer<String, byte[]> producer;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile long startNanos;
  private volatile long endNanos;

  Feeder(final String bootstrapServers, final List<FeedMessage> messages, final int rate) {
    this.messages = messages;
    this.rate = rate;
    final Properties config = AmesFeed.producerConfig(bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "midcoast-fault-harness-feed");
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    this.producer = new KafkaProducer<>(config);
    this.thread = new Thread(this::run, "fault-harness-feed");
    thread.setDaemon(true);
  }

  /** Starts producing. */
  void start() {
    thread.start();
  }

  private void run() {
    startNanos = System.nanoTime();
    final long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
    long next = startNanos;
    for (final FeedMessage message : messages) {
      if (stopping || failure.get() != null) {
        return;
      }
      final long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += interval;
      producer.send(
          new ProducerRecord<>(
              message.topic(), message.key(), message.value().getBytes(StandardCharsets.UTF_8)),
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            } else {
              acknowledged.incrementAndGet();
            }
          });
    }
    producer.flush();
    endNanos = System.nanoTime();
  }

  /** Messages acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Whether every message was sent and acknowledged; fails if a send failed. */
  boolean done() {
    final Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("the feed could not deliver a message: " + e, e);
    }
    return acknowledged.get() == messages.size();
  }

  /** Seconds from the first send to the last acknowledgement (0 while running). */
  double seconds() {
    return endNanos == 0 ? 0 : (endNanos - startNanos) / 1e9;
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(30));
  }
}
