package io.midcoast.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.deadletter.StreamsErrorHandlers;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  private static ConfigSource source(
      final Map<String, String> file, final Map<String, String> env) {
    final Properties props = new Properties();
    props.putAll(file);
    return ConfigSource.of(props, env);
  }

  @Test
  void shouldUseTheDocumentedDefaults() {
    final KafkaSettings s = KafkaSettings.from(source(Map.of(), Map.of()));
    assertThat(s.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(s.applicationId()).isEqualTo("midcoast");
    assertThat(s.stateDir()).isEqualTo("./.midcoast/state");
    assertThat(s.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(s.numStreamThreads()).isEqualTo(1);
    assertThat(s.replicationFactor()).isEqualTo(1);
    assertThat(s.commitIntervalMs()).isEqualTo(100);
    assertThat(s.numStandbyReplicas()).isZero();
    assertThat(s.applicationServer()).isEmpty();
    assertThat(s.rocksDbBlockCacheBytes()).isEqualTo(256L << 20);
    assertThat(s.rocksDbWriteBufferBytes()).isEqualTo(128L << 20);
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFile() {
    final KafkaSettings s =
        KafkaSettings.from(
            source(
                Map.of(
                    KafkaSettings.BOOTSTRAP_SERVERS,
                    "file:9092",
                    KafkaSettings.NUM_STREAM_THREADS,
                    "2"),
                Map.of("MIDCOAST_KAFKA_BOOTSTRAP_SERVERS", "env:9092")));
    assertThat(s.bootstrapServers()).isEqualTo("env:9092");
    assertThat(s.numStreamThreads()).isEqualTo(2);
  }

  @Test
  void shouldGiveEveryPlainClientTheConnectionSettingsOfStreams() {
    final KafkaSettings s =
        KafkaSettings.from(
            source(
                Map.of(
                    KafkaSettings.BOOTSTRAP_SERVERS,
                    "broker:9093",
                    KafkaSettings.STREAMS_PREFIX + "security.protocol",
                    "SSL"),
                Map.of()));

    final Map<String, Object> consumer = s.consumerConfig("app-reader");
    assertThat(consumer)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "app-reader")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);

    final Map<String, Object> producer = s.producerConfig("app-writer");
    assertThat(producer)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "app-writer")
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
  }

  @Test
  void shouldBuildStreamsPropertiesWithHandlersAndBoundedRocksDb() {
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    final Properties p =
        KafkaSettings.from(
                source(
                    Map.of(
                        KafkaSettings.APPLICATION_SERVER,
                        "app-1:7070",
                        "midcoast.streams.max.task.idle.ms",
                        "50",
                        "midcoast.streams.producer.linger.ms",
                        "5"),
                    Map.of()))
            .streamsProperties(counters);
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(p.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("app-1:7070");
    assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
        .isEqualTo(BoundedMemoryRocksDBConfig.class);
    assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(StreamsErrorHandlers.DeserializationHandler.class);
    assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(StreamsErrorHandlers.ProcessingHandler.class);
    assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(StreamsErrorHandlers.ProductionHandler.class);
    assertThat(p.get(StreamsErrorHandlers.COUNTERS_CONFIG)).isSameAs(counters);
    assertThat(
            new StreamsConfig(p)
                .getBoolean(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG))
        .isTrue();
    assertThat(p.get("max.task.idle.ms")).isEqualTo("50");
    assertThat(p.get("producer.linger.ms")).isEqualTo("5");
    assertThat(new StreamsConfig(p).getString(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("midcoast");
  }

  @Test
  void shouldDefaultTheCommitIntervalToThirtySecondsForAtLeastOnce() {
    assertThat(
            KafkaSettings.from(
                    source(Map.of(KafkaSettings.PROCESSING_GUARANTEE, "at_least_once"), Map.of()))
                .commitIntervalMs())
        .isEqualTo(30_000);
  }

  @Test
  void shouldRejectInvalidValuesNamingTheKey() {
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(Map.of(KafkaSettings.NUM_STREAM_THREADS, "many"), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(KafkaSettings.NUM_STREAM_THREADS)
        .hasMessageContaining("MIDCOAST_KAFKA_NUM_STREAM_THREADS");
    assertThatThrownBy(
            () ->
                KafkaSettings.from(source(Map.of(KafkaSettings.NUM_STREAM_THREADS, "0"), Map.of())))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(Map.of(KafkaSettings.PROCESSING_GUARANTEE, "exactly_once"), Map.of())))
        .hasMessageContaining(KafkaSettings.PROCESSING_GUARANTEE);
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(Map.of(KafkaSettings.APPLICATION_SERVER, "no-port"), Map.of())))
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(
                        Map.of(
                            KafkaSettings.ROCKSDB_WRITE_BUFFER_BYTES, String.valueOf(512L << 20)),
                        Map.of())))
        .hasMessageContaining(KafkaSettings.ROCKSDB_WRITE_BUFFER_BYTES);
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(Map.of("midcoast.streams.no.such.config", "1"), Map.of())))
        .hasMessageContaining("not a Kafka Streams config");
    assertThatThrownBy(
            () ->
                KafkaSettings.from(
                    source(Map.of("midcoast.streams.application.id", "x"), Map.of())))
        .hasMessageContaining(KafkaSettings.APPLICATION_ID);
  }

  @Test
  void shouldMaskSecretsInToString() {
    final KafkaSettings s =
        KafkaSettings.from(
            source(
                Map.of(
                    "midcoast.streams.producer.ssl.keystore.password", "hunter2",
                    "midcoast.streams.producer.sasl.jaas.config", "user=a password=b"),
                Map.of()));
    assertThat(s.toString())
        .doesNotContain("hunter2")
        .doesNotContain("password=b")
        .contains("********");
  }

  @Test
  void shouldReadTopicSettings() {
    assertThat(TopicSettings.from(source(Map.of(), Map.of())))
        .isEqualTo(new TopicSettings(3, (short) 1));
    assertThat(
            TopicSettings.from(source(Map.of(), Map.of("MIDCOAST_TOPICS_PARTITIONS", "12")))
                .partitions())
        .isEqualTo(12);
    assertThatThrownBy(
            () -> TopicSettings.from(source(Map.of(TopicSettings.PARTITIONS, "0"), Map.of())))
        .isInstanceOf(ConfigException.class);
  }
}
