package io.midcoast.embedded;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.ml.price.AmesReso;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo feed: the Ames, Iowa housing data (2,930 sales 2006–2010, De Cock 2011; see NOTICE)
 * rendered as RESO Property records in OData pages for {@code feeds.reso.property}, plus a county
 * recorder rendering of every 5th sale for {@code feeds.county.sale}.
 *
 * <p>The rendering is exact and deterministic (same bytes every run), so publishing twice is a true
 * replay. Row {@code n} (1-based, in file order) becomes the RESO record of ml-models' {@link
 * AmesReso} (ListingKey {@code AMES-<n>}, CloseDate {@code Year_Sold-Mo_Sold-15}, the extended
 * facts, ...: its javadoc lists the whole mapping), the one Ames → RESO mapping, which the price
 * model is trained on too.
 *
 * <p>County rendering of every 5th row ({@code n % 5 == 0}): apn {@code AMES-APN-<n>}, empty situs
 * address and postal code, sale date 3 days after CloseDate (inside the 7-day duplicate window),
 * document type {@code WD}, and the same price, areas, year, rooms, coordinates as the RESO record
 * so entity resolution joins them; {@code land_use} is the RESO PropertySubType.
 *
 * <p>Message keys: a page is keyed by its first ListingKey, a county line by its apn.
 */
public final class AmesFeed {

  /** The classpath resource holding the data. */
  public static final String RESOURCE = "/data/ames.csv";

  /** RESO records per OData page. */
  public static final int PAGE_SIZE = 100;

  /** The message key of every timeline page (one partition: event order is kept). */
  public static final String TIMELINE_KEY = "ames-timeline";

  /** Every how many rows a county sale record is rendered. */
  public static final int COUNTY_EVERY = 5;

  /** Header of the county CSV format (not sent: one data line per message). */
  public static final String COUNTY_COLUMNS =
      "apn,situs_address,city,state,postal_code,sale_date,sale_price,document_type,"
          + "living_area_sqft,lot_size_sqft,year_built,bedrooms,bathrooms,land_use,latitude,longitude";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  /** One message of the feed. */
  public record Message(Topic<String, byte[]> topic, String key, byte[] value) {

    /** The value as UTF-8 text. */
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** What a publish wrote. */
  public record Published(int resoPages, int resoRecords, int countySales) {}

  private final List<Map<String, String>> rows;

