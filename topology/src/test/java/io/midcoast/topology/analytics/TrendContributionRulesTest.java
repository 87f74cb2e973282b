package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
