package io.midcoast.topology.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.Property;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.ingest.collect.ResoCollector;
import io.midcoast.topology.monitor.StageCounters;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Test data and a driver around the ingest topology, with fixed timestamps. */
public final class IngestFixtures implements AutoCloseable {

  /** The Kafka timestamp of every test record unless a test says otherwise. */
  public static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  public final TopologyTestDriver driver;
  public final TestInputTopic<String, byte[]> reso;
  public final TestInputTopic<String, byte[]> county;
  public final TestOutputTopic<String, Property> properties;
  public final TestOutputTopic<String, DeadLetter> deadLetters;

  /** The application id of the test driver: prefix of internal topics. */
  public static final String APPLICATION_ID = "ingest-test";

  public IngestFixtures(final StageCounters counters) {
    this(IngestTopology.topology(counters), counters);
  }

  /**
   * A driver around {@code topology}, configured as production is: {@link
   * KafkaSettings#streamsProperties(StageCounters)} with the real error handlers, explicit naming
   * of internal resources enforced.
   */
  public IngestFixtures(final Topology topology, final StageCounters counters) {
    driver = new TopologyTestDriver(topology, streamsProperties(counters), NOW);
    reso =
        driver.createInputTopic(
            Topics.RESO_PROPERTY.name(),
            new StringSerializer(),
            new ByteArraySerializer(),
            NOW,
            Duration.ZERO);
    county =
        driver.createInputTopic(
            Topics.COUNTY_SALE.name(),
            new StringSerializer(),
            new ByteArraySerializer(),
            NOW,
            Duration.ZERO);
    properties =
        driver.createOutputTopic(
            Topics.PROPERTY_STATE.name(),
            new StringDeserializer(),
            Topics.PROPERTY_STATE.valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.INGEST_DLQ.name(),
            new StringDeserializer(),
            Topics.INGEST_DLQ.valueSerde().deserializer());
  }

  /** The production Streams configuration, with a fresh state directory. */
  public static Properties streamsProperties(final StageCounters counters) {
    final Properties file = new Properties();
    file.put(KafkaSettings.APPLICATION_ID, APPLICATION_ID);
    file.put(KafkaSettings.BOOTSTRAP_SERVERS, "dummy:9092");
    try {
      final Path dir = Files.createTempDirectory("ingest-test");
      dir.toFile().deleteOnExit();
      file.put(KafkaSettings.STATE_DIR, dir.toString());
    } catch (final java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return KafkaSettings.from(ConfigSource.of(file, Map.of())).streamsProperties(counters);
  }

  /** Pipes a RESO record at {@link #NOW}. */
  public void reso(final String key, final ObjectNode json) {
    reso.pipeInput(key, bytes(json), NOW);
  }

  /** Pipes a RESO record with Kafka timestamp {@code when}. */
  public void reso(final String key, final ObjectNode json, final Instant when) {
    reso.pipeInput(key, bytes(json), when);
  }

  /** Pipes a county line at {@link #NOW}. */
  public void county(final String key, final String line) {
    county(key, line, NOW);
  }

  /** Pipes a county line with Kafka timestamp {@code when}. */
  public void county(final String key, final String line, final Instant when) {
    county.pipeInput(key, line.getBytes(StandardCharsets.UTF_8), when);
  }

  /** The current value in the property store. */
  public Property stored(final String propertyId) {
    return driver.<String, Property>getKeyValueStore(StoreNames.PROPERTY).get(propertyId);
  }

  @Override
  public void close() {
    driver.close();
  }

  /** A minimal valid active RESO listing at 123 North Main Street, Ames IA 50010. */
  public static ObjectNode listing(final String key) {
    final ObjectNode json = ResoCollector.MAPPER.createObjectNode();
    json.put("ListingKey", key);
    json.put("StandardStatus", "Active");
    json.put("ModificationTimestamp", "2024-05-01T12:00:00Z");
    json.put("ListPrice", 350000);
    json.put("UnparsedAddress", "123 North Main Street, Ames, IA 50010");
    json.put("City", "Ames");
    json.put("StateOrProvince", "IA");
    json.put("PostalCode", "50010");
    json.put("BedroomsTotal", 3);
    json.put("BathroomsTotalInteger", 2);
    json.put("LivingArea", 1500);
    json.put("LotSizeSquareFeet", 8000);
    json.put("YearBuilt", 1995);
    return json;
  }

  /** The same listing, closed at {@code price} on {@code date}, modified at {@code modified}. */
  public static ObjectNode closed(
      final String key, final long price, final String date, final String modified) {
    final ObjectNode json = listing(key);
    json.put("StandardStatus", "Closed");
    json.put("ClosePrice", price);
    json.put("CloseDate", date);
    json.put("ModificationTimestamp", modified);
    return json;
  }

  /** A county line for 123 N Main St (written differently), 50010. */
  public static String countyLine(final String apn, final String saleDate, final String price) {
    return apn
        + ",\"123 N. Main St.\",Ames,IA,50010-1234,"
        + saleDate
        + ","
        + price
        + ",WD,1500,8000,1995,3,2,RES,42.0,-93.6";
  }

  public static byte[] bytes(final ObjectNode json) {
    try {
      return ResoCollector.MAPPER.writeValueAsBytes(json);
    } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
