package io.midcoast.embedded.faults;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.midcoast.embedded.Await;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a consumer group has left to read: for every partition of the given topics (and every other
 * partition it committed, e.g. the app's repartition topics), the records a read_committed consumer
 * would still receive after the group's committed offset. Counting records, not offsets: a
 * transactional topic ends with a commit marker, which Kafka Streams commits past but a Connect
 * sink does not (it commits the offset after its last record), and records of an aborted
 * transaction are never delivered; an offset difference would never reach 0 for either.
 */
public final class GroupLag implements AutoCloseable {

  private static final Duration READ = Duration.ofSeconds(2);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;

  /** A lag reader on the cluster at {@code bootstrapServers}. */
  public GroupLag(final String bootstrapServers) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    final Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    this.reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * The partitions of {@code group} over {@code topics} (and its other committed partitions) that
   * still hold a record it has not read, each with its offset gap (end minus committed).
   */
  public Map<TopicPartition, Long> behind(final String group, final Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, SECONDS);
    final Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
    admin.describeTopics(topics).allTopicNames().get(30, SECONDS).values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .forEach(partitions::add);
    final Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
    final Map<TopicPartition, Long> behind = new TreeMap<>(BY_NAME);
    for (final TopicPartition partition : partitions) {
      final OffsetAndMetadata done = committed.get(partition);
      final long from = done == null ? 0 : done.offset();
      final long end = ends.get(partition);
      if (end > from && holdsRecord(partition, from, end)) {
        behind.put(partition, end - from);
      }
    }
    return behind;
  }

  /**
   * Waits until no group of {@code topicsByGroup} (group → the topics it reads) has a record left
   * to read, in two checks five seconds apart, telling {@code progress} what is left (records'
   * offset gap per group) at every check.
   *
   * @throws Await.TimeoutException when {@code timeout} passes first
   */
  public static void awaitDrained(
      final String bootstrapServers,
      final Map<String, ? extends Collection<String>> topicsByGroup,
      final Duration timeout,
      final Consumer<String> progress) {
    final int[] quiet = {0};
    try (GroupLag lag = new GroupLag(bootstrapServers)) {
      Await.until(
          "every consumer drained",
          timeout,
          () -> {
            final Map<String, Map<TopicPartition, Long>> behind = new TreeMap<>();
            for (final Map.Entry<String, ? extends Collection<String>> group :
                topicsByGroup.entrySet()) {
              behind.put(group.getKey(), lag.behind(group.getKey(), group.getValue()));
            }
            behind.values().removeIf(Map::isEmpty);
            progress.accept(
                "left to read: " + (behind.isEmpty() ? "nothing" : summary(behind).toString()));
            quiet[0] = behind.isEmpty() ? quiet[0] + 1 : 0;
            if (quiet[0] < 2) {
              SECONDS.sleep(5);
            }
            return quiet[0] >= 2;
          });
    }
  }

  /** Per group, the records' offset gap summed over its partitions behind. */
  private static Map<String, Long> summary(final Map<String, Map<TopicPartition, Long>> behind) {
    final Map<String, Long> gaps = new TreeMap<>();
    behind.forEach(
        (group, partitions) ->
            gaps.put(group, partitions.values().stream().mapToLong(Long::longValue).sum()));
    return gaps;
  }

  /** Whether a read_committed consumer gets a record from {@code partition} in [from, end). */
  private boolean holdsRecord(final TopicPartition partition, final long from, final long end) {
    reader.assign(List.of(partition));
    reader.seek(partition, from);
    final long deadline = System.nanoTime() + READ.toNanos();
    while (reader.position(partition) < end && System.nanoTime() < deadline) {
      if (!reader.poll(Duration.ofMillis(200)).isEmpty()) {
        return true;
      }
    }
    return reader.position(partition) < end;
  }

  private static final Comparator<TopicPartition> BY_NAME =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
