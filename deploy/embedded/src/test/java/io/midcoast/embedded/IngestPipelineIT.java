package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midcoast.connect.SinkConnectors;
import io.midcoast.schemas.DeadLetter;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The ingest pipeline end to end on the real stack: feed topics → the app (Kafka Streams) →
 * property.state → Kafka Connect (Debezium JDBC sink) → Postgres, and the HTTP API, through a
 * replay, a restart and a crash. The ordered steps build on each other; the stack's own parts
 * (topic catalogue, a plain round trip, the sink and its table) are checked on the same stack,
 * unordered (one stack per class: starting it takes half a minute on 2 cores). The whole Ames feed
 * through the topology, and its replay, is {@link AmesFeedTopologyTest}'s; every Ames house in
 * Postgres and over HTTP is {@link AnalyticsIT}'s.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestPipelineIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String APP_ID = "it-ingest-" + RUN_ID;

  private static final String LISTING_A =
      """
      {"ListingKey":"IT-A","StandardStatus":"Active","ModificationTimestamp":"2024-03-01T10:00:00Z",
       "ListPrice":325000,"UnparsedAddress":"123 North Main Street Apt 4","City":"Ames",
       "StateOrProvince":"IA","PostalCode":"50010","LivingArea":1450,"BedroomsTotal":3,
       "BathroomsTotalInteger":2,"YearBuilt":1998,"PropertyType":"Residential"}""";
  private static final String LISTING_A_CORRECTED =
      LISTING_A.replace("2024-03-01T10:00:00Z", "2024-03-05T09:30:00Z").replace("325000", "315000");
  private static final String LISTING_B =
      """
      {"value":[{"ListingKey":"IT-B","StandardStatus":"Closed","ModificationTimestamp":"2024-02-20T08:00:00Z",
       "ListPrice":210000,"ClosePrice":205000,"CloseDate":"2024-02-16","StreetNumber":"77",
       "StreetName":"Oak","StreetSuffix":"Court","City":"Ames","StateOrProvince":"IA",
       "PostalCode":"50014","LivingArea":1200,"YearBuilt":1975}]}""";
  private static final String COUNTY_B =
      "0912345678,77 OAK CT.,AMES,IA,50014-1234,2024-02-19,205000,WD,1200,8400,1975,3,2,RES,,";
  private static final String LISTING_C =
      """
      {"ListingKey":"IT-C","StandardStatus":"Pending","ModificationTimestamp":"2024-04-01T12:00:00Z",
       "ListPrice":450000,"UnparsedAddress":"9 Elm Road","City":"Ames","StateOrProvince":"IA",
       "PostalCode":"50010"}""";
  private static final String MALFORMED = "{\"ListingKey\":\"IT-BAD\",\"StandardStatus\":";
  private static final String CLOSE_PRICE_ON_ACTIVE =
      LISTING_A
          .replace("IT-A", "IT-INVALID")
          .replace("\"ListPrice\"", "\"ClosePrice\":300000,\"ListPrice\"");

  private Stack stack;
  private AppProcess app;
  private Probe probe;
  private int stateRecordsAfterFirstLoad;

  @BeforeAll
  void startStack() {
    // the data dir (logs of broker, Connect and app) stays in target/ for post-mortems
    stack =
        Stack.builder()
            .dataDir(java.nio.file.Path.of("target", "it-data", APP_ID).toAbsolutePath())
            .connectGroupId("it-connect-" + RUN_ID)
            .applicationId(APP_ID)
            .start();
    app = stack.startApp();
    probe = new Probe(stack, APP_ID);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldLandFeedRecordsInPostgresAndServeThemOverHttp() {
    probe.publish(Topics.RESO_PROPERTY, List.of(LISTING_A, LISTING_B));
    probe.publish(Topics.COUNTY_SALE, List.of(COUNTY_B));

    final Map<String, String> a = probe.awaitRowOfListing("IT-A", WAIT);
    assertThat(a.get("id_kind")).isEqualTo("ADDRESS");
    assertThat(a.get("address_postal_code")).isEqualTo("50010");
    assertThat(a.get("listing_standard_status")).isEqualTo("ACTIVE");
    assertThat(a.get("listing_list_price_cents")).isEqualTo("32500000");
    assertThat(a.get("living_area_sqft")).isEqualTo("1450");

    // the MLS close and the county deed of house B resolve to one property with one sale
    final Map<String, String> b =
        Await.value(
            "house B with both sources",
            WAIT,
            () ->
                probe.propertyRows().values().stream()
                    .filter(row -> "IT-B".equals(row.get("listing_key")))
                    .filter(row -> row.get("sources").contains("county:"))
                    .findFirst());
    assertThat(b.get("last_sale_close_price_cents")).isEqualTo("20500000");
    assertThat(b.get("last_sale_source")).isEqualTo("RESO");
    assertThat(b.get("lot_size_sqft")).as("filled in from the county record").isEqualTo("8400");
    assertThat(jsonArrayLength(b.get("sales"))).isEqualTo(1);

    final JsonNode served = probe.getJson("/api/v1/properties/" + a.get("property_id"));
    assertThat(served.at("/listing/listingKey").asText()).isEqualTo("IT-A");
    assertThat(served.at("/listing/listPriceCents").asLong()).isEqualTo(32_500_000L);
    assertThat(probe.get("/api/v1/properties/no-such-house").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void shouldDeadLetterBadRecordsWithTheirBytesAndReasonAndKeepRunning() {
    probe.publish(Topics.RESO_PROPERTY, List.of(MALFORMED, CLOSE_PRICE_ON_ACTIVE));

    final List<DeadLetter> letters =
        Await.value(
            "two dead letters",
            WAIT,
            () -> {
              final List<DeadLetter> all = probe.deadLetters();
              return all.size() >= 2 ? Optional.of(all) : Optional.empty();
            });
    final DeadLetter malformed =
        letters.stream()
            .filter(l -> l.getReason().equals("MALFORMED_JSON"))
            .findFirst()
            .orElseThrow();
    assertThat(malformed.getStage()).isEqualTo("collect");
    assertThat(malformed.getSourceTopic()).isEqualTo(Topics.RESO_PROPERTY.name());
    assertThat(new String(bytes(malformed.getOriginalValue()), StandardCharsets.UTF_8))
        .isEqualTo(MALFORMED);
    assertThat(letters).anyMatch(l -> l.getReason().equals("CLOSE_PRICE_NOT_CLOSED"));

    Await.until(
        "the dead letters counted in /metrics",
        WAIT,
        () ->
            probe.metric(
                        "midcoast_records_dead_lettered_total{reason=\"MALFORMED_JSON\",stage=\"collect\"}")
                    == 1.0
                && probe.metric(
                        "midcoast_records_dead_lettered_total{reason=\"CLOSE_PRICE_NOT_CLOSED\",stage=\"validate\"}")
                    == 1.0);
    assertThat(probe.get("/health/live").statusCode()).isEqualTo(200);
    assertThat(probe.get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void shouldChangeNothingWhenTheSameFeedIsPublishedAgain() {
    probe.awaitCaughtUp(WAIT);
    final var rowsBefore = probe.propertyRows();
    stateRecordsAfterFirstLoad = probe.readAll(Topics.PROPERTY_STATE).size();

    probe.publish(Topics.RESO_PROPERTY, List.of(LISTING_A, LISTING_B));
    probe.publish(Topics.COUNTY_SALE, List.of(COUNTY_B));
    probe.awaitCaughtUp(WAIT);

    assertThat(probe.readAll(Topics.PROPERTY_STATE)).hasSize(stateRecordsAfterFirstLoad);
    assertThat(probe.propertyRows()).isEqualTo(rowsBefore);
  }

  @Test
  @Order(4)
  void shouldResumeFromCommittedStateAfterARestart() {
    app.stop();
    app.restart(AppProcess.DEFAULT_READY_TIMEOUT);
    probe.awaitCaughtUp(WAIT);
    assertThat(probe.readAll(Topics.PROPERTY_STATE))
        .as("nothing re-emitted after the restart")
        .hasSize(stateRecordsAfterFirstLoad);
    final String a = probe.awaitRowOfListing("IT-A", WAIT).get("property_id");
    assertThat(probe.getJson("/api/v1/properties/" + a).at("/listing/listingKey").asText())
        .isEqualTo("IT-A");

    probe.publish(Topics.RESO_PROPERTY, List.of(LISTING_A_CORRECTED));
    Await.until(
        "the corrected list price in Postgres",
        WAIT,
        () -> "31500000".equals(probe.propertyRows().get(a).get("listing_list_price_cents")));
    assertThat(probe.getJson("/api/v1/properties/" + a).at("/listing/listPriceCents").asLong())
        .isEqualTo(31_500_000L);
  }

  @Test
  @Order(5)
  void shouldProcessEachRecordOnceAcrossACrash() {
    probe.awaitCaughtUp(WAIT);
    final int before = probe.readAll(Topics.PROPERTY_STATE).size();
    app.kill();
    probe.publish(Topics.RESO_PROPERTY, List.of(LISTING_C));
    app.restart(AppProcess.DEFAULT_READY_TIMEOUT);

    probe.awaitRowOfListing("IT-C", WAIT);
    probe.awaitCaughtUp(WAIT);
    assertThat(probe.readAll(Topics.PROPERTY_STATE))
        .as("exactly one new property.state record: house C")
        .hasSize(before + 1);
  }

  // The stack's own parts, independent of the pipeline steps above (run after them): the topic
  // catalogue, a plain produce/consume round trip on a topic of its own, the sink and its table.

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
    final Topic<String, byte[]> roundTrip =
        new Topic<>("it.roundtrip." + RUN_ID, Serdes.String(), Serdes.ByteArray(), false);
    TopicInstaller.install(
        stack.bootstrapServers(), List.of(roundTrip), Stack.defaultTopicSettings());
    final byte[] value = ("hello " + RUN_ID).getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(AmesFeed.producerConfig(stack.bootstrapServers()))) {
      producer
          .send(new ProducerRecord<>(roundTrip.name(), "key-" + RUN_ID, value))
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
      consumer.subscribe(List.of(roundTrip.name()));
      final ConsumerRecord<String, byte[]> record =
          Await.value(
              "the record back from " + roundTrip.name(),
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

  private static int jsonArrayLength(final String json) {
    try {
      return Probe.JSON.readTree(json).size();
    } catch (final Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static byte[] bytes(final java.nio.ByteBuffer buffer) {
    final java.nio.ByteBuffer copy = buffer.duplicate();
    final byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
