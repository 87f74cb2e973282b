package io.midcoast.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midcoast.embedded.faults.GroupLag;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the end-to-end tests look at: the topics, Postgres, and the app over HTTP. Failures are
 * {@link IllegalStateException}s, not assertion errors, so that {@link Await} retries a read that
 * fails for a moment (a 503 during a rebalance, a dropped connection) inside a wait.
 */
final class Probe {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Stack stack;
  private final String applicationId;
  private final HttpClient http = HttpClient.newHttpClient();

  Probe(final Stack stack, final String applicationId) {
    this.stack = stack;
    this.applicationId = applicationId;
  }

  /** Publishes the messages (value as UTF-8) and waits for the acknowledgements. */
  void publish(final Topic<String, byte[]> topic, final List<String> values) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(AmesFeed.producerConfig(stack.bootstrapServers()))) {
      for (final String value : values) {
        producer
            .send(new ProducerRecord<>(topic.name(), null, value.getBytes(StandardCharsets.UTF_8)))
            .get(30, TimeUnit.SECONDS);
      }
    } catch (final Exception e) {
      throw new IllegalStateException("cannot publish to " + topic.name(), e);
    }
  }

  /** Every row of table property, as column → text, keyed by property_id. */
  Map<String, Map<String, String>> propertyRows() {
    return rows("property", "property_id");
  }

  /** Every row of {@code table}, as column → text, keyed by the text of {@code keyColumn}. */
  Map<String, Map<String, String>> rows(final String table, final String keyColumn) {
    return TableRows.read(stack, table, keyColumn);
  }

  /** Every row of table market_trend, as column → text, keyed by "region_type:region_id:month". */
  Map<String, Map<String, String>> trendRows() {
    return TableRows.read(stack, "market_trend", "region_type", "region_id", "month");
  }

  /**
   * Waits until the app has committed offsets at the end of every partition of {@code topics} (e.g.
   * property.state and an internal repartition topic: everything downstream was processed).
   */
  void awaitConsumed(final List<String> topics, final Duration timeout) {
    awaitGroupCaughtUp(applicationId, topics, timeout);
  }

  /**
   * Waits until consumer group {@code group} has no record of {@code topics} (or of another
   * partition it committed) left to read ({@link GroupLag}: records a read_committed consumer would
   * still get, so a transaction's commit marker after a sink's last offset does not count).
   */
  void awaitGroupCaughtUp(final String group, final List<String> topics, final Duration timeout) {
    try (GroupLag lag = new GroupLag(stack.bootstrapServers())) {
      Await.until(
          group + " to consume " + topics + " to the end",
          timeout,
          () -> lag.behind(group, topics).isEmpty());
    }
  }

  /** The app's internal repartition topics. */
  private List<String> repartitionTopics() {
    try (Admin admin = Admin.create(KafkaBroker.adminConfig(stack.bootstrapServers()))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition"))
          .sorted()
          .toList();
    } catch (final Exception e) {
      throw new IllegalStateException("cannot list the app's repartition topics", e);
    }
  }

  /** The property row holding listing {@code listingKey}, once the sink has written it. */
  Map<String, String> awaitRowOfListing(final String listingKey, final Duration timeout) {
    return Await.value(
        "a property row with listing " + listingKey,
        timeout,
        () ->
            propertyRows().values().stream()
                .filter(row -> listingKey.equals(row.get("listing_key")))
                .findFirst());
  }

  /** Every committed record now in {@code topic}, from the beginning (read_committed). */
  <V> List<ConsumerRecord<String, byte[]>> readAll(final Topic<String, V> topic) {
    final Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      Await.until(
          "reading " + topic.name() + " to its end",
          Duration.ofSeconds(60),
          () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
          });
      return records;
    }
  }

  /** The dead letters now in ingest.dlq. */
  List<DeadLetter> deadLetters() {
    return readAll(Topics.INGEST_DLQ).stream()
        .map(r -> Topics.INGEST_DLQ.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .toList();
  }

  /**
   * Waits until everything published so far has gone all the way: the app consumed the feeds, then
   * every repartition topic between its sub-topologies (only then has its last stage written
   * everything to property.state), and the Postgres sink consumed property.state.
   */
  void awaitCaughtUp(final Duration timeout) {
    awaitStreamsCaughtUp(timeout);
    awaitSinkCaughtUp(timeout);
  }

  /**
   * Waits until the app consumed the feeds published so far, then every repartition topic between
   * its sub-topologies.
   */
  void awaitStreamsCaughtUp(final Duration timeout) {
    awaitGroupCaughtUp(
        applicationId, List.of(Topics.RESO_PROPERTY.name(), Topics.COUNTY_SALE.name()), timeout);
    awaitGroupCaughtUp(applicationId, repartitionTopics(), timeout);
  }

  /**
   * Waits until table property holds exactly the live properties of property.state, each with as
   * many sources as its latest value. (The sink's committed offsets cannot tell: Connect commits
   * the offset after the last data record, never past the transaction marker that ends the topic,
   * and only every offset.flush.interval.ms.)
   */
  void awaitSinkCaughtUp(final Duration timeout) {
    final Map<String, Integer> expected = new TreeMap<>();
    for (final ConsumerRecord<String, byte[]> record : readAll(Topics.PROPERTY_STATE)) {
      if (record.value() == null) {
        expected.remove(record.key());
      } else {
        expected.put(
            record.key(),
            Topics.PROPERTY_STATE
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value())
                .getSources()
                .size());
      }
    }
    Await.until(
        "table property to match the " + expected.size() + " properties of property.state",
        timeout,
        () -> {
          final Map<String, Integer> actual = new TreeMap<>();
          for (final Map.Entry<String, Map<String, String>> row : propertyRows().entrySet()) {
            actual.put(row.getKey(), JSON.readTree(row.getValue().get("sources")).size());
          }
          return actual.equals(expected);
        });
  }

  /** GET on the app: status and body. */
  HttpResponse<String> get(final String path) {
    return get(stack.appUrl(), path);
  }

  /** GET on the app instance at {@code baseUrl} ({@code http://host:port}): status and body. */
  HttpResponse<String> get(final String baseUrl, final String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (final Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }

  /** GET on the app, parsed as JSON; fails unless 200. */
  JsonNode getJson(final String path) {
    return getJson(stack.appUrl(), path);
  }

  /** GET on the app instance at {@code baseUrl}, parsed as JSON; fails unless 200. */
  JsonNode getJson(final String baseUrl, final String path) {
    final HttpResponse<String> response = get(baseUrl, path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (final Exception e) {
      throw new IllegalStateException("GET " + path + " is not JSON", e);
    }
  }

  /**
   * The value of one Prometheus sample line of /metrics, e.g. {@code name{labels}}; 0 if absent.
   */
  double metric(final String sample) {
    return metric(stack.appUrl(), sample);
  }

  /** The value of one Prometheus sample line of the instance at {@code baseUrl}; 0 if absent. */
  double metric(final String baseUrl, final String sample) {
    return get(baseUrl, "/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElse(0.0);
  }
}
