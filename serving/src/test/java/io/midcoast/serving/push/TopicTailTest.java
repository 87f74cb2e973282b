package io.midcoast.serving.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import io.midcoast.serving.push.PushTesting.RecordingSubscriber;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tail's loop rounds against a {@link MockConsumer}; the real broker is an integration test.
 */
class TopicTailTest {

  private static final String TREND = Topics.ANALYTICS_TREND.name();
  private static final TopicPartition TREND_0 = new TopicPartition(TREND, 0);
  private static final TopicPartition TREND_1 = new TopicPartition(TREND, 1);
  private static final TopicPartition PROPERTY_0 =
      new TopicPartition(Topics.PROPERTY_STATE.name(), 0);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PushHub hub = new PushHub(PushChannels.standard(), registry);
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("latest");
  private final RecordingSubscriber client = new RecordingSubscriber();

  private static PartitionInfo partition(final TopicPartition tp) {
    return new PartitionInfo(tp.topic(), tp.partition(), null, null, null);
  }

  private static ConsumerRecord<byte[], byte[]> trend(
      final int partition, final long offset, final TrendCell cell, final byte[] value) {
    final String key = "subdivision:" + cell.getRegionId() + ":" + cell.getMonth();
    return new ConsumerRecord<>(
        TREND, partition, offset, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] encode(final TrendCell cell) {
    return Topics.ANALYTICS_TREND.valueSerde().serializer().serialize(TREND, cell);
  }

  private TopicTail tailAtEnd() {
    consumer.updatePartitions(TREND, List.of(partition(TREND_0), partition(TREND_1)));
    consumer.updatePartitions(Topics.PROPERTY_STATE.name(), List.of(partition(PROPERTY_0)));
    consumer.updateEndOffsets(Map.of(TREND_0, 40L, TREND_1, 7L, PROPERTY_0, 3L));
    final TopicTail tail = new TopicTail(consumer, hub, registry);
    tail.pollOnce();
    return tail;
  }

  @Test
  void shouldAssignEveryPartitionOfTheSourceTopicsAtTheirEnd() {
    final TopicTail tail = tailAtEnd();
    assertThat(tail.positioned()).isTrue();
    assertThat(consumer.assignment()).containsExactlyInAnyOrder(TREND_0, TREND_1, PROPERTY_0);
    assertThat(consumer.position(TREND_0)).isEqualTo(40L);
    assertThat(consumer.position(TREND_1)).isEqualTo(7L);
  }

  @Test
  void shouldPushANewTrendCellToTheRegionsSubscribers() {
    final TopicTail tail = tailAtEnd();
    hub.open(client);
    hub.subscribe(client, "trends:subdivision:North_Ames");
    final TrendCell cell = PushTesting.cell(RegionType.SUBDIVISION, "North_Ames", "2010-05");
    final TrendCell other = PushTesting.cell(RegionType.SUBDIVISION, "Gilbert", "2010-05");
    consumer.addRecord(trend(0, 40, other, encode(other)));
    consumer.addRecord(trend(1, 7, cell, encode(cell)));
    tail.pollOnce();
    final var update = client.next();
    assertThat(update.get("channel").asText()).isEqualTo("trends:subdivision:North_Ames");
    assertThat(update.get("key").asText()).isEqualTo("subdivision:North_Ames:2010-05");
    assertThat(update.at("/data/month").asText()).isEqualTo("2010-05");
    assertThat(client.received).as("nothing of Gilbert").isEmpty();
  }

  @Test
  void shouldSkipAndCountABadRecordAndGoOn() {
    final TopicTail tail = tailAtEnd();
    hub.open(client);
    hub.subscribe(client, "trends:subdivision:North_Ames");
    final TrendCell cell = PushTesting.cell(RegionType.SUBDIVISION, "North_Ames", "2010-06");
    consumer.addRecord(trend(0, 40, cell, "garbage".getBytes(StandardCharsets.UTF_8)));
    consumer.addRecord(trend(0, 41, cell, encode(cell)));
    tail.pollOnce();
    assertThat(client.next().at("/data/month").asText()).isEqualTo("2010-06");
    assertThat(registry.get("midcoast.ws.records.skipped").tag("topic", TREND).counter().count())
        .isEqualTo(1.0);
  }

  @Test
  @Timeout(30)
  void shouldStopItsThreadAndCloseTheConsumerOnClose() {
    final TopicTail tail = tailAtEnd();
    tail.start();
    tail.close();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldCloseTheConsumerOfATailNeverStarted() {
    new TopicTail(consumer, hub, registry).close();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldReadCommittedBytesWithoutAGroup() {
    final Properties file = new Properties();
    file.put(KafkaSettings.APPLICATION_ID, "midcoast-test");
    file.put(KafkaSettings.BOOTSTRAP_SERVERS, "broker:9092");
    file.put(KafkaSettings.STREAMS_PREFIX + "consumer.security.protocol", "SSL");
    final KafkaSettings kafka = KafkaSettings.from(ConfigSource.of(file, Map.of()));
    final Map<String, Object> config = TopicTail.consumerConfig(kafka, "midcoast-test-push");
    assertThat(config)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "midcoast-test-push")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
  }
}
