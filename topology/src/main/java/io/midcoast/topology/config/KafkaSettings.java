package io.midcoast.topology.config;

import io.midcoast.topology.deadletter.StreamsErrorHandlers;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.TaskHealth;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How the Kafka Streams applications connect and run. Declared once here, parsed from a {@link
 * ConfigSource} (environment over properties file over defaults), validated at start.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code midcoast.kafka.bootstrap.servers}</td><td>localhost:9092</td>
 *       <td>brokers to bootstrap from, comma-separated host:port</td></tr>
 *   <tr><td>{@code midcoast.kafka.application.id}</td><td>midcoast</td>
 *       <td>Streams application id: consumer group and prefix of internal topics</td></tr>
 *   <tr><td>{@code midcoast.kafka.state.dir}</td><td>./.midcoast/state</td>
 *       <td>directory of the RocksDB state stores</td></tr>
 *   <tr><td>{@code midcoast.kafka.processing.guarantee}</td><td>exactly_once_v2</td>
 *       <td>{@code exactly_once_v2} or {@code at_least_once}</td></tr>
 *   <tr><td>{@code midcoast.kafka.num.stream.threads}</td><td>1</td>
 *       <td>stream threads per instance</td></tr>
 *   <tr><td>{@code midcoast.kafka.replication.factor}</td><td>1</td>
 *       <td>replication factor of internal topics (changelog, repartition); -1 = broker
 *       default</td></tr>
 *   <tr><td>{@code midcoast.kafka.commit.interval.ms}</td><td>100 with exactly_once_v2, 30000
 *       with at_least_once (the Streams defaults)</td><td>how often to commit</td></tr>
 *   <tr><td>{@code midcoast.kafka.num.standby.replicas}</td><td>0</td>
 *       <td>warm standby copies of every state store</td></tr>
 *   <tr><td>{@code midcoast.kafka.application.server}</td><td>(none)</td>
 *       <td>host:port this instance serves interactive queries on (IQ metadata)</td></tr>
 *   <tr><td>{@code midcoast.rocksdb.block.cache.bytes}</td><td>268435456 (256 MiB)</td>
 *       <td>one LRU block cache shared by every RocksDB store of the instance</td></tr>
 *   <tr><td>{@code midcoast.rocksdb.write.buffer.bytes}</td><td>134217728 (128 MiB)</td>
 *       <td>memtable budget of every store together, charged to the block cache</td></tr>
 *   <tr><td>{@code midcoast.streams.<name>}</td><td></td>
 *       <td>passed to Kafka Streams as {@code <name>} (any Streams, consumer., producer.,
 *       admin. or topic. config not managed above); read from the properties file only</td></tr>
 * </table>
 *
 * @param bootstrapServers brokers to bootstrap from
 * @param applicationId Streams application id
 * @param stateDir state directory
 * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
 * @param numStreamThreads stream threads, at least 1
 * @param replicationFactor replication factor of internal topics, at least 1 or -1
 * @param commitIntervalMs commit interval, at least 0
 * @param numStandbyReplicas standby replicas, at least 0
 * @param applicationServer host:port for interactive-query metadata, if any
 * @param rocksDbBlockCacheBytes size of the shared block cache
 * @param rocksDbWriteBufferBytes size of the write-buffer budget, less than the cache
 * @param streamsOverrides further Streams configs, passed through unchanged
 * @param ingestLimits the bounds of the ingest store's state per property ({@link IngestLimits}
 *     lists its keys)
 */
