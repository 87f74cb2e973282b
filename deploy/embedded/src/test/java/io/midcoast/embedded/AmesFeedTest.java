package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.midcoast.topology.catalog.Topics;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AmesFeedTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static AmesFeed feed;
  private static List<Map<String, String>> csv;

  @BeforeAll
  static void load() throws Exception {
    feed = AmesFeed.load();
    try (InputStream in = AmesFeed.class.getResourceAsStream(AmesFeed.RESOURCE)) {
      csv =
          new CsvMapper()
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .<Map<String, String>>readValues(in)
              .readAll();
    }
  }

  @Test
  void shouldHoldEverySaleOfTheDataSet() {
    assertThat(feed.size()).isEqualTo(2930);
  }

  @Test
  void shouldMapTheFirstRowToAResoPropertyRecord() {
    assertThat(feed.resoRecord(1).toString())
        .isEqualTo(
            "{\"ListingKey\":\"AMES-1\",\"StandardStatus\":\"Closed\","
                + "\"ModificationTimestamp\":\"2010-05-15T12:00:00Z\","
                + "\"ListingContractDate\":\"2010-03-31\",\"CloseDate\":\"2010-05-15\","
                + "\"ListPrice\":215000,\"OriginalListPrice\":215000,\"ClosePrice\":215000,"
                + "\"PropertyType\":\"Residential\",\"PropertySubType\":\"SingleFamilyResidence\","
                + "\"BedroomsTotal\":3,\"BathroomsTotalInteger\":1,\"LivingArea\":1656,"
                + "\"LivingAreaUnits\":\"Square Feet\",\"LotSizeSquareFeet\":31770,"
                + "\"YearBuilt\":1960,\"City\":\"Ames\",\"StateOrProvince\":\"IA\","
                + "\"CountyOrParish\":\"Story\",\"SubdivisionName\":\"North_Ames\","
                + "\"Latitude\":42.054035,\"Longitude\":-93.619754,"
                + "\"Zoning\":\"Residential_Low_Density\",\"GarageSpaces\":2,"
                + "\"YearBuiltEffective\":1960,\"BelowGradeFinishedArea\":639,"
                + "\"BelowGradeUnfinishedArea\":441,\"BathroomsFull\":2,\"BathroomsHalf\":0,"
                + "\"FireplacesTotal\":2,\"RoomsTotal\":7,\"CoolingYN\":true,"
                + "\"PoolPrivateYN\":false,\"NewConstructionYN\":false,"
                + "\"AttachedGarageYN\":true,\"ArchitecturalStyle\":\"One_Story\","
                + "\"ConstructionMaterials\":\"BrkFace\",\"FoundationDetails\":\"CBlock\","
                + "\"SpecialListingConditions\":\"Standard\",\"OverallCondition\":5}");
  }

  @Test
  void shouldCountHalfBathsAsWholeBathrooms() {
    // row 5: Full_Bath 2, Half_Bath 1
    assertThat(feed.resoRecord(5).get("BathroomsTotalInteger").asInt()).isEqualTo(3);
  }

  @Test
  void shouldMapEveryBuildingTypeToAResoSubType() {
    final Set<String> subTypes = new HashSet<>();
    for (int n = 1; n <= feed.size(); n++) {
      subTypes.add(feed.resoRecord(n).get("PropertySubType").asText());
    }
    assertThat(subTypes).containsExactlyInAnyOrder("SingleFamilyResidence", "Townhouse", "Duplex");
  }

  @Test
  void shouldKeepCoordinatesExactlyAsInTheFile() {
    for (int n = 1; n <= feed.size(); n++) {
      final JsonNode record = feed.resoRecord(n);
      final Map<String, String> row = csv.get(n - 1);
      assertThat(record.get("Latitude").toString()).isEqualTo(row.get("Latitude"));
      assertThat(record.get("Longitude").toString()).isEqualTo(row.get("Longitude"));
      assertThat(record.get("ClosePrice").asText()).isEqualTo(row.get("Sale_Price"));
    }
  }

  @Test
  void shouldPublishOdataPagesOfAHundredKeyedByTheirFirstListingKey() throws Exception {
    final List<AmesFeed.Message> pages = feed.resoPages();
    assertThat(pages).hasSize(30);
    assertThat(pages).allMatch(p -> p.topic().equals(Topics.RESO_PROPERTY));
    assertThat(pages.get(0).key()).isEqualTo("AMES-1");
    assertThat(pages.get(29).key()).isEqualTo("AMES-2901");
    int records = 0;
    for (final AmesFeed.Message page : pages) {
      final JsonNode value = JSON.readTree(page.value()).get("value");
      assertThat(value.get(0).get("ListingKey").asText()).isEqualTo(page.key());
      records += value.size();
    }
    assertThat(records).isEqualTo(2930);
    assertThat(JSON.readTree(pages.get(29).value()).get("value").size()).isEqualTo(30);
  }

  @Test
  void shouldListEveryHouseBeforeItClosesInEventOrder() throws Exception {
    final List<AmesFeed.Message> pages = feed.timelinePages();
    final java.util.Map<String, String> listedAt = new java.util.HashMap<>();
    String previous = "";
    int records = 0;
    for (final AmesFeed.Message page : pages) {
      for (final JsonNode record : JSON.readTree(page.value()).get("value")) {
        final String at = record.get("ModificationTimestamp").asText();
        assertThat(at).as("event order").isGreaterThanOrEqualTo(previous);
        previous = at;
        final String key = record.get("ListingKey").asText();
        if (record.get("StandardStatus").asText().equals("Active")) {
          assertThat(record.has("ClosePrice")).isFalse();
          listedAt.put(key, at);
        } else {
          assertThat(listedAt).as("listed before closed: " + key).containsKey(key);
          assertThat(record.get("ListingContractDate").asText() + "T12:00:00Z")
              .isEqualTo(listedAt.get(key));
        }
        records++;
      }
    }
    assertThat(records).isEqualTo(2 * 2930);
    assertThat(listedAt).hasSize(2930);
  }

  @Test
  void shouldRenderEveryFifthSaleAsACountyRecord() {
    final List<AmesFeed.Message> sales = feed.countySales();
    assertThat(sales).hasSize(586);
    assertThat(sales).allMatch(s -> s.topic().equals(Topics.COUNTY_SALE));
    assertThat(sales.get(0).key()).isEqualTo("AMES-APN-5");
    assertThat(sales.get(0).text())
        .isEqualTo(
            "AMES-APN-5,,Ames,IA,,2010-03-18,189900,WD,1629,13830,1997,3,3,"
                + "SingleFamilyResidence,42.060899,-93.638933");
    assertThat(AmesFeed.COUNTY_COLUMNS.split(","))
        .hasSize(sales.get(0).text().split(",", -1).length);
  }

  @Test
  void shouldRenderTheSameBytesOnEveryRun() {
    final List<AmesFeed.Message> first = AmesFeed.load().messages();
    final List<AmesFeed.Message> second = AmesFeed.load().messages();
    assertThat(first).hasSize(30 + 586).hasSameSizeAs(second);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
      assertThat(second.get(i).value()).isEqualTo(first.get(i).value());
    }
  }

  @Test
  void shouldQuoteCsvFieldsOnlyWhenNeeded() {
    assertThat(AmesFeed.csvLine("a", "", "b,c", "say \"hi\""))
        .isEqualTo("a,,\"b,c\",\"say \"\"hi\"\"\"");
  }

  @Test
  void shouldProduceIdempotentlyWithAllAcksAndLz4() {
    assertThat(AmesFeed.producerConfig("localhost:1"))
        .containsEntry("enable.idempotence", "true")
        .containsEntry("acks", "all")
        .containsEntry("compression.type", "lz4");
  }
}