  private AmesFeed(final List<Map<String, String>> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Loads the bundled data. */
  public static AmesFeed load() {
    try (InputStream in = AmesFeed.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new AmesFeed(AmesReso.readRows(in));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Number of sales (rows). */
  public int size() {
    return rows.size();
  }

  /** The RESO Property record of row {@code n} (1-based). */
  public ObjectNode resoRecord(final int n) {
    return AmesReso.resoRecord(n, row(n));
  }

  /** The county sale CSV line of row {@code n} (1-based), without line terminator. */
  public String countySaleLine(final int n) {
    final Map<String, String> row = row(n);
    return csvLine(
        "AMES-APN-" + n,
        "",
        "Ames",
        "IA",
        "",
        AmesReso.closeDate(row).plusDays(3).toString(),
        AmesReso.field(row, "Sale_Price"),
        "WD",
        AmesReso.field(row, "Gr_Liv_Area"),
        AmesReso.field(row, "Lot_Area"),
        AmesReso.field(row, "Year_Built"),
        AmesReso.field(row, "Bedroom_AbvGr"),
        Integer.toString(AmesReso.bathrooms(row)),
        AmesReso.subType(row),
        AmesReso.field(row, "Latitude"),
        AmesReso.field(row, "Longitude"));
  }

  /** The OData pages for {@code feeds.reso.property}, in row order. */
  public List<Message> resoPages() {
    final List<Message> pages = new ArrayList<>();
    for (int first = 1; first <= rows.size(); first += PAGE_SIZE) {
      final ObjectNode page = JSON.createObjectNode();
      final ArrayNode value = page.putArray("value");
      for (int n = first; n < first + PAGE_SIZE && n <= rows.size(); n++) {
        value.add(resoRecord(n));
      }
      pages.add(new Message(Topics.RESO_PROPERTY, "AMES-" + first, bytes(page)));
    }
    return List.copyOf(pages);
  }

  /** The county sale lines for {@code feeds.county.sale}, in row order. */
  public List<Message> countySales() {
    final List<Message> sales = new ArrayList<>();
    for (int n = COUNTY_EVERY; n <= rows.size(); n += COUNTY_EVERY) {
      sales.add(
          new Message(
              Topics.COUNTY_SALE,
              "AMES-APN-" + n,
              countySaleLine(n).getBytes(StandardCharsets.UTF_8)));
    }
    return List.copyOf(sales);
  }

  /**
   * The Active listing record of row {@code n}: the house as it stood when listed, 45 days before
   * its close ({@code StandardStatus} Active, {@code ModificationTimestamp} = ListingContractDate
   * at 12:00Z, no CloseDate or ClosePrice); the Closed record of {@link #resoRecord} is its later
   * version.
   */
  public ObjectNode listingRecord(final int n) {
    final ObjectNode record = resoRecord(n).deepCopy();
    record.put("StandardStatus", "Active");
    record.put("ModificationTimestamp", record.get("ListingContractDate").asText() + "T12:00:00Z");
    record.remove("CloseDate");
    record.remove("ClosePrice");
    return record;
  }

  /**
   * The market timeline for {@code feeds.reso.property}: every house listed ({@link
   * #listingRecord}) then closed ({@link #resoRecord}), all 2 × {@link #size()} records in event
   * order (ModificationTimestamp, then row, listing before close), in OData pages of {@value
   * #PAGE_SIZE}, all keyed {@value #TIMELINE_KEY} so they share one partition and keep their order,
   * as a feed publishing in order would. A price estimate made while a house is listed is compared
   * with its close: the demo's live accuracy.
   */
  public List<Message> timelinePages() {
    record Event(String at, int n, boolean closed) {}
    final List<Event> events = new ArrayList<>(2 * rows.size());
    for (int n = 1; n <= rows.size(); n++) {
      final LocalDate close = AmesReso.closeDate(row(n));
      events.add(new Event(close.minusDays(45).toString(), n, false));
      events.add(new Event(close.toString(), n, true));
    }
    events.sort(
        java.util.Comparator.comparing(Event::at)
            .thenComparingInt(Event::n)
            .thenComparing(Event::closed));
    final List<Message> pages = new ArrayList<>();
    for (int first = 0; first < events.size(); first += PAGE_SIZE) {
      final ObjectNode page = JSON.createObjectNode();
      final ArrayNode value = page.putArray("value");
      for (int i = first; i < first + PAGE_SIZE && i < events.size(); i++) {
        final Event event = events.get(i);
        value.add(event.closed() ? resoRecord(event.n()) : listingRecord(event.n()));
      }
      pages.add(new Message(Topics.RESO_PROPERTY, TIMELINE_KEY, bytes(page)));
    }
    return List.copyOf(pages);
  }

  /**
   * Publishes the market timeline ({@link #timelinePages}) and the county sales; waits for acks.
   */
  public Published publishTimeline(final String bootstrapServers) {
    try (Producer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig(bootstrapServers))) {
      return publish(producer, timelinePages(), 2 * rows.size());
    }
  }

  /**
   * Publishes the given messages in order (e.g. {@link #timelinePages} alone, then {@link
   * #countySales} once they are processed) and waits for every acknowledgement.
   */
  public void publish(final String bootstrapServers, final List<Message> messages) {
    try (Producer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig(bootstrapServers))) {
      send(producer, messages);
    }
  }

  /** Every message of the feed: the RESO pages, then the county sales. */
  public List<Message> messages() {
    final List<Message> all = new ArrayList<>(resoPages());
    all.addAll(countySales());
    return List.copyOf(all);
  }

  /** Publishes the whole feed to {@code bootstrapServers} and waits for every acknowledgement. */
  public Published publish(final String bootstrapServers) {
    try (Producer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig(bootstrapServers))) {
      return publish(producer);
    }
  }

  /** Publishes the whole feed with {@code producer} and waits for every acknowledgement. */
  public Published publish(final Producer<String, byte[]> producer) {
    return publish(producer, resoPages(), rows.size());
  }

  private Published publish(
      final Producer<String, byte[]> producer, final List<Message> pages, final int records) {
    final List<Message> sales = countySales();
    final List<Message> all = new ArrayList<>(pages);
    all.addAll(sales);
    send(producer, all);
    return new Published(pages.size(), records, sales.size());
  }

  private static void send(final Producer<String, byte[]> producer, final List<Message> messages) {
    final List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (final Message message : messages) {
      acks.add(
          producer.send(
              new ProducerRecord<>(message.topic().name(), message.key(), message.value())));
    }
    producer.flush();
    try {
      for (final Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the Ames feed", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot publish the Ames feed: " + e.getMessage(), e);
    }
  }

  /** Producer settings: idempotent, acks=all, lz4. */
  public static Properties producerConfig(final String bootstrapServers) {
    final Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "midcoast-ames-feed");
    return config;
  }

  private Map<String, String> row(final int n) {
    if (n < 1 || n > rows.size()) {
      throw new IndexOutOfBoundsException("row " + n + " not in 1.." + rows.size());
    }
    return rows.get(n - 1);
  }

  static String csvLine(final String... values) {
    return Arrays.stream(values).map(AmesFeed::csvField).collect(Collectors.joining(","));
  }

  private static String csvField(final String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static byte[] bytes(final ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
