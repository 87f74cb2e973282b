package io.midcoast.serving.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the source topics of the {@link PushChannels} and publishes their new records to the {@link
 * PushHub}. A plain consumer without group: it assigns itself every partition (rechecked every 30
 * s, so topics and partitions created later are picked up, from their beginning), starts at the end
 * of the partitions present at start, reads committed records only, and runs on its own daemon
 * thread until {@link #close}. Every instance of the application runs one, so each pushes every
 * update to its own clients, whichever instance produced it. A record that cannot be decoded or
 * mapped is logged, counted in {@code midcoast_ws_records_skipped_total{topic}} and skipped.
 */
public final class TopicTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(2);

  private final Consumer<byte[], byte[]> consumer;
  private final PushHub hub;
  private final Map<String, List<ChannelSource<?, ?>>> sources;
  private final MeterRegistry registry;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean positioned;
  private long nextAssign = System.nanoTime();

  TopicTail(
      final Consumer<byte[], byte[]> consumer, final PushHub hub, final MeterRegistry registry) {
    this.consumer = consumer;
    this.hub = hub;
    this.registry = registry;
    this.sources =
        hub.channels().sources().stream()
            .collect(Collectors.groupingBy(source -> source.topic().name()));
    this.thread = new Thread(this::run, "midcoast-push-tail");
    thread.setDaemon(true);
  }

  /**
   * A tail with its own {@link KafkaConsumer}: the application's consumer settings ({@link
   * KafkaSettings#consumerConfig}, no group, committed records), from the latest offset.
   */
  public static TopicTail create(
      final KafkaSettings kafka,
      final String clientId,
      final PushHub hub,
      final MeterRegistry registry) {
    return new TopicTail(new KafkaConsumer<>(consumerConfig(kafka, clientId)), hub, registry);
  }

  /** The consumer configuration: the application's, reading from the latest offset. */
  static Map<String, Object> consumerConfig(final KafkaSettings kafka, final String clientId) {
    final Map<String, Object> config = kafka.consumerConfig(clientId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return config;
  }

  /** Starts tailing on the daemon thread. */
  public void start() {
    if (!closing() && started.compareAndSet(false, true)) {
      thread.start();
    }
  }

  /** True once the partitions present at start are assigned and positioned at their end. */
  boolean positioned() {
    return positioned;
  }

  /** Stops the thread (waking a blocked poll) and closes the consumer; waits up to 10 s. */
  @Override
  public void close() {
    closing.countDown();
    if (started.compareAndSet(false, true)) {
      consumer.close(CloseOptions.timeout(Duration.ZERO)); // never started: nothing to stop
      return;
    }
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean closing() {
    return closing.getCount() == 0;
  }

  private void run() {
    try {
      while (!closing()) {
        try {
          pollOnce();
        } catch (final WakeupException e) {
          // close() woke the poll; the loop ends
        } catch (final RuntimeException e) {
          LOG.warn("push tail: {}; retrying", e.toString());
          pause(BACKOFF);
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      LOG.info("push tail stopped");
    }
  }

  /** One round of the loop: (re)assign when due, poll once, publish what came. */
  void pollOnce() {
    if (nextAssign - System.nanoTime() <= 0) {
      assign();
      nextAssign = System.nanoTime() + REFRESH.toNanos();
    }
    if (assigned.isEmpty()) {
      pause(POLL);
      return;
    }
    for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      dispatch(record);
    }
  }

  /** Assigns every partition of the source topics; new ones start at end (first) or beginning. */
  private void assign() {
    final Set<TopicPartition> partitions = new HashSet<>();
    for (final String topic : sources.keySet()) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos != null) {
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
    }
    if (partitions.equals(assigned)) {
      positioned = true;
      return;
    }
    final Set<TopicPartition> added = new HashSet<>(partitions);
    added.removeAll(assigned);
    consumer.assign(partitions);
    if (positioned) {
      consumer.seekToBeginning(added);
    } else {
      consumer.seekToEnd(added);
    }
    // resolve the positions now: a record written after this point is pushed
    added.forEach(consumer::position);
    assigned.clear();
    assigned.addAll(partitions);
    positioned = true;
    LOG.info("push tail reads {} partitions of {}", partitions.size(), sources.keySet());
  }

  private void dispatch(final ConsumerRecord<byte[], byte[]> record) {
    if (!hub.hasSubscribers()) {
      return;
    }
    for (final ChannelSource<?, ?> source : sources.getOrDefault(record.topic(), List.of())) {
      try {
        for (final ChannelSource.Push push :
            source.pushes(record.key(), record.value(), record.headers(), hub::hasSubscribers)) {
          hub.publish(push.channel(), push.key(), push.data());
        }
      } catch (final RuntimeException e) {
        Counter.builder("midcoast.ws.records.skipped")
            .description("records of push source topics that could not be decoded or mapped")
            .tag("topic", record.topic())
            .register(registry)
            .increment();
        LOG.warn(
            "push tail: skipping {}-{}@{}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.toString());
      }
    }
  }

  private void pause(final Duration duration) {
    try {
      closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      closing.countDown();
    }
  }
}
