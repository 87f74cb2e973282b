package io.midcoast.topology.analytics;

import static io.midcoast.topology.ingest.IngestFixtures.NOW;
import static io.midcoast.topology.ingest.IngestFixtures.closed;
import static io.midcoast.topology.ingest.IngestFixtures.countyLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestFixtures;
import io.midcoast.topology.ingest.store.PropertyMerger;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Trends end to end from the feeds, through ingest and property.state, in one topology. */
class TrendFromFeedsTest {

  private static final String CITY_APRIL = "city:AMES:2024-04";

  private final InMemoryStageCounters counters = new InMemoryStageCounters();
  private final IngestFixtures feeds =
      new IngestFixtures(MidcoastTopology.topology(counters), counters);
  private final TestOutputTopic<String, TrendCell> trends =
      feeds.driver.createOutputTopic(
          Topics.ANALYTICS_TREND.name(),
          new StringDeserializer(),
          Topics.ANALYTICS_TREND.valueSerde().deserializer());

  @AfterEach
  void close() {
    feeds.close();
  }

  private TrendCell cell(final String key) {
    return feeds.driver.<String, TrendCell>getKeyValueStore(StoreNames.TREND).get(key);
  }

  @Test
  void shouldCountAnMlsCloseAndTheCountyDeedOfTheSameSaleOnce() {
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    feeds.county("APN-1", countyLine("APN-1", "4/15/2024", "\"$340,000\""));

    for (final String key : new String[] {CITY_APRIL, "postal:50010:2024-04"}) {
      assertThat(cell(key).getClosedSales()).as(key).isEqualTo(1);
      assertThat(cell(key).getMedianClosePriceCents()).isEqualTo(34_000_000L);
      assertThat(cell(key).getMedianSaleToListRatioBps()).as("340k / 350k").isEqualTo(9714);
    }
    assertThat(cell("subdivision:North_Ames:2024-04")).as("no subdivision in the feed").isNull();
  }

  @Test
  void shouldCountTwoSalesWhenTheDeedIsMoreThanSevenDaysFromTheClose() {
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    feeds.county("APN-1", countyLine("APN-1", "2024-04-18", "341000"));

    assertThat(cell(CITY_APRIL).getClosedSales()).isEqualTo(2);
    assertThat(cell(CITY_APRIL).getMedianClosePriceCents()).isEqualTo(34_050_000L);
    assertThat(cell(CITY_APRIL).getMedianDaysOnMarket())
        .as("no start date in the listing")
        .isNull();
  }

  @Test
  void shouldRetractACorrectedClosePriceAndIgnoreAReplayedFeed() {
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    feeds.reso("L1", closed("L1", 345_000, "2024-04-10", "2024-04-12T09:00:00Z"));
    assertThat(cell(CITY_APRIL).getClosedSales()).isEqualTo(1);
    assertThat(cell(CITY_APRIL).getMedianClosePriceCents()).isEqualTo(34_500_000L);
    final Map<String, TrendCell> before = trends.readKeyValuesToMap();

    // the same two versions again, in the other order: a replay
    feeds.reso("L1", closed("L1", 345_000, "2024-04-10", "2024-04-12T09:00:00Z"), NOW);
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"), NOW);

    assertThat(trends.isEmpty()).as("a replay publishes nothing").isTrue();
    assertThat(cell(CITY_APRIL)).isEqualTo(before.get(CITY_APRIL));
  }

  @Test
  void shouldRetractTheSaleWhenTheListingIsDeleted() {
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    final var delete = IngestFixtures.listing("L1");
    delete.put("StandardStatus", "Delete");
    delete.put("ModificationTimestamp", "2024-04-20T09:00:00Z");
    feeds.reso("L1", delete);

    assertThat(cell(CITY_APRIL)).isNull();
    final var published = trends.readRecordsToList();
    assertThat(published).as("the cell was published, then deleted").isNotEmpty();
    assertThat(
            published.stream()
                .filter(r -> r.key().equals(CITY_APRIL))
                .reduce((first, second) -> second)
                .orElseThrow()
                .value())
        .as("tombstone")
        .isNull();
  }

