package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.TrendContributionKind;
import io.midcoast.schemas.TrendContributions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The bound of {@code analytics-trend-property-contributions} (docs/reliability.md): what one
 * property contributes stays under the 512 KiB budget however many sales it has and however long
 * its region names are; the newest sales are the ones counted.
 */
class TrendContributionsSizeTest {

  private static final int BUDGET = 512 * 1024;
  private static final Serializer<TrendContributions> BYTES =
      RecordSerdes.singleObject().serde(TrendContributions.class).serializer();

  private static int size(final List<CellContribution> contributions) {
    return BYTES.serialize(
            TrendTopology.CONTRIBUTIONS_STORE,
            new TrendContributions(new ArrayList<>(contributions)))
        .length;
  }

  /**
   * A property with {@code sales} MLS closes, one a month from January 2000, each of a listing that
   * went on the market three years before it closed (so each counts the most inventory month ends,
   * 24), listed and closed at distinct prices, with {@code region} as its subdivision (and as long
   * a postal code and city).
   */
  private static Property hostile(final int sales, final String region) {
    final List<Sale> all = new ArrayList<>(sales);
    for (int i = 0; i < sales; i++) {
      final LocalDate close = LocalDate.of(2000, 1, 15).plusMonths(i);
      all.add(
          Sale.newBuilder()
              .setSource(SourceFeed.RESO)
              .setSourceKey("reso:L-" + i)
              .setCloseDate(close)
              .setClosePriceCents(99_000_000_000L - i)
              .setListPriceCents(98_000_000_000L + i)
              .setListingStartDate(close.minusYears(3))
              .build());
    }
    return TrendFixtures.house("hostile")
        .setAddress(
            Address.newBuilder()
                .setPostalCode("7" + region.substring(1))
                .setCity("C" + region.substring(1))
                .setSubdivision(region)
                .build())
        .setSales(all)
        .setLastSale(all.get(all.size() - 1))
        .setListing(
            Listing.newBuilder()
                .setListingKey("L-now")
                .setStandardStatus(ListingStatus.ACTIVE)
                .setListPriceCents(50_000_000L)
                .setOnMarketDate(LocalDate.of(2019, 1, 1))
                .setModificationTimestamp(TrendFixtures.NOW)
                .build())
        .build();
  }

  @Test
  void shouldKeepTheNewestSalesOfAPropertyWithAThousandSalesWithinTheBound() {
    final String region = "S" + "é".repeat(99); // 100 characters, 199 bytes in UTF-8
    final Property property = hostile(1_000, region);

    final TrendContributionRules.Bounded bounded = TrendContributionRules.bounded(property);

    final int bytes = size(bounded.contributions());
    assertThat(bytes).isLessThan(BUDGET);
    assertThat(bytes)
        .as("the bound counts serialized bytes")
        .isLessThanOrEqualTo(TrendContributionRules.MAX_CONTRIBUTION_BYTES)
        .isGreaterThan(TrendContributionRules.MAX_CONTRIBUTION_BYTES - 2 * 24 * 3 * 300);
    assertThat(bounded.leftOut()).isPositive();
    final List<LocalDate> counted =
        bounded.contributions().stream()
            .map(CellContribution::getContribution)
            .filter(c -> c.getKind() == TrendContributionKind.SALE)
            .map(
                c ->
                    property.getSales().stream()
                        .filter(s -> s.getClosePriceCents() == c.getClosePriceCents())
                        .findFirst()
                        .orElseThrow()
                        .getCloseDate())
            .distinct()
            .toList();
    final int kept = 1_000 - bounded.leftOut(); // the current listing comes first and fits
    assertThat(counted)
        .as("the newest sales are counted, the oldest left out")
        .hasSize(kept)
        .allMatch(d -> !d.isBefore(LocalDate.of(2000, 1, 15).plusMonths(1_000 - kept)));
    assertThat(bounded.contributions())
        .as("the current listing is counted")
        .anyMatch(
            c ->
                c.getCell().endsWith(":2019-01")
                    && c.getContribution().getKind() == TrendContributionKind.NEW_LISTING);
  }

