package io.midcoast.topology.analytics;

import static io.midcoast.topology.analytics.TrendFixtures.closedHouse;
import static io.midcoast.topology.analytics.TrendFixtures.countySale;
import static io.midcoast.topology.analytics.TrendFixtures.house;
import static io.midcoast.topology.analytics.TrendFixtures.soldHouse;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrendTopologyTest {

  private static final String NORTH_AMES_MAY = "subdivision:North_Ames:2024-05";

  private final TrendFixtures trends = new TrendFixtures();

  @AfterEach
  void close() {
    trends.close();
  }

  private static Property activeListing(
      final String id, final ListingStatus status, final String start, final String modified) {
    final Listing listing =
        Listing.newBuilder()
            .setListingKey("L-" + id)
            .setStandardStatus(status)
            .setListPriceCents(30_000_000L)
            .setListingContractDate(LocalDate.parse(start))
            .setModificationTimestamp(Instant.parse(modified))
            .build();
    return house(id).setListing(listing).build();
  }

  @Test
  void shouldCountAClosedSaleWithEveryMetricInEachOfItsRegions() {
    trends.put(closedHouse("p1", 30_000_000L, 31_000_000L, "2024-04-01", "2024-05-20"));

    for (final String key : List.of("postal:50010:2024-05", "city:AMES:2024-05", NORTH_AMES_MAY)) {
      final TrendCell cell = trends.cell(key);
      assertThat(cell).as(key).isNotNull();
      assertThat(cell.getClosedSales()).isEqualTo(1);
      assertThat(cell.getMedianClosePriceCents()).isEqualTo(30_000_000L);
      assertThat(cell.getMeanClosePriceCents()).isEqualTo(30_000_000L);
      assertThat(cell.getMedianPricePerSqftCents()).as("300000 / 1500 sq ft").isEqualTo(20_000L);
      assertThat(cell.getMedianDaysOnMarket()).as("Apr 1 → May 20").isEqualTo(49);
      assertThat(cell.getMedianSaleToListRatioBps()).as("300k / 310k").isEqualTo(9677);
    }
    final TrendCell may = trends.cell(NORTH_AMES_MAY);
    assertThat(may.getRegionType()).isEqualTo(RegionType.SUBDIVISION);
    assertThat(may.getRegionId()).isEqualTo("North_Ames");
    assertThat(may.getMonth()).isEqualTo("2024-05");
    assertThat(may.getActiveInventoryMonthEnd()).as("closed before May 31").isZero();
    assertThat(may.getMonthsOfSupplyHundredths()).isZero();
    assertThat(may.getNewListings()).isZero();
    assertThat(trends.cell("subdivision:North_Ames:2024-04").getNewListings()).isEqualTo(1);
    assertThat(trends.cell("subdivision:North_Ames:2024-04").getActiveInventoryMonthEnd())
        .isEqualTo(1);
    assertThat(trends.cells()).hasSize(6);
  }

  @Test
  void shouldLeaveListingFiguresEmptyForACountySaleWithoutListing() {
    trends.put(soldHouse("p1", countySale("APN-1", "2024-05-03", 25_000_001L)));

    final TrendCell cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getClosedSales()).isEqualTo(1);
    assertThat(cell.getMedianPricePerSqftCents())
        .as("25000001 / 1500 = 16666.67")
        .isEqualTo(16_667L);
    assertThat(cell.getMedianDaysOnMarket()).isNull();
    assertThat(cell.getMedianSaleToListRatioBps()).isNull();
  }

  @Test
  void shouldComputeExactMediansForOddAndEvenCountsAndTheMeanRoundedHalfUp() {
    final long[] prices = {30_000_000L, 10_000_000L, 20_000_001L};
    for (int i = 0; i < prices.length; i++) {
      trends.put(soldHouse("p" + i, countySale("A" + i, "2024-05-0" + (i + 1), prices[i])));
    }
    TrendCell cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getClosedSales()).isEqualTo(3);
    assertThat(cell.getMedianClosePriceCents()).as("odd: the middle one").isEqualTo(20_000_001L);
    assertThat(cell.getMeanClosePriceCents())
        .as("60000001 / 3 = 20000000.33")
        .isEqualTo(20_000_000L);

    trends.put(soldHouse("p3", countySale("A3", "2024-05-09", 25_000_000L)));
    cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getClosedSales()).isEqualTo(4);
    assertThat(cell.getMedianClosePriceCents())
        .as("even: (20000001 + 25000000) / 2 = 22500000.5, half up")
        .isEqualTo(22_500_001L);
    assertThat(cell.getMeanClosePriceCents())
        .as("85000001 / 4 = 21250000.25")
        .isEqualTo(21_250_000L);
  }

  @Test
  void shouldKeepMediansExactForManySalesInOneCell() {
    // 10,000 values: TrendAggregatesTest (pure, fast); here the stores and serdes on 400 sales
    final Random random = new Random(42);
    final List<Long> prices = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      final long cents = 5_000_000L + random.nextInt(200) * 100_000L + random.nextInt(100);
      prices.add(cents);
      trends.put(soldHouse("p" + i, countySale("A" + i, "2024-05-" + (10 + i % 18), cents)));
    }
    Collections.sort(prices);
    final long expected = Rounding.meanOfTwo(prices.get(199), prices.get(200));
    final TrendCell cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getClosedSales()).isEqualTo(400);
    assertThat(cell.getMedianClosePriceCents()).isEqualTo(expected);
  }

  @Test
  void shouldCountNewListingsByOnMarketDateElseContractDate() {
    final Property onMarket =
        closedHouse("p1", 30_000_000L, 30_000_000L, "2024-03-30", "2024-05-20");
    onMarket.getListing().setListingContractDate(LocalDate.parse("2024-02-15"));
    trends.put(onMarket);
    trends.put(activeListing("p2", ListingStatus.ACTIVE, "2024-02-20", "2024-02-21T00:00:00Z"));

    assertThat(trends.cell("subdivision:North_Ames:2024-03").getNewListings()).isEqualTo(1);
    assertThat(trends.cell("subdivision:North_Ames:2024-02").getNewListings())
        .as("only the contract date of the listing without OnMarketDate")
        .isEqualTo(1);
  }

  @Test
  void shouldCountActiveInventoryAtEachMonthEndWhileTheListingWasOnTheMarket() {
    // closed on the last day of March: on the market at the ends of January and February only
    trends.put(closedHouse("p1", 30_000_000L, 30_000_000L, "2024-01-10", "2024-03-31"));
    // still active, last confirmed in June: counted through the end of June, not beyond
    trends.put(activeListing("p2", ListingStatus.ACTIVE, "2024-02-05", "2024-06-02T09:00:00Z"));
    // withdrawn on April 10: counted through the end of March
    trends.put(activeListing("p3", ListingStatus.WITHDRAWN, "2024-03-01", "2024-04-10T09:00:00Z"));
    // coming soon: not on the market
    trends.put(
        activeListing("p4", ListingStatus.COMING_SOON, "2024-03-01", "2024-04-10T09:00:00Z"));

    final Map<String, Integer> inventory = new java.util.TreeMap<>();
    trends
        .cells()
        .forEach(
            (key, cell) -> {
              if (key.startsWith("subdivision:")) {
                inventory.put(cell.getMonth(), cell.getActiveInventoryMonthEnd());
              }
            });
    assertThat(inventory)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "2024-01", 1, "2024-02", 2, "2024-03", 2, "2024-04", 1, "2024-05", 1, "2024-06",
                    1)));
  }

  @Test
  void shouldComputeMonthsOfSupplyAsInventoryOverSales() {
    trends.put(soldHouse("s1", countySale("A1", "2024-05-02", 20_000_000L)));
    trends.put(soldHouse("s2", countySale("A2", "2024-05-03", 20_000_000L)));
    trends.put(soldHouse("s3", countySale("A3", "2024-05-04", 20_000_000L)));
    for (int i = 0; i < 5; i++) {
      trends.put(
          activeListing("a" + i, ListingStatus.ACTIVE, "2024-05-01", "2024-05-20T00:00:00Z"));
    }
    final TrendCell cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getActiveInventoryMonthEnd()).isEqualTo(5);
    assertThat(cell.getClosedSales()).isEqualTo(3);
    assertThat(cell.getMonthsOfSupplyHundredths()).as("5 / 3 = 1.67 months").isEqualTo(167);
    assertThat(trends.cell("subdivision:North_Ames:2024-06")).isNull();
  }

  @Test
  void shouldLeaveMonthsOfSupplyNullWithoutSales() {
    trends.put(activeListing("a1", ListingStatus.ACTIVE, "2024-05-01", "2024-05-20T00:00:00Z"));
    assertThat(trends.cell(NORTH_AMES_MAY).getMonthsOfSupplyHundredths()).isNull();
    assertThat(trends.cell(NORTH_AMES_MAY).getMedianClosePriceCents()).isNull();
  }

  @Test
  void shouldRetractTheOldValueOfACorrection() {
    trends.put(soldHouse("p1", countySale("A1", "2024-05-02", 20_000_000L)));
    trends.put(soldHouse("p2", countySale("A2", "2024-05-03", 40_000_000L)));
    trends.published();

    trends.put(soldHouse("p1", countySale("A1", "2024-05-02", 21_000_000L)));

    final TrendCell cell = trends.cell(NORTH_AMES_MAY);
    assertThat(cell.getClosedSales()).isEqualTo(2);
    assertThat(cell.getMedianClosePriceCents()).isEqualTo(30_500_000L);
    assertThat(cell.getMeanClosePriceCents()).isEqualTo(30_500_000L);
    final List<KeyValue<String, TrendCell>> published = trends.published();
    assertThat(published).as("one update per region, no intermediate state").hasSize(3);
    assertThat(published).allMatch(kv -> kv.value.getClosedSales() == 2);
  }

  @Test
  void shouldMoveACorrectedCloseDateToItsMonthAndTombstoneTheEmptiedCell() {
    trends.put(soldHouse("p1", countySale("A1", "2024-05-31", 20_000_000L)));
    trends.published();

    trends.put(soldHouse("p1", countySale("A1", "2024-06-01", 20_000_000L)));

    assertThat(trends.cell(NORTH_AMES_MAY)).isNull();
    assertThat(trends.cell("subdivision:North_Ames:2024-06").getClosedSales()).isEqualTo(1);
    final List<KeyValue<String, TrendCell>> published = trends.published();
    assertThat(published)
        .filteredOn(kv -> kv.key.equals(NORTH_AMES_MAY))
        .singleElement()
        .satisfies(kv -> assertThat(kv.value).as("tombstone").isNull());
  }

  @Test
  void shouldRetractEverythingOnATombstone() {
    trends.put(closedHouse("p1", 30_000_000L, 31_000_000L, "2024-04-01", "2024-05-20"));
    trends.put(soldHouse("p2", countySale("A2", "2024-05-03", 40_000_000L)));
    trends.published();

    trends.delete("p1");

    assertThat(trends.cell(NORTH_AMES_MAY).getClosedSales()).isEqualTo(1);
    assertThat(trends.cell(NORTH_AMES_MAY).getMedianClosePriceCents()).isEqualTo(40_000_000L);
    assertThat(trends.cell(NORTH_AMES_MAY).getMedianDaysOnMarket()).isNull();
    assertThat(trends.cell("subdivision:North_Ames:2024-04")).isNull();
    assertThat(trends.published())
        .filteredOn(kv -> kv.key.endsWith("2024-04"))
        .hasSize(3)
        .allMatch(kv -> kv.value == null);

    trends.delete("p2");
    assertThat(trends.cells()).isEmpty();
    trends.delete("never-seen");
    assertThat(trends.published()).hasSize(3).allMatch(kv -> kv.value == null);
  }

  @Test
  void shouldChangeNothingOnADuplicateOrReplay() {
    final Property p = closedHouse("p1", 30_000_000L, 31_000_000L, "2024-04-01", "2024-05-20");
    trends.put(p);
    final Map<String, TrendCell> before = trends.cells();
    trends.published();

    trends.put(p);
    trends.put(Property.newBuilder(p).setUpdatedAt(Instant.parse("2024-07-01T00:00:00Z")).build());

    assertThat(trends.published()).as("nothing the trends see changed").isEmpty();
    assertThat(trends.cells()).isEqualTo(before);
  }

  @Test
  void shouldLandLateAndOutOfOrderSalesInTheirOwnMonthWhateverTheArrivalOrder() {
    final List<Property> houses = new ArrayList<>();
    houses.add(soldHouse("p1", countySale("A1", "2024-05-02", 20_000_000L)));
    houses.add(soldHouse("p2", countySale("A2", "2021-01-15", 15_000_000L)));
    houses.add(closedHouse("p3", 30_000_000L, 31_000_000L, "2023-11-20", "2024-01-05"));
    houses.add(soldHouse("p1", countySale("A1", "2024-05-02", 20_500_000L)));
    houses.forEach(trends::put);
    final Map<String, TrendCell> inOrder = trends.cells();
    assertThat(inOrder.get("subdivision:North_Ames:2021-01").getClosedSales()).isEqualTo(1);
    assertThat(inOrder.get("subdivision:North_Ames:2024-01").getMedianDaysOnMarket()).isEqualTo(46);
    assertThat(inOrder.get(NORTH_AMES_MAY).getMedianClosePriceCents()).isEqualTo(20_500_000L);

    try (TrendFixtures other = new TrendFixtures()) {
      // another arrival order of the same final property versions (p1's correction stays last)
      other.put(houses.get(2));
      other.put(houses.get(0));
      other.put(houses.get(3));
      other.put(houses.get(1));
      assertThat(other.cells()).isEqualTo(inOrder);
    }
  }

  @Test
  void shouldRetractTheOldRegionsAndAddTheNewOnesWhenAPropertyMoves() {
    final Property before = closedHouse("p1", 30_000_000L, 31_000_000L, "2024-04-01", "2024-05-20");
    trends.put(before);
    trends.put(soldHouse("p2", countySale("A2", "2024-05-03", 40_000_000L)));
    trends.published();

    final Property moved = Property.newBuilder(before).build();
    moved.getAddress().setPostalCode("50014");
    moved.getAddress().setSubdivision("Gilbert");
    trends.put(moved);

    assertThat(trends.cell("subdivision:Gilbert:2024-05").getClosedSales()).isEqualTo(1);
    assertThat(trends.cell("subdivision:Gilbert:2024-04").getNewListings()).isEqualTo(1);
    assertThat(trends.cell("postal:50014:2024-05").getMedianClosePriceCents())
        .isEqualTo(30_000_000L);
    assertThat(trends.cell(NORTH_AMES_MAY).getClosedSales()).as("p2 stays").isEqualTo(1);
    assertThat(trends.cell(NORTH_AMES_MAY).getMedianClosePriceCents()).isEqualTo(40_000_000L);
    assertThat(trends.cell("subdivision:North_Ames:2024-04")).as("emptied").isNull();
    assertThat(trends.cell("postal:50010:2024-04")).as("emptied").isNull();
    assertThat(trends.cell("city:AMES:2024-05").getClosedSales()).as("same city").isEqualTo(2);
    final Map<String, TrendCell> published = new java.util.HashMap<>();
    trends.published().forEach(kv -> published.put(kv.key, kv.value));
    assertThat(published)
        .containsKeys("subdivision:North_Ames:2024-04", "postal:50010:2024-04")
        .doesNotContainKeys("city:AMES:2024-04", "city:AMES:2024-05");
    assertThat(published.get("subdivision:North_Ames:2024-04")).as("tombstone").isNull();
    assertThat(published.get("postal:50010:2024-04")).as("tombstone").isNull();
    assertThat(published.get(NORTH_AMES_MAY).getClosedSales()).isEqualTo(1);
  }
}
