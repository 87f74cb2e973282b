package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributionKind;
import io.midcoast.schemas.ValueCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendAggregatesTest {

  private static TrendContribution sale(final long cents, final int delta) {
    return TrendContribution.newBuilder()
        .setKind(TrendContributionKind.SALE)
        .setDelta(delta)
        .setClosePriceCents(cents)
        .setPricePerSqftCents(cents / 1000)
        .build();
  }

  private static long exactMedian(final List<Long> values) {
    final List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    final int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Rounding.meanOfTwo(sorted.get(n / 2 - 1), sorted.get(n / 2));
  }

  @Test
  void shouldKeepTheMedianExactForTenThousandSalesWithRetractionsInAnyOrder() {
    final Random random = new Random(7);
    final TrendAggregate aggregate = TrendAggregates.empty();
    final List<Long> live = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      final long cents = 10_000_000L + random.nextInt(50_000) * 100L + random.nextInt(2);
      live.add(cents);
      TrendAggregates.apply(aggregate, sale(cents, 1));
    }
    assertThat(TrendAggregates.cell("city:AMES:2010-05", aggregate).getMedianClosePriceCents())
        .isEqualTo(exactMedian(live));

    for (int i = 0; i < 1_001; i++) {
      final long removed = live.remove(random.nextInt(live.size()));
      TrendAggregates.apply(aggregate, sale(removed, -1));
    }
    final TrendCell cell = TrendAggregates.cell("city:AMES:2010-05", aggregate);
    assertThat(cell.getClosedSales()).isEqualTo(8_999);
    assertThat(cell.getMedianClosePriceCents()).isEqualTo(exactMedian(live));
    assertThat(cell.getMeanClosePriceCents())
        .isEqualTo(Rounding.halfUp(live.stream().mapToLong(Long::longValue).sum(), live.size()));
    assertThat(aggregate.getClosePrices())
        .extracting(ValueCount::getValue)
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldTakeTheMeanOfTheTwoMiddleValuesRoundedHalfUpForAnEvenCount() {
    final List<ValueCount> values = new ArrayList<>();
    TrendAggregates.add(values, 3, 1);
    TrendAggregates.add(values, 1, 1);
    assertThat(TrendAggregates.median(values)).isEqualTo(2L);
    TrendAggregates.add(values, 4, 1);
    TrendAggregates.add(values, 4, 1);
    assertThat(TrendAggregates.median(values)).as("1 3 4 4 → 3.5 → 4").isEqualTo(4L);
    TrendAggregates.add(values, 4, -2);
    TrendAggregates.add(values, 2, 1);
    assertThat(TrendAggregates.median(values)).as("1 2 3 → 2").isEqualTo(2L);
    assertThat(values).hasSize(3);
  }

  @Test
  void shouldGiveTheSameStateWhenARetractionArrivesBeforeItsAddition() {
    final TrendAggregate early = TrendAggregates.empty();
    TrendAggregates.apply(early, sale(5_000_000L, -1));
    TrendAggregates.apply(early, sale(5_000_000L, 1));
    assertThat(TrendAggregates.isEmpty(early)).isTrue();
    assertThat(early).isEqualTo(TrendAggregates.empty());
  }

  @Test
  void shouldRoundHalfUp() {
    assertThat(Rounding.halfUp(5, 2)).isEqualTo(3);
    assertThat(Rounding.halfUp(7, 3)).isEqualTo(2);
    assertThat(Rounding.halfUp(-5, 2)).isEqualTo(-2);
    assertThat(Rounding.halfUp(25_000_001L, 1500)).isEqualTo(16_667L);
    assertThat(Rounding.meanOfTwo(20_000_001L, 25_000_000L)).isEqualTo(22_500_001L);
  }
}