  @Test
  void shouldCountACountyDeedArrivingBeforeTheMlsCloseOfTheSameSaleOnce() {
    feeds.county("APN-1", countyLine("APN-1", "2024-04-15", "340000"));
    assertThat(cell(CITY_APRIL).getClosedSales()).as("the deed alone").isEqualTo(1);

    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));

    for (final String key : new String[] {CITY_APRIL, "postal:50010:2024-04"}) {
      assertThat(cell(key).getClosedSales()).as(key).isEqualTo(1);
      assertThat(cell(key).getMedianClosePriceCents()).isEqualTo(34_000_000L);
      assertThat(cell(key).getMedianSaleToListRatioBps())
          .as("the MLS close replaced the deed: 340k / 350k")
          .isEqualTo(9714);
    }
  }

  @Test
  void shouldCountADeedExactlySevenDaysAfterTheCloseAsTheSameSale() {
    assertThat(PropertyMerger.SAME_SALE_DAYS).isEqualTo(7);
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    feeds.county("APN-1", countyLine("APN-1", "2024-04-17", "340000"));

    assertThat(cell(CITY_APRIL).getClosedSales()).isEqualTo(1);
  }

  @Test
  void shouldCountADeedEightDaysAfterTheCloseAsASecondSale() {
    feeds.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    feeds.county("APN-1", countyLine("APN-1", "2024-04-18", "340000"));

    assertThat(cell(CITY_APRIL).getClosedSales()).isEqualTo(2);
    assertThat(cell(CITY_APRIL).getMedianClosePriceCents()).isEqualTo(34_000_000L);
  }

  @Test
  void shouldKeepTheEarlierSaleAndItsListingWhenTheHouseIsRelisted() {
    final var sold = closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z");
    sold.put("OnMarketDate", "2024-03-01");
    feeds.reso("L1", sold);
    final var relisted = IngestFixtures.listing("L2");
    relisted.put("OnMarketDate", "2024-05-01");
    relisted.put("ListPrice", 400000);
    relisted.put("ModificationTimestamp", "2024-05-20T09:00:00Z");
    feeds.reso("L2", relisted);

    assertThat(feeds.stored("50010-123-n-main-st").getListing().getListingKey()).isEqualTo("L2");
    assertThat(cell(CITY_APRIL).getClosedSales()).isEqualTo(1);
    assertThat(cell(CITY_APRIL).getMedianDaysOnMarket())
        .as("Mar 1 → Apr 10, from the sale's own listing")
        .isEqualTo(40);
    assertThat(cell(CITY_APRIL).getMedianSaleToListRatioBps()).as("340k / 350k").isEqualTo(9714);
    assertThat(cell("city:AMES:2024-03").getNewListings()).as("the sold listing").isEqualTo(1);
    assertThat(cell("city:AMES:2024-03").getActiveInventoryMonthEnd()).isEqualTo(1);
    assertThat(cell("city:AMES:2024-05").getNewListings()).as("the new listing").isEqualTo(1);
    assertThat(cell("city:AMES:2024-05").getActiveInventoryMonthEnd()).isEqualTo(1);
  }

  @Test
  void shouldStoreAQuitclaimDeedButNotCountItAsASale() {
    feeds.county("APN-1", countyLine("APN-1", "2024-04-15", "340000").replace(",WD,", ",QCD,"));

    assertThat(feeds.stored("50010-123-n-main-st").getSales())
        .as("nothing is lost: the deed is stored and visible")
        .singleElement()
        .satisfies(sale -> assertThat(sale.getDocumentType()).isEqualTo("QCD"));
    assertThat(cell(CITY_APRIL)).isNull();

    feeds.county("APN-1", countyLine("APN-1", "2024-04-25", "350000"));
    assertThat(cell(CITY_APRIL).getClosedSales()).as("only the warranty deed").isEqualTo(1);
    assertThat(cell(CITY_APRIL).getMedianClosePriceCents()).isEqualTo(35_000_000L);
  }
}
