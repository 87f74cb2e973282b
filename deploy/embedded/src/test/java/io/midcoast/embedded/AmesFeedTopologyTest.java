package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.analytics.TrendTopology;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestTopology;
import io.midcoast.topology.monitor.StageCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo feed through the ingest and trend topologies (as {@link MidcoastTopology} composes them,
 * configured as production is) in a {@link TopologyTestDriver}: the figures of the trend topology
 * equal the ones computed independently from the CSV ({@link AmesTrendFigures}), whether the feed
 * comes as pages of closed sales or as the market timeline; a replay of the whole feed changes
 * nothing; a correction moves exactly its cells and its stale copy is ignored; the county records
 * join their houses.
 *
 * <p>The whole feed is loaded once into one driver; the ordered checks read it, replay it, then
 * correct it. Only the topology is needed for these checks, so they run here, without a broker; the
 * stack tests check that the same figures reach Postgres and HTTP ({@link AnalyticsIT}) and that a
 * replay and a crash change nothing on the real broker ({@link IngestPipelineIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmesFeedTopologyTest {

  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  private AmesFeed feed;
  private List<AmesTrendFigures.Sale> sales;
  private Map<String, Map<String, String>> expected;

  /** The driver the whole feed (pages of closed sales, then the county records) went through. */
  private Run loaded;

  @BeforeAll
  void loadTheWholeFeed() throws IOException {
    feed = AmesFeed.load();
    sales = AmesTrendFigures.readCsv();
    expected = AmesTrendFigures.expectedRows(sales);
    loaded = new Run();
    loaded.publish(feed.messages());
  }

  @AfterAll
  void closeDriver() {
    if (loaded != null) {
      loaded.close();
    }
  }

  @Test
  @Order(1)
  void shouldComputeTheFiguresOfTheCsvFromTheWholeFeed() {
    assertThat(loaded.drainTrends()).as("cells published").isNotEmpty();
    assertThat(loaded.trendTable).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(loaded.trendTable.get("subdivision:North_Ames:2010-05").get("closed_sales"))
        .isEqualTo(
            Long.toString(
                sales.stream()
                    .filter(s -> s.neighborhood().equals("North_Ames"))
                    .filter(
                        s -> s.closeDate().getYear() == 2010 && s.closeDate().getMonthValue() == 5)
                    .count()));
  }

  @Test
  @Order(2)
  void shouldJoinEveryFifthSaleWithItsCountyRecord() {
    loaded.drainStates();
    assertThat(loaded.stateTable).hasSize(feed.size());
    assertThat(
            loaded.stateTable.values().stream()
                .filter(p -> p.getSources().stream().anyMatch(s -> isCounty(s.getSourceKey())))
                .count())
        .as("every 5th Ames sale also came as a county record")
        .isEqualTo(586);
    final Property first =
        loaded.stateTable.values().stream()
            .filter(p -> p.getListing() != null && p.getListing().getListingKey().equals("AMES-1"))
            .findFirst()
            .orElseThrow();
    assertThat(first.getLastSale().getClosePriceCents()).isEqualTo(21_500_000L);
    assertThat(first.getAddress().getSubdivision()).isEqualTo("North_Ames");
  }

  @Test
  @Order(3)
  void shouldChangeNothingOnAReplayOfTheWholeFeed() {
    loaded.drainStates();
    loaded.drainTrends();
    final Map<String, Map<String, String>> before = new TreeMap<>(loaded.trendTable);

    loaded.publish(feed.messages());

    assertThat(loaded.states.isEmpty()).as("a replay emits no property.state record").isTrue();
    assertThat(loaded.trends.isEmpty()).as("a replay publishes no trend cell").isTrue();
    assertThat(loaded.trendTable).isEqualTo(before);
  }

  @Test
  @Order(4)
  void shouldMoveExactlyTheCorrectedCellsOnACorrectionAndIgnoreTheStaleCopy() {
    loaded.drainTrends();
    final ObjectNode original = feed.resoRecord(1);
    final ObjectNode corrected = original.deepCopy();
    corrected.put("ModificationTimestamp", "2010-05-16T12:00:00Z");
    corrected.put("ClosePrice", 225_000);
    corrected.put("ListPrice", 225_000);
    corrected.put("OriginalListPrice", 225_000);

    loaded.reso.pipeInput("AMES-1", corrected.toString().getBytes(StandardCharsets.UTF_8), NOW);
    loaded.reso.pipeInput("AMES-1", original.toString().getBytes(StandardCharsets.UTF_8), NOW);

    final List<AmesTrendFigures.Sale> correctedSales = new ArrayList<>(sales);
    correctedSales.set(0, sales.get(0).withPriceCents(22_500_000L));
    final Map<String, Map<String, String>> after = AmesTrendFigures.expectedRows(correctedSales);
    final Set<String> moved = new TreeSet<>();
    after.forEach(
        (cell, row) -> {
          if (!Objects.equals(row, expected.get(cell))) {
            moved.add(cell);
          }
        });
    assertThat(moved)
        .as("the sale's month in its subdivision and its city")
        .containsExactlyInAnyOrder("subdivision:North_Ames:2010-05", "city:AMES:2010-05");
    assertThat(loaded.drainTrends()).as("cells published again").isEqualTo(moved);
    assertThat(loaded.trendTable).containsExactlyInAnyOrderEntriesOf(after);
  }

  @Test
  void shouldComputeTheSameFiguresFromTheMarketTimeline() throws IOException {
    // every house listed, then closed, in event order, then the deeds: what AnalyticsIT publishes
    try (Run timeline = new Run()) {
      timeline.publish(feed.timelinePages());
      timeline.publish(feed.countySales());

      timeline.drainTrends();
      assertThat(timeline.trendTable).containsExactlyInAnyOrderEntriesOf(expected);
    }
  }

  private static boolean isCounty(final String sourceKey) {
    return sourceKey.startsWith("county:");
  }

  /**
   * The part of the application topology ({@link MidcoastTopology}) the figures come from: ingest
   * into property.state, then trends. Estimates and leads, which cost most of the time per record
   * in the driver, are left out: nothing here depends on them.
   */
  private static Topology topology(final StageCounters counters) {
    final StreamsBuilder builder = new StreamsBuilder();
    IngestTopology.build(builder, counters);
    TrendTopology.build(builder, counters);
    return builder.build();
  }

  /** A driver around {@link #topology}, configured as production is, and what it published. */
  private static final class Run implements AutoCloseable {
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> reso;
    private final TestInputTopic<String, byte[]> county;
    private final TestOutputTopic<String, Property> states;
    private final TestOutputTopic<String, TrendCell> trends;

    /** The analytics.trend table as published so far: cell key → market_trend row. */
    private final Map<String, Map<String, String>> trendTable = new TreeMap<>();

    /** The property.state table as published so far. */
    private final Map<String, Property> stateTable = new HashMap<>();

    Run() throws IOException {
      stateDir = Files.createTempDirectory("ames-feed-topology-test");
      driver =
          ProductionDriver.create(
              AmesFeedTopologyTest::topology, "ames-feed-topology-test", stateDir, NOW);
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
      states =
          driver.createOutputTopic(
              Topics.PROPERTY_STATE.name(),
              new StringDeserializer(),
              Topics.PROPERTY_STATE.valueSerde().deserializer());
      trends =
          driver.createOutputTopic(
              Topics.ANALYTICS_TREND.name(),
              new StringDeserializer(),
              Topics.ANALYTICS_TREND.valueSerde().deserializer());
    }

    void publish(final List<AmesFeed.Message> messages) {
      for (final AmesFeed.Message message : messages) {
        final TestInputTopic<String, byte[]> topic =
            message.topic().name().equals(Topics.COUNTY_SALE.name()) ? county : reso;
        topic.pipeInput(message.key(), message.value(), NOW);
      }
    }

    /** Folds the newly published trend cells into {@link #trendTable}; returns their keys. */
    Set<String> drainTrends() {
      final Set<String> keys = new TreeSet<>();
      for (final TestRecord<String, TrendCell> record : trends.readRecordsToList()) {
        keys.add(record.key());
        if (record.value() == null) {
          trendTable.remove(record.key());
        } else {
          trendTable.put(record.key(), AmesTrendFigures.row(record.key(), record.value()));
        }
      }
      return keys;
    }

    /** Folds the newly published property states into {@link #stateTable}. */
    void drainStates() {
      ProductionDriver.fold(states, stateTable);
    }

    @Override
    public void close() {
      driver.close();
      DataDir.deleteRecursively(stateDir);
    }
  }
}
