package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributionKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrendContributionRulesTest {

  @Test
  void shouldLeaveOutASaleToListRatioThatDoesNotFitInsteadOfFailing() {
    // both prices pass validation ($1,000 list, $300M close), the ratio in bps exceeds an int
    final List<CellContribution> cells =
        TrendContributionRules.of(
            TrendFixtures.closedHouse("h1", 30_000_000_000L, 100_000L, "2024-03-01", "2024-04-10"));
    final List<TrendContribution> sales =
        cells.stream()
            .map(CellContribution::getContribution)
            .filter(c -> c.getKind() == TrendContributionKind.SALE)
            .toList();
    assertThat(sales).isNotEmpty();
    assertThat(sales)
        .allSatisfy(
            sale -> {
              assertThat(sale.getClosePriceCents()).isEqualTo(30_000_000_000L);
              assertThat(sale.getSaleToListRatioBps()).isNull();
              assertThat(sale.getDaysOnMarket()).isEqualTo(40);
            });
  }

  @Test
  void shouldGiveNoDaysOnMarketWhenTheStartDateIsAfterTheCloseDate() {
    final List<TrendContribution> sales =
        TrendContributionRules.of(
                TrendFixtures.closedHouse(
                    "h1", 30_000_000L, 30_000_000L, "2024-04-11", "2024-04-10"))
            .stream()
            .map(CellContribution::getContribution)
            .filter(c -> c.getKind() == TrendContributionKind.SALE)
            .toList();
    assertThat(sales).hasSize(3);
    assertThat(sales)
        .allSatisfy(
            sale -> {
              assertThat(sale.getDaysOnMarket()).isNull();
              assertThat(sale.getSaleToListRatioBps())
                  .as("the listing is still known")
                  .isEqualTo(10_000);
            });
  }

  @Test
  void shouldGiveZeroDaysOnMarketForAStartOnTheCloseDate() {
    assertThat(
            TrendContributionRules.of(
                    TrendFixtures.closedHouse(
                        "h1", 30_000_000L, 30_000_000L, "2024-04-10", "2024-04-10"))
                .stream()
                .map(CellContribution::getContribution)
                .filter(c -> c.getKind() == TrendContributionKind.SALE)
                .map(TrendContribution::getDaysOnMarket)
                .toList())
        .containsExactly(0, 0, 0);
  }

  private static final String NORTH_AMES = "subdivision:North_Ames:";

  /** The months (YYYY-MM) of the subdivision contributions of {@code kind}, in order. */
  private static List<String> months(
      final List<CellContribution> cells, final TrendContributionKind kind) {
    final List<String> months = new ArrayList<>();
    for (final CellContribution cell : cells) {
      if (cell.getCell().startsWith(NORTH_AMES) && cell.getContribution().getKind() == kind) {
        months.add(cell.getCell().substring(NORTH_AMES.length()));
      }
    }
    return months;
  }

  private static List<TrendContribution> subdivisionSales(final List<CellContribution> cells) {
    return cells.stream()
        .filter(c -> c.getCell().startsWith(NORTH_AMES))
        .map(CellContribution::getContribution)
        .filter(c -> c.getKind() == TrendContributionKind.SALE)
        .toList();
  }

  private static Listing listing(
      final String key, final ListingStatus status, final String start, final String modified) {
    return Listing.newBuilder()
        .setListingKey(key)
        .setStandardStatus(status)
        .setListPriceCents(30_000_000L)
        .setOnMarketDate(LocalDate.parse(start))
        .setModificationTimestamp(Instant.parse(modified + "T12:00:00Z"))
        .build();
  }

  /** An MLS close carrying its listing's facts, as ingest stores it. */
  private static Sale closeWithFacts(
      final String listingKey,
      final String start,
      final long listCents,
      final String closeDate,
      final long closeCents) {
    return Sale.newBuilder(TrendFixtures.mlsSale(listingKey, closeDate, closeCents))
        .setListingStartDate(start == null ? null : LocalDate.parse(start))
        .setListPriceCents(listCents)
        .build();
  }

  @Test
  void shouldKeepTheDaysOnMarketRatioAndListingOfAnEarlierSaleAfterARelisting() {
    final Sale earlier =
        closeWithFacts("L-OLD", "2020-03-01", 20_000_000L, "2020-05-10", 21_000_000L);
    final Property property =
        TrendFixtures.house("h1")
            .setSales(List.of(earlier))
            .setLastSale(earlier)
            .setListing(listing("L-NEW", ListingStatus.ACTIVE, "2024-01-10", "2024-02-15"))
            .build();
    final List<CellContribution> cells = TrendContributionRules.of(property);

    assertThat(subdivisionSales(cells))
        .singleElement()
        .satisfies(
            sale -> {
              assertThat(sale.getDaysOnMarket()).as("Mar 1 → May 10").isEqualTo(70);
              assertThat(sale.getSaleToListRatioBps()).as("21M / 20M").isEqualTo(10_500);
            });
    assertThat(months(cells, TrendContributionKind.NEW_LISTING))
        .containsExactly("2020-03", "2024-01");
    assertThat(months(cells, TrendContributionKind.ACTIVE_AT_MONTH_END))
        .as("the sold listing until its close, the current one through its last update")
        .containsExactly("2020-03", "2020-04", "2024-01", "2024-02");
  }

  @Test
  void shouldFallBackToTheCurrentListingOnlyForASaleStoredWithoutListingFacts() {
    final Sale old = TrendFixtures.mlsSale("L-OLD", "2020-05-10", 21_000_000L);
    final Property relisted =
        TrendFixtures.house("h1")
            .setSales(List.of(old))
            .setLastSale(old)
            .setListing(listing("L-NEW", ListingStatus.ACTIVE, "2024-01-10", "2024-02-15"))
            .build();
    final List<CellContribution> cells = TrendContributionRules.of(relisted);
    assertThat(subdivisionSales(cells))
        .singleElement()
        .satisfies(
            sale -> {
              assertThat(sale.getDaysOnMarket()).as("its listing is unknown").isNull();
              assertThat(sale.getSaleToListRatioBps()).isNull();
            });
    assertThat(months(cells, TrendContributionKind.NEW_LISTING)).containsExactly("2024-01");
  }

  @Test
  void shouldCountTheCurrentListingOnceWhenItsCloseCarriesItsFacts() {
    final Property closed =
        TrendFixtures.closedHouse("h1", 30_000_000L, 30_000_000L, "2024-03-01", "2024-05-20");
    final Sale sale = closeWithFacts("L-h1", "2024-03-01", 30_000_000L, "2024-05-20", 30_000_000L);
    final List<CellContribution> withFacts =
        TrendContributionRules.of(
            Property.newBuilder(closed).setSales(List.of(sale)).setLastSale(sale).build());

    assertThat(withFacts).isEqualTo(TrendContributionRules.of(closed));
    assertThat(months(withFacts, TrendContributionKind.NEW_LISTING)).containsExactly("2024-03");
    assertThat(months(withFacts, TrendContributionKind.ACTIVE_AT_MONTH_END))
        .containsExactly("2024-03", "2024-04");
  }

  @Test
  void shouldCountActiveUnderContractInInventoryButNotPending() {
    final List<CellContribution> underContract =
        TrendContributionRules.of(
            TrendFixtures.house("h1")
                .setListing(
                    listing("L1", ListingStatus.ACTIVE_UNDER_CONTRACT, "2024-01-10", "2024-03-05"))
                .build());
    final List<CellContribution> pending =
        TrendContributionRules.of(
            TrendFixtures.house("h2")
                .setListing(listing("L2", ListingStatus.PENDING, "2024-01-10", "2024-03-05"))
                .build());

    assertThat(months(underContract, TrendContributionKind.NEW_LISTING)).containsExactly("2024-01");
    assertThat(months(pending, TrendContributionKind.NEW_LISTING)).containsExactly("2024-01");
    assertThat(months(underContract, TrendContributionKind.ACTIVE_AT_MONTH_END))
        .as("still on the market when last confirmed (March 5)")
        .containsExactly("2024-01", "2024-02", "2024-03");
    assertThat(months(pending, TrendContributionKind.ACTIVE_AT_MONTH_END))
        .as("off the market by March 5")
        .containsExactly("2024-01", "2024-02");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "WD",
        "wd",
        "Warranty Deed",
        "GWD",
        "S.W.D.",
        "SD",
        "Special Warranty Deed",
        "GD",
        "Grant Deed",
        "BSD",
        "Deed",
        " DEED "
      })
  void shouldCountSaleDeedsAndDeedsWithoutType(final String documentType) {
    assertThat(TrendContributionRules.isSaleDeed(documentType)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "QCD",
        "QC",
        "Quitclaim Deed",
        "TOD",
        "Transfer on Death Deed",
        "MTG",
        "Mortgage",
        "LIEN",
        "Trustee's Deed",
        "Sheriff's Deed",
        "REL"
      })
  void shouldNotCountOtherDocumentTypes(final String documentType) {
    assertThat(TrendContributionRules.isSaleDeed(documentType)).isFalse();
  }

  @Test
  void shouldContributeNothingForAQuitclaimDeed() {
    final Sale quitclaim =
        Sale.newBuilder(TrendFixtures.countySale("A1", "2024-05-02", 20_000_000L))
            .setDocumentType("QCD")
            .build();
    assertThat(TrendContributionRules.of(TrendFixtures.soldHouse("h1", quitclaim))).isEmpty();
    assertThat(
            subdivisionSales(
                TrendContributionRules.of(
                    TrendFixtures.soldHouse(
                        "h2", quitclaim, TrendFixtures.countySale("A1", "2024-06-02", 1L)))))
        .singleElement()
        .satisfies(sale -> assertThat(sale.getClosePriceCents()).isEqualTo(1L));
  }

  @Test
  void shouldIgnoreAListingThatStartsAfterTheLastDateKnownOfIt() {
    // a typo year: the feed last wrote in 2024 about a listing "on the market" from 2206
    assertThat(
            TrendContributionRules.of(
                TrendFixtures.house("h1")
                    .setListing(listing("L1", ListingStatus.ACTIVE, "2206-04-01", "2024-05-01"))
                    .build()))
        .isEmpty();
    // an earlier sold listing "started" after its close: the sale counts, the listing does not
    final Sale sale = closeWithFacts("L-OLD", "2206-04-01", 20_000_000L, "2020-05-10", 21_000_000L);
    final List<CellContribution> cells =
        TrendContributionRules.of(
            TrendFixtures.house("h2").setSales(List.of(sale)).setLastSale(sale).build());
    assertThat(months(cells, TrendContributionKind.SALE)).containsExactly("2020-05");
    assertThat(months(cells, TrendContributionKind.NEW_LISTING)).isEmpty();
    assertThat(months(cells, TrendContributionKind.ACTIVE_AT_MONTH_END)).isEmpty();
    assertThat(subdivisionSales(cells).get(0).getDaysOnMarket()).isNull();
  }

  @Test
  void shouldCountAListingInInventoryAtMostTwentyFourMonthEndsFromItsStart() {
    assertThat(TrendContributionRules.INVENTORY_HORIZON_MONTHS).isEqualTo(24);
    final List<String> open =
        months(
            TrendContributionRules.of(
                TrendFixtures.house("h1")
                    .setListing(listing("L1", ListingStatus.ACTIVE, "2020-01-10", "2024-06-01"))
                    .build()),
            TrendContributionKind.ACTIVE_AT_MONTH_END);
    assertThat(open).hasSize(24).startsWith("2020-01").endsWith("2021-12");

    // a closed listing with a wrong start date: the horizon applies too, the days on market not
    final List<CellContribution> closed =
        TrendContributionRules.of(
            TrendFixtures.closedHouse("h2", 30_000_000L, 30_000_000L, "2010-01-05", "2024-04-10"));
    assertThat(months(closed, TrendContributionKind.ACTIVE_AT_MONTH_END))
        .hasSize(24)
        .startsWith("2010-01")
        .endsWith("2011-12");
    assertThat(subdivisionSales(closed).get(0).getDaysOnMarket()).isEqualTo(5209);
  }

  @Test
  void shouldCountAListingOpenForExactlyTheHorizonAtEveryMonthEnd() {
    assertThat(
            months(
                TrendContributionRules.of(
                    TrendFixtures.house("h1")
                        .setListing(listing("L1", ListingStatus.ACTIVE, "2022-01-31", "2023-12-31"))
                        .build()),
                TrendContributionKind.ACTIVE_AT_MONTH_END))
        .hasSize(24)
        .endsWith("2023-12");
  }
}