  @Test
  void shouldHaveGrownPastTheChangelogLimitWithoutTheBound() {
    // every sale adds the same share (same regions, same kinds, values of the same width)
    final String region = "North_Ames";
    final Property one = hostile(1, region);
    final int listingOnly =
        size(
            TrendContributionRules.of(
                TrendFixtures.house("x")
                    .setAddress(one.getAddress())
                    .setListing(one.getListing())
                    .build()));
    final int perSale = size(TrendContributionRules.of(one)) - listingOnly;
    assertThat(perSale).as("78 contributions of one MLS sale").isBetween(2_500, 2_700);
    assertThat(listingOnly + 1_000L * perSale)
        .as("1,000 sales, before the bound: 2.6 MB")
        .isBetween(2_600_000L, 2_700_000L);
  }

  @Test
  void shouldKeepOnlyWhatFitsWhenRegionNamesAreAsLongAsIngestAllows() {
    // 1,024 characters (ingest's longest text field), 2,047 bytes in UTF-8: the current listing
    // alone (75 contributions) takes 155 KB, one more sale with a two-year listing would not fit
    final Property property = hostile(256, "S" + "é".repeat(1_023));

    final TrendContributionRules.Bounded bounded = TrendContributionRules.bounded(property);

    assertThat(bounded.leftOut()).isEqualTo(256);
    assertThat(bounded.contributions())
        .hasSize(3 * (1 + 24))
        .allMatch(c -> c.getContribution().getKind() != TrendContributionKind.SALE);
    assertThat(size(bounded.contributions()))
        .isLessThanOrEqualTo(TrendContributionRules.MAX_CONTRIBUTION_BYTES);
  }

  @Test
  void shouldStoreTheBoundedContributionsAndCountTheNewestSalesInTheCells() {
    final Property property = hostile(1_000, "Hostile_Acres_" + "x".repeat(200));
    try (TrendFixtures trends = new TrendFixtures()) {
      trends.put(property);

      final KeyValueStore<String, TrendContributions> store =
          trends.driver.getKeyValueStore(TrendTopology.CONTRIBUTIONS_STORE);
      final TrendContributions stored = store.get("hostile");
      assertThat(size(stored.getContributions())).isLessThan(BUDGET);
      final String subdivision = "subdivision:Hostile_Acres_" + "x".repeat(200) + ":";
      final LocalDate newest = LocalDate.of(2000, 1, 15).plusMonths(999);
      assertThat(trends.cell(subdivision + newest.toString().substring(0, 7)).getClosedSales())
          .isEqualTo(1);
      assertThat(trends.cell(subdivision + "2000-01")).as("the oldest sale is left out").isNull();

      trends.delete("hostile");
      assertThat(store.get("hostile")).isNull();
      assertThat(trends.cells()).as("a tombstone retracts exactly what was counted").isEmpty();
    }
  }

  @Test
  void shouldLeaveOutNothingOfARealisticProperty() {
    // 40 closes of one house, each listed for two months: far more than a house ever sells
    final List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      final LocalDate close = LocalDate.of(1985, 6, 1).plusYears(i);
      sales.add(
          Sale.newBuilder()
              .setSource(i % 2 == 0 ? SourceFeed.RESO : SourceFeed.COUNTY)
              .setSourceKey(i % 2 == 0 ? "reso:L-" + i : "county:123:" + close)
              .setCloseDate(close)
              .setClosePriceCents(10_000_000L + i * 100_000L)
              .setListPriceCents(i % 2 == 0 ? 10_000_000L : null)
              .setListingStartDate(i % 2 == 0 ? close.minusMonths(2) : null)
              .build());
    }
    final Property property =
        TrendFixtures.house("h1").setSales(sales).setLastSale(sales.get(39)).build();

    final TrendContributionRules.Bounded bounded = TrendContributionRules.bounded(property);

    assertThat(bounded.leftOut()).isZero();
    assertThat(bounded.contributions()).hasSize(3 * (40 + 20 * (1 + 2)));
    assertThat(size(bounded.contributions())).isLessThan(16 * 1024);
  }
}