public record KafkaSettings(
    String bootstrapServers,
    String applicationId,
    String stateDir,
    String processingGuarantee,
    int numStreamThreads,
    int replicationFactor,
    long commitIntervalMs,
    int numStandbyReplicas,
    Optional<String> applicationServer,
    long rocksDbBlockCacheBytes,
    long rocksDbWriteBufferBytes,
    Map<String, String> streamsOverrides,
    IngestLimits ingestLimits) {

  public static final String BOOTSTRAP_SERVERS = "midcoast.kafka.bootstrap.servers";
  public static final String APPLICATION_ID = "midcoast.kafka.application.id";
  public static final String STATE_DIR = "midcoast.kafka.state.dir";
  public static final String PROCESSING_GUARANTEE = "midcoast.kafka.processing.guarantee";
  public static final String NUM_STREAM_THREADS = "midcoast.kafka.num.stream.threads";
  public static final String REPLICATION_FACTOR = "midcoast.kafka.replication.factor";
  public static final String COMMIT_INTERVAL_MS = "midcoast.kafka.commit.interval.ms";
  public static final String NUM_STANDBY_REPLICAS = "midcoast.kafka.num.standby.replicas";
  public static final String APPLICATION_SERVER = "midcoast.kafka.application.server";
  public static final String ROCKSDB_BLOCK_CACHE_BYTES = "midcoast.rocksdb.block.cache.bytes";
  public static final String ROCKSDB_WRITE_BUFFER_BYTES = "midcoast.rocksdb.write.buffer.bytes";

  /** Prefix of keys passed through to Kafka Streams. */
  public static final String STREAMS_PREFIX = "midcoast.streams.";

  private static final Pattern APPLICATION_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern HOST_PORT = Pattern.compile("[^:\\s]+:(\\d{1,5})");
  private static final Set<String> GUARANTEES =
      Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);
  private static final Set<String> PASS_THROUGH_PREFIXES =
      Set.of(
          StreamsConfig.CONSUMER_PREFIX,
          StreamsConfig.MAIN_CONSUMER_PREFIX,
          StreamsConfig.RESTORE_CONSUMER_PREFIX,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX,
          StreamsConfig.PRODUCER_PREFIX,
          StreamsConfig.ADMIN_CLIENT_PREFIX,
          StreamsConfig.TOPIC_PREFIX);

  /** Streams configs this record manages; a pass-through of one of them is an error. */
  private static final Map<String, String> MANAGED =
      Map.ofEntries(
          Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS),
          Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID),
          Map.entry(StreamsConfig.STATE_DIR_CONFIG, STATE_DIR),
          Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, PROCESSING_GUARANTEE),
          Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, NUM_STREAM_THREADS),
          Map.entry(StreamsConfig.REPLICATION_FACTOR_CONFIG, REPLICATION_FACTOR),
          Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS),
          Map.entry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, NUM_STANDBY_REPLICAS),
          Map.entry(StreamsConfig.APPLICATION_SERVER_CONFIG, APPLICATION_SERVER),
          Map.entry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, ROCKSDB_BLOCK_CACHE_BYTES),
          Map.entry(
              StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "(always true)"));

  /** Validates the values; every problem is a {@link ConfigException} naming the key. */
  public KafkaSettings {
    require(!bootstrapServers.isBlank(), BOOTSTRAP_SERVERS, bootstrapServers, "must not be blank");
    require(
        APPLICATION_ID_PATTERN.matcher(applicationId).matches(),
        APPLICATION_ID,
        applicationId,
        "must contain only letters, digits, '.', '_' and '-'");
    require(!stateDir.isBlank(), STATE_DIR, stateDir, "must not be blank");
    require(
        GUARANTEES.contains(processingGuarantee),
        PROCESSING_GUARANTEE,
        processingGuarantee,
        "must be one of " + new java.util.TreeSet<>(GUARANTEES));
    require(numStreamThreads >= 1, NUM_STREAM_THREADS, numStreamThreads, "must be at least 1");
    require(
        replicationFactor >= 1 || replicationFactor == -1,
        REPLICATION_FACTOR,
        replicationFactor,
        "must be at least 1, or -1 for the broker default");
    require(commitIntervalMs >= 0, COMMIT_INTERVAL_MS, commitIntervalMs, "must not be negative");
    require(
        numStandbyReplicas >= 0, NUM_STANDBY_REPLICAS, numStandbyReplicas, "must not be negative");
    applicationServer.ifPresent(
        server -> {
          final var matcher = HOST_PORT.matcher(server);
          require(
              matcher.matches() && Integer.parseInt(matcher.group(1)) <= 65535,
              APPLICATION_SERVER,
              server,
              "must be host:port");
        });
    require(
        rocksDbBlockCacheBytes > 0,
        ROCKSDB_BLOCK_CACHE_BYTES,
        rocksDbBlockCacheBytes,
        "must be positive");
    require(
        rocksDbWriteBufferBytes > 0 && rocksDbWriteBufferBytes < rocksDbBlockCacheBytes,
        ROCKSDB_WRITE_BUFFER_BYTES,
        rocksDbWriteBufferBytes,
        "must be positive and less than "
            + ROCKSDB_BLOCK_CACHE_BYTES
            + "="
            + rocksDbBlockCacheBytes);
    streamsOverrides = Map.copyOf(new TreeMap<>(streamsOverrides));
    for (final String name : streamsOverrides.keySet()) {
      final String managedBy = MANAGED.get(name);
      if (managedBy != null) {
        throw new ConfigException(
            STREAMS_PREFIX + name, mask(name, streamsOverrides.get(name)), "set " + managedBy);
      }
      final boolean known =
          StreamsConfig.configDef().names().contains(name)
              || PASS_THROUGH_PREFIXES.stream().anyMatch(name::startsWith);
      if (!known) {
        throw new ConfigException(
            STREAMS_PREFIX + name,
            mask(name, streamsOverrides.get(name)),
            "is not a Kafka Streams config (nor prefixed consumer., producer., admin., topic.)");
      }
    }
  }

  /** Reads and validates the settings: environment over properties file over defaults. */
  public static KafkaSettings from(final ConfigSource source) {
    final String guarantee =
        source.string(PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2).toLowerCase(Locale.ROOT);
    final long defaultCommit = StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) ? 100L : 30_000L;
    final Map<String, String> overrides = new TreeMap<>();
    source.withPrefix(STREAMS_PREFIX).forEach((k, v) -> overrides.put((String) k, (String) v));
    return new KafkaSettings(
        source.string(BOOTSTRAP_SERVERS, "localhost:9092"),
        source.string(APPLICATION_ID, "midcoast"),
        source.string(STATE_DIR, "./.midcoast/state"),
        guarantee,
        source.integer(NUM_STREAM_THREADS, 1),
        source.integer(REPLICATION_FACTOR, 1),
        source.longValue(COMMIT_INTERVAL_MS, defaultCommit),
        source.integer(NUM_STANDBY_REPLICAS, 0),
        source.raw(APPLICATION_SERVER).filter(s -> !s.isBlank()),
        source.longValue(
            ROCKSDB_BLOCK_CACHE_BYTES, BoundedMemoryRocksDBConfig.DEFAULT_BLOCK_CACHE_BYTES),
        source.longValue(
            ROCKSDB_WRITE_BUFFER_BYTES, BoundedMemoryRocksDBConfig.DEFAULT_WRITE_BUFFER_BYTES),
        overrides,
        IngestLimits.from(source));
  }

  /** The Kafka Streams configuration, without stage counters for the error handlers. */
  public Properties streamsProperties() {
    return streamsProperties(StageCounters.none());
  }

  /**
   * The Kafka Streams configuration: the error handlers of {@link StreamsErrorHandlers} (which
   * count into {@code counters}; a pass-through override may replace them), the pass-through
   * overrides, then the managed keys (exactly-once by default, explicit naming of every internal
   * topic and store enforced) and the bounded-memory RocksDB config.
   *
   * @param counters where the error handlers count dropped records
   */
  // processing.exception.handler.global.enabled (KIP-1270) is deprecated from its first release:
  // 5.0 removes it and turns it on for good; until then it must be set
  @SuppressWarnings("deprecation")
  public Properties streamsProperties(final StageCounters counters) {
    final Properties props = new Properties();
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsErrorHandlers.DeserializationHandler.class);
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsErrorHandlers.ProcessingHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        StreamsErrorHandlers.ProductionHandler.class);
    props.putAll(streamsOverrides);
    // refuse to start with an auto-named changelog or repartition topic (KIP-1111)
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, numStandbyReplicas);
    applicationServer.ifPresent(s -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
    props.put(StreamsErrorHandlers.COUNTERS_CONFIG, counters);
    props.put(IngestLimits.CONFIG, ingestLimits);
    props.put(TaskHealth.CONFIG, new TaskHealth());
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
    props.put(BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES_CONFIG, rocksDbBlockCacheBytes);
    props.put(BoundedMemoryRocksDBConfig.WRITE_BUFFER_BYTES_CONFIG, rocksDbWriteBufferBytes);
    return props;
  }

  /**
   * The configuration of a plain consumer of the application beside Kafka Streams (the push tail,
   * the model reader, the lead trainer): the connection settings Streams' own global consumer gets
   * (bootstrap servers, security and {@code consumer.*} / {@code global.consumer.*} overrides), no
   * group, no auto commit, no topic auto-creation, committed records only, byte-array
   * deserializers. The caller adds {@code auto.offset.reset} (and a group, if it wants one).
   *
   * @param clientId the client id, also in the client's metrics and logs
   */
  public Map<String, Object> consumerConfig(final String clientId) {
    final Map<String, Object> config =
        new HashMap<>(streamsConfig().getGlobalConsumerConfigs(clientId));
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /**
   * The configuration of a plain producer of the application beside Kafka Streams (the model
   * publisher): the connection settings and {@code producer.*} overrides Streams' producers get,
   * idempotent with {@code acks=all}, not transactional; the caller passes the serializers.
   *
   * @param clientId the client id, also in the client's metrics and logs
   */
  public Map<String, Object> producerConfig(final String clientId) {
    final Map<String, Object> config = new HashMap<>(streamsConfig().getProducerConfigs(clientId));
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /**
   * The configuration of an admin client of the application beside Kafka Streams (the health
   * watch): the connection settings and {@code admin.*} overrides Streams' own admin client gets.
   *
   * @param clientId the client id, also in the client's metrics and logs
   */
  public Map<String, Object> adminConfig(final String clientId) {
    final Map<String, Object> config = new HashMap<>(streamsConfig().getAdminConfigs(clientId));
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  /** The Streams configuration, parsed without logging it (Kafka Streams logs it at start). */
  private StreamsConfig streamsConfig() {
    return new StreamsConfig(streamsProperties(), false) {};
  }

  /** The settings with secrets (keys naming a password, secret or JAAS config) masked. */
  @Override
  public String toString() {
    final Map<String, String> masked = new TreeMap<>();
    streamsOverrides.forEach((k, v) -> masked.put(k, mask(k, v)));
    return "KafkaSettings{bootstrapServers="
        + bootstrapServers
        + ", applicationId="
        + applicationId
        + ", stateDir="
        + stateDir
        + ", processingGuarantee="
        + processingGuarantee
        + ", numStreamThreads="
        + numStreamThreads
        + ", replicationFactor="
        + replicationFactor
        + ", commitIntervalMs="
        + commitIntervalMs
        + ", numStandbyReplicas="
        + numStandbyReplicas
        + ", applicationServer="
        + applicationServer.orElse("")
        + ", rocksDbBlockCacheBytes="
        + rocksDbBlockCacheBytes
        + ", rocksDbWriteBufferBytes="
        + rocksDbWriteBufferBytes
        + ", streamsOverrides="
        + masked
        + ", ingestLimits="
        + ingestLimits
        + "}";
  }

  /** Whether a config key names a secret whose value must never be logged. */
  static boolean isSecret(final String key) {
    final String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password")
        || lower.contains("secret")
        || lower.contains("jaas")
        || lower.contains("credential")
        || lower.contains("token");
  }

  private static String mask(final String key, final String value) {
    return isSecret(key) ? "********" : value;
  }

  private static void require(
      final boolean condition, final String key, final Object value, final String problem) {
    if (!condition) {
      throw new ConfigException(key, String.valueOf(value), problem);
    }
  }
}
