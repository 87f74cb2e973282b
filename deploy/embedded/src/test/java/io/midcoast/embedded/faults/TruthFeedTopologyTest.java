package io.midcoast.embedded.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.embedded.AmesTrendFigures;
import io.midcoast.embedded.DataDir;
import io.midcoast.embedded.ProductionDriver;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The truth of {@link TruthFeed} proven without the real stack: the whole feed, in its shuffled
 * order, through the whole application topology ({@link MidcoastTopology}, configured as production
 * is) in a {@link TopologyTestDriver}; the final {@code property.state}, {@code analytics.trend},
 * {@code analytics.estimate} and {@code leads.profile} tables, mapped to the Postgres columns of
 * docs/connect.md, equal {@link TruthFeed#expected}, field by field, and the dead letters equal
 * {@link TruthFeed#expectedDeadLetters}.
 */
class TruthFeedTopologyTest {

  /** The Kafka timestamp of every feed record: after every date of the feed. */
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void shouldEndExactlyAtTheTruthOfTheFeed() throws IOException {
    assertEndsAtTheTruth(TruthFeed.generate(7, 2_000, 500));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void shouldEndExactlyAtTheTruthOfAnotherSeedAndSize() throws IOException {
    assertEndsAtTheTruth(TruthFeed.generate(20_261_205, 1_100, 250));
  }

  private static void assertEndsAtTheTruth(final TruthFeed feed) throws IOException {
    try (Run run = new Run()) {
      for (final FeedMessage message : feed.messages()) {
        run.pipe(message);
      }
      run.drain();
      assertTable(feed.expected("property"), run.properties, TruthFeedTopologyTest::propertyRow);
      assertTable(feed.expected("market_trend"), run.trends, AmesTrendFigures::row);
      assertTable(
          feed.expected("property_estimate"), run.estimates, TruthFeedTopologyTest::estimateRow);
      assertThat(run.estimates).hasSize((int) feed.expectedEstimates());
      assertTable(feed.expected("lead"), run.leads, TruthFeedTopologyTest::leadRow);
      assertThat(run.deadLetters).isEqualTo(feed.expectedDeadLetters());
    }
  }

  /** Compares every expected row with the published one, column by column. */
  private static <V> void assertTable(
      final ExpectedTable expected,
      final Map<String, V> published,
      final BiFunction<String, V, Map<String, String>> columns) {
    final List<String> differences = new ArrayList<>();
    for (final String key : published.keySet()) {
      if (!expected.rows().containsKey(key)) {
        differences.add("unexpected row " + key + ": " + columns.apply(key, published.get(key)));
      }
    }
    expected
        .rows()
        .forEach(
            (key, row) -> {
              final V value = published.get(key);
              if (value == null) {
                differences.add("missing row " + key + ": " + row);
                return;
              }
              final Map<String, String> actual = columns.apply(key, value);
              row.forEach(
                  (column, text) -> {
                    if (!actual.containsKey(column)) {
                      differences.add(key + ": no mapping of column " + column);
                    } else if (!Objects.equals(text, actual.get(column))) {
                      differences.add(
                          key
                              + "."
                              + column
                              + ": expected "
                              + text
                              + " but was "
                              + actual.get(column));
                    }
                  });
            });
    assertThat(differences)
        .as("differences in %s (%d rows expected)", expected.table(), expected.rows().size())
        .isEmpty();
  }

  /** A property.state record as its row of table property (docs/connect.md). */
  static Map<String, String> propertyRow(final String key, final Property p) {
    final Map<String, String> row = new LinkedHashMap<>();
    final Address a = p.getAddress();
    final Characteristics c = p.getCharacteristics();
    final Listing l = p.getListing();
    final Sale s = p.getLastSale();
    row.put("property_id", key);
    row.put("id_kind", text(p.getIdKind()));
    row.put("address_street_number", a.getStreetNumber());
    row.put("address_street_name", a.getStreetName());
    row.put("address_unit_number", a.getUnitNumber());
    row.put("address_line", a.getLine());
    row.put("address_city", a.getCity());
    row.put("address_state_or_province", a.getStateOrProvince());
    row.put("address_postal_code", a.getPostalCode());
    row.put("address_county", a.getCounty());
    row.put("address_subdivision", a.getSubdivision());
    row.put("address_latitude", PgText.decimal(a.getLatitude()));
    row.put("address_longitude", PgText.decimal(a.getLongitude()));
    row.put("property_type", c.getPropertyType());
    row.put("property_sub_type", c.getPropertySubType());
    row.put("bedrooms", text(c.getBedrooms()));
    row.put("bathrooms", text(c.getBathrooms()));
    row.put("living_area_sqft", text(c.getLivingAreaSqft()));
    row.put("lot_size_sqft", text(c.getLotSizeSqft()));
    row.put("year_built", text(c.getYearBuilt()));
    row.put("zoning", c.getZoning());
    row.put("garage_spaces", PgText.decimal(c.getGarageSpaces()));
    row.put("land_use", c.getLandUse());
    row.put("year_built_effective", text(c.getYearBuiltEffective()));
    row.put("below_grade_finished_area_sqft", text(c.getBelowGradeFinishedAreaSqft()));
    row.put("below_grade_unfinished_area_sqft", text(c.getBelowGradeUnfinishedAreaSqft()));
    row.put("bathrooms_full", text(c.getBathroomsFull()));
    row.put("bathrooms_half", text(c.getBathroomsHalf()));
    row.put("fireplaces_total", text(c.getFireplacesTotal()));
    row.put("rooms_total", text(c.getRoomsTotal()));
    row.put("cooling_yn", text(c.getCoolingYN()));
    row.put("architectural_style", c.getArchitecturalStyle());
    row.put("construction_materials", c.getConstructionMaterials());
    row.put("foundation_details", c.getFoundationDetails());
    row.put("overall_condition", text(c.getOverallCondition()));
    row.put("pool_private_yn", text(c.getPoolPrivateYN()));
    row.put("new_construction_yn", text(c.getNewConstructionYN()));
    row.put("attached_garage_yn", text(c.getAttachedGarageYN()));
    row.put("listing_key", l == null ? null : l.getListingKey());
    row.put("listing_standard_status", l == null ? null : text(l.getStandardStatus()));
    row.put("listing_raw_status", l == null ? null : l.getRawStatus());
    row.put("listing_list_price_cents", l == null ? null : text(l.getListPriceCents()));
    row.put(
        "listing_original_list_price_cents",
        l == null ? null : text(l.getOriginalListPriceCents()));
    row.put("listing_close_price_cents", l == null ? null : text(l.getClosePriceCents()));
    row.put("listing_close_date", l == null ? null : text(l.getCloseDate()));
    row.put("listing_contract_date", l == null ? null : text(l.getListingContractDate()));
    row.put("listing_on_market_date", l == null ? null : text(l.getOnMarketDate()));
    row.put("listing_list_agent_key", l == null ? null : l.getListAgentKey());
    row.put(
        "listing_modification_timestamp",
        l == null ? null : PgText.timestamp(l.getModificationTimestamp()));
    row.put(
        "listing_special_listing_conditions", l == null ? null : l.getSpecialListingConditions());
    row.put("last_sale_source", s == null ? null : text(s.getSource()));
    row.put("last_sale_source_key", s == null ? null : s.getSourceKey());
    row.put("last_sale_close_date", s == null ? null : text(s.getCloseDate()));
    row.put("last_sale_close_price_cents", s == null ? null : text(s.getClosePriceCents()));
    row.put("last_sale_document_type", s == null ? null : s.getDocumentType());
    row.put("last_sale_list_price_cents", s == null ? null : text(s.getListPriceCents()));
    row.put("last_sale_listing_start_date", s == null ? null : text(s.getListingStartDate()));
    row.put("updated_at", PgText.timestamp(p.getUpdatedAt()));
    return row;
  }

  /** An analytics.estimate record as its row of table property_estimate. */
  static Map<String, String> estimateRow(final String key, final PriceEstimate e) {
    final Map<String, String> row = new LinkedHashMap<>();
    row.put("property_id", key);
    row.put("model_id", e.getModelId());
    row.put("model_version", e.getModelVersion());
    row.put("city", e.getCity());
    row.put("subdivision", e.getSubdivision());
    row.put("list_price_cents", text(e.getListPriceCents()));
    return row;
  }

  /** A leads.profile record as its row of table lead. */
  static Map<String, String> leadRow(final String key, final LeadProfile p) {
    final Map<String, String> row = new LinkedHashMap<>();
    row.put("lead_id", key);
    row.put("agent_id", p.getAgentId());
    row.put("name", p.getName());
    row.put("source", p.getSource());
    row.put("timeline", p.getTimeline());
    row.put("property_type", p.getPropertyType());
    row.put("location", p.getLocation());
    row.put("budget_min_cents", text(p.getBudgetMinCents()));
    row.put("budget_max_cents", text(p.getBudgetMaxCents()));
    row.put("pre_approved", text(p.getPreApproved()));
    row.put("created_at", PgText.timestamp(p.getCreatedAt()));
    row.put("status_at", PgText.timestamp(p.getStatusAt()));
    row.put("status", p.getStatus());
    row.put("last_activity_at", PgText.timestamp(p.getLastActivityAt()));
    row.put("updated_at", PgText.timestamp(p.getUpdatedAt()));
    return row;
  }

  private static String text(final Object value) {
    return value == null ? null : value.toString();
  }

  /** The application topology in a driver configured as production is, and its final tables. */
  private static final class Run implements AutoCloseable {
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
    private final TestOutputTopic<String, Property> stateTopic;
    private final TestOutputTopic<String, TrendCell> trendTopic;
    private final TestOutputTopic<String, PriceEstimate> estimateTopic;
    private final TestOutputTopic<String, LeadProfile> profileTopic;
    private final TestOutputTopic<String, DeadLetter> dlqTopic;
    private final Map<String, Property> properties = new TreeMap<>();
    private final Map<String, TrendCell> trends = new TreeMap<>();
    private final Map<String, PriceEstimate> estimates = new TreeMap<>();
    private final Map<String, LeadProfile> leads = new TreeMap<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private int piped;

    Run() throws IOException {
      stateDir = Files.createTempDirectory("truth-feed-topology-test");
      driver =
          ProductionDriver.create(
              MidcoastTopology::topology, "truth-feed-topology-test", stateDir, NOW);
      for (final Topic<String, byte[]> feed :
          List.of(Topics.RESO_PROPERTY, Topics.COUNTY_SALE, Topics.LEAD_EVENT)) {
        inputs.put(
            feed.name(),
            driver.createInputTopic(
                feed.name(),
                new StringSerializer(),
                new ByteArraySerializer(),
                NOW,
                Duration.ZERO));
      }
      stateTopic = output(Topics.PROPERTY_STATE);
      trendTopic = output(Topics.ANALYTICS_TREND);
      estimateTopic = output(Topics.ANALYTICS_ESTIMATE);
      profileTopic = output(Topics.LEADS_PROFILE);
      dlqTopic = output(Topics.INGEST_DLQ);
    }

    private <V> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
      return driver.createOutputTopic(
          topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    void pipe(final FeedMessage message) {
      inputs
          .get(message.topic())
          .pipeInput(message.key(), message.value().getBytes(StandardCharsets.UTF_8), NOW);
      if (++piped % 2_000 == 0) {
        drain();
      }
    }

    /** Folds what was published into the final tables (a null value deletes the row). */
    void drain() {
      ProductionDriver.fold(stateTopic, properties);
      ProductionDriver.fold(trendTopic, trends);
      ProductionDriver.fold(estimateTopic, estimates);
      ProductionDriver.fold(profileTopic, leads);
      for (final DeadLetter letter : dlqTopic.readValuesToList()) {
        deadLetters.merge(letter.getStage() + "/" + letter.getReason(), 1L, Long::sum);
      }
    }

    @Override
    public void close() {
      driver.close();
      DataDir.deleteRecursively(stateDir);
    }
  }
}
