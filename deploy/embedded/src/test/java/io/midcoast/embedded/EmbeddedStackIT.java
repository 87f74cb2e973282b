package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.connect.SinkConnectors;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedStackIT {

  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final Topic<String, byte[]> ROUND_TRIP =
      new Topic<>("it.roundtrip." + RUN_ID, Serdes.String(), Serdes.ByteArray(), false);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Stack stack;

  @BeforeAll
  static void startStack() {
    stack =
        Stack.builder()
            .connectGroupId("it-connect-" + RUN_ID)
            .applicationId("it-app-" + RUN_ID)
            .start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldCreateTheTopicCatalogueIdempotently() throws Exception {
    assertThat(
            TopicInstaller.install(
                stack.bootstrapServers(), Topics.all(), Stack.defaultTopicSettings()))
        .as("second install creates nothing")
        .isEmpty();
    try (Admin admin = Admin.create(KafkaBroker.adminConfig(stack.bootstrapServers()))) {
      final List<String> names = Topics.all().stream().map(Topic::name).toList();
      final Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
      final ConfigResource state =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.PROPERTY_STATE.name());
      final Config config =
          admin.describeConfigs(List.of(state)).all().get(30, TimeUnit.SECONDS).get(state);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void shouldProduceAndConsumeBackOneRecord() {
    TopicInstaller.install(
        stack.bootstrapServers(), List.of(ROUND_TRIP), Stack.defaultTopicSettings());
    final byte[] value = ("hello " + RUN_ID).getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(AmesFeed.producerConfig(stack.bootstrapServers()))) {
      producer
          .send(new ProducerRecord<>(ROUND_TRIP.name(), "key-" + RUN_ID, value))
          .get(30, TimeUnit.SECONDS);
    } catch (final Exception e) {
      throw new AssertionError("produce failed", e);
    }
    final Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-consumer-" + RUN_ID);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(ROUND_TRIP.name()));
      final ConsumerRecord<String, byte[]> record =
          Await.value(
              "the record back from " + ROUND_TRIP.name(),
              WAIT,
              () -> {
                for (final ConsumerRecord<String, byte[]> r :
                    consumer.poll(Duration.ofMillis(500))) {
                  return Optional.of(r);
                }
                return Optional.empty();
              });
      assertThat(record.key()).isEqualTo("key-" + RUN_ID);
      assertThat(record.value()).isEqualTo(value);
    }
  }

  @Test
  void shouldRunThePropertySinkIntoAMigratedDatabase() throws Exception {
    stack.connect().awaitRunning(SinkConnectors.PROPERTY_SINK_NAME, WAIT);
    assertThat(stack.connect().status(SinkConnectors.PROPERTY_SINK_NAME))
        .hasValueSatisfying(
            status -> {
              assertThat(status.path("connector").path("state").asText()).isEqualTo("RUNNING");
              assertThat(status.path("tasks")).isNotEmpty();
            });
    try (Connection connection =
            DriverManager.getConnection(
                stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password());
        ResultSet tables =
            connection.getMetaData().getTables(null, null, SinkConnectors.PROPERTY_TABLE, null)) {
      assertThat(tables.next()).as("table %s migrated", SinkConnectors.PROPERTY_TABLE).isTrue();
    }
  }
}
