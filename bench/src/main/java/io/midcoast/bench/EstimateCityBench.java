package io.midcoast.bench;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.topology.analytics.EstimateTopology;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Property changes per second through the estimate stage when one city holds many houses: the
 * estimates topology ({@code EstimateTopology.topology}, bundled model, production Streams
 * configuration, RocksDB stores) in a {@link TopologyTestDriver}, no broker. Every house of the
 * workload is in one city and {@code --subdivisions} subdivisions (1: one region of every house,
 * the hostile feed's shape). Each house is listed, then closed with a sale about 10–60 days later
 * (event dates progress over two years with up to 20 days of jitter, so changes arrive out of event
 * order, as from several upstream partitions); then {@code --corrections} closed sales get a
 * corrected price, each a sale before the market clock, with every house in the city.
 *
 * <p>Prints the changes per second for every {@code --report-every} changes while the city grows,
 * for the growth as a whole, and for the corrections (the figure at full size), with the counts of
 * published estimates, scores and accuracy figures and a SHA-256 digest of every output record in
 * order: two versions of the stage that publish the same figures print the same digest.
 *
 * <pre>
 * bench/run.sh estimate-city [--houses 20000 --corrections 2000 --subdivisions 1 --seed 7
 *     --report-every 2000]
 * </pre>
 */
public final class EstimateCityBench {

  private static final String CITY = "AMES";
  private static final LocalDate FIRST_DAY = LocalDate.parse("2022-01-03");
  private static final int SPAN_DAYS = 730;
  private static final int CLOSE_LAG = 200;

  private final int houses;
  private final int subdivisions;
  private final SplittableRandom random;
  private final List<Property> listed = new ArrayList<>();
  private final List<Property> closed = new ArrayList<>();

  private EstimateCityBench(final int houses, final int subdivisions, final long seed) {
    this.houses = houses;
    this.subdivisions = subdivisions;
    this.random = new SplittableRandom(seed);
  }

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        Args.parse(argv, List.of("houses", "corrections", "subdivisions", "seed", "report-every"));
    final int houses = args.intValue("houses", 20_000);
    final int corrections = args.intValue("corrections", 2_000);
    final int reportEvery = args.intValue("report-every", 2_000);
    final EstimateCityBench bench =
        new EstimateCityBench(houses, args.intValue("subdivisions", 1), args.longValue("seed", 7L));
    bench.run(corrections, reportEvery);
  }

  private void run(final int corrections, final int reportEvery) throws Exception {
    final Path stateDir = Files.createTempDirectory("estimate-city-bench");
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    final Properties file = new Properties();
    file.put(KafkaSettings.APPLICATION_ID, "estimate-city-bench");
    file.put(KafkaSettings.BOOTSTRAP_SERVERS, "dummy:9092");
    file.put(KafkaSettings.STATE_DIR, stateDir.toString());
    final Properties streams =
        KafkaSettings.from(ConfigSource.of(file, Map.of())).streamsProperties(counters);
    Report.note(
        String.format(
            "%d houses in %s, %d subdivision(s), then %d corrections",
            houses, CITY, subdivisions, corrections));
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EstimateTopology.topology(counters, PriceModel.loadBundled()), streams)) {
      final Outputs outputs = new Outputs(driver);
      final TestInputTopic<String, Property> input =
          driver.createInputTopic(
              Topics.PROPERTY_STATE.name(),
              new StringSerializer(),
              Topics.PROPERTY_STATE.valueSerde().serializer());
      final List<Property> growth = growth();
      long changes = 0;
      long housesClosed = 0;
      Span block = new Span();
      final Span all = new Span();
      for (final Property change : growth) {
        input.pipeInput(change.getPropertyId(), change);
        outputs.drain();
        housesClosed += change.getLastSale() == null ? 0 : 1;
        if (++changes % reportEvery == 0) {
          block.report(
              "estimate_city_growth_block",
              String.format(
                  "changes %d-%d (%d houses closed)",
                  changes - reportEvery + 1, changes, housesClosed),
              reportEvery);
          block = new Span();
        }
      }
      all.report(
          "estimate_city_growth",
          String.format("%d changes (%d houses listed then closed)", growth.size(), houses),
          growth.size());

      final Span fixing = new Span();
      for (int i = 0; i < corrections; i++) {
        final Property change = correction(i);
        input.pipeInput(change.getPropertyId(), change);
        outputs.drain();
      }
      fixing.report(
          "estimate_city_corrections",
          String.format("%d corrected sales with %d houses in the city", corrections, houses),
          corrections);
      Report.figure(
          "estimate_city_outputs",
          "%d estimates, %d scores, %d accuracy figures; digest %s",
          outputs.estimates,
          outputs.scores,
          outputs.accuracies,
          outputs.digest());
    }
  }

  /**
   * Every house listed, and each closed {@value #CLOSE_LAG} listings later: listing {@code i} is
   * followed by the close of house {@code i − CLOSE_LAG}.
   */
  private List<Property> growth() {
    final List<Property> changes = new ArrayList<>();
    for (int i = 0; i < houses + CLOSE_LAG; i++) {
      if (i < houses) {
        final Property house = listedHouse(i);
        listed.add(house);
        changes.add(house);
      }
      if (i >= CLOSE_LAG) {
        final Property house = closedHouse(listed.get(i - CLOSE_LAG), eventDay(i));
        closed.add(house);
        changes.add(house);
      }
    }
    return changes;
  }

  /** The event date of step {@code i}: two years over the houses, up to 20 days early. */
  private LocalDate eventDay(final int i) {
    return FIRST_DAY.plusDays((long) i * SPAN_DAYS / houses - random.nextInt(21));
  }

  private Property listedHouse(final int i) {
    final LocalDate day = eventDay(i);
    final int area = 800 + random.nextInt(2_600);
    final long cents = Math.round(area * (150 + 25 * random.nextGaussian()) / 100) * 10_000L;
    final Listing listing =
        Listing.newBuilder()
            .setListingKey("L-" + i)
            .setStandardStatus(ListingStatus.ACTIVE)
            .setListPriceCents(Math.max(cents, 1_000_000L))
            .setOriginalListPriceCents(Math.max(cents, 1_000_000L))
            .setListingContractDate(day)
            .setOnMarketDate(day)
            .setModificationTimestamp(noon(day))
            .build();
    return Property.newBuilder()
        .setPropertyId("house-" + i)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(
            Address.newBuilder()
                .setLine((1 + i) + " MAIN ST")
                .setPostalCode("50010")
                .setCity(CITY)
                .setStateOrProvince("IA")
                .setSubdivision("SUB-" + (i % subdivisions))
                .build())
        .setCharacteristics(
            Characteristics.newBuilder()
                .setLivingAreaSqft(area)
                .setLotSizeSqft(4_000L + random.nextInt(16_000))
                .setYearBuilt(1900 + random.nextInt(124))
                .setBedrooms(1 + random.nextInt(5))
                .setBathrooms(1 + random.nextInt(3))
                .build())
        .setListing(listing)
        .setSales(new ArrayList<>())
        .setSources(new ArrayList<>())
        .setUpdatedAt(noon(day))
        .build();
  }

  /** {@code house} closed at about its list price, 10–60 days after listing, by {@code day}. */
  private Property closedHouse(final Property house, final LocalDate day) {
    final LocalDate onMarket = house.getListing().getOnMarketDate();
    final LocalDate latest = day.isAfter(onMarket) ? day : onMarket;
    final LocalDate closeDay = min(onMarket.plusDays(10 + random.nextInt(51)), latest);
    final long list = house.getListing().getListPriceCents();
    final long cents = Math.round(list * (0.95 + 0.1 * random.nextDouble()) / 10_000) * 10_000L;
    return withSale(house, closeDay, Math.max(cents, 1_000_000L), latest);
  }

  /**
   * A closed house drawn at random, its close price moved by up to ±5%, updated a day or three
   * after its previous version.
   */
  private Property correction(final int i) {
    final int which = random.nextInt(closed.size());
    final Property house = closed.get(which);
    final Sale sale = house.getLastSale();
    final long cents =
        Math.round(sale.getClosePriceCents() * (0.95 + 0.1 * random.nextDouble()) / 10_000)
            * 10_000L;
    final LocalDate updated = date(house.getUpdatedAt()).plusDays(1 + i % 3);
    final Property corrected =
        withSale(house, sale.getCloseDate(), Math.max(cents, 1_000_000L), updated);
    closed.set(which, corrected);
    return corrected;
  }

  private static Property withSale(
      final Property house, final LocalDate closeDay, final long cents, final LocalDate updated) {
    final Listing listing =
        Listing.newBuilder(house.getListing())
            .setStandardStatus(ListingStatus.CLOSED)
            .setClosePriceCents(cents)
            .setCloseDate(closeDay)
            .setModificationTimestamp(noon(updated))
            .build();
    final Sale sale =
        Sale.newBuilder()
            .setSource(SourceFeed.RESO)
            .setSourceKey("reso:" + listing.getListingKey())
            .setCloseDate(closeDay)
            .setClosePriceCents(cents)
            .build();
    return Property.newBuilder(house)
        .setListing(listing)
        .setSales(new ArrayList<>(List.of(sale)))
        .setLastSale(sale)
        .setUpdatedAt(noon(updated))
        .build();
  }

  /** Wall and CPU time from its start. */
  private static final class Span {
    private final long start = System.nanoTime();
    private final long cpuStart = cpuNanos();

    /** Prints figure {@code name}: {@code what} in s, changes/s and CPU ms per change. */
    void report(final String name, final String what, final long changes) {
      final double seconds = (System.nanoTime() - start) / 1e9;
      final double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
      Report.figure(
          name,
          "%s in %.1f s: %.1f changes/s, %.2f ms CPU per change (%.1f CPU s)",
          what,
          seconds,
          changes / seconds,
          cpuSeconds * 1e3 / changes,
          cpuSeconds);
    }

    /** CPU time of this process so far (every thread, RocksDB's included). */
    private static long cpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  private static Instant noon(final LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  private static LocalDate date(final Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static LocalDate min(final LocalDate a, final LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  /** The three output topics, read as they fill, counted and digested in order. */
  private static final class Outputs {
    private final TestOutputTopic<String, PriceEstimate> estimateTopic;
    private final TestOutputTopic<String, PropertyScore> scoreTopic;
    private final TestOutputTopic<String, EstimateAccuracy> accuracyTopic;
    private final MessageDigest digest;
    private long estimates;
    private long scores;
    private long accuracies;

    Outputs(final TopologyTestDriver driver) throws NoSuchAlgorithmException {
      estimateTopic = output(driver, Topics.ANALYTICS_ESTIMATE);
      scoreTopic = output(driver, Topics.ANALYTICS_SCORE);
      accuracyTopic = output(driver, Topics.ANALYTICS_ESTIMATE_ACCURACY);
      digest = MessageDigest.getInstance("SHA-256");
    }

    private static <V> TestOutputTopic<String, V> output(
        final TopologyTestDriver driver, final Topic<String, V> topic) {
      return driver.createOutputTopic(
          topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    void drain() {
      estimates += read(estimateTopic, Topics.ANALYTICS_ESTIMATE.valueSerde().serializer());
      scores += read(scoreTopic, Topics.ANALYTICS_SCORE.valueSerde().serializer());
      accuracies +=
          read(accuracyTopic, Topics.ANALYTICS_ESTIMATE_ACCURACY.valueSerde().serializer());
    }

    private <V> long read(final TestOutputTopic<String, V> topic, final Serializer<V> values) {
      long n = 0;
      for (final TestRecord<String, V> record : topic.readRecordsToList()) {
        digest.update(record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (record.value() != null) {
          digest.update(values.serialize("digest", record.value()));
        }
        n++;
      }
      return n;
    }

    String digest() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
