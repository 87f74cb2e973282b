package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributionKind;
import io.midcoast.schemas.ValueCount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The bound of {@code analytics-trend-cell-aggregates} (docs/reliability.md): one cell's aggregate
 * stays under the 512 KiB budget whatever the input, and every figure that is not a median stays
 * exact.
 */
class TrendAggregateSizeTest {

  private static final int BUDGET = 512 * 1024;
  private static final String CELL = "city:HOUSTON:2024-05";
  private static final Serializer<TrendAggregate> BYTES =
      RecordSerdes.singleObject().serde(TrendAggregate.class).serializer();

  /** One sale with the given figures. */
  private static TrendContribution sale(final long[] figures, final int delta) {
    return TrendContribution.newBuilder()
        .setKind(TrendContributionKind.SALE)
        .setDelta(delta)
        .setClosePriceCents(figures[0])
        .setPricePerSqftCents(figures[1])
        .setDaysOnMarket((int) figures[2])
        .setSaleToListRatioBps((int) figures[3])
        .build();
  }

  /**
   * Hostile sales: every figure distinct and as wide as its type allows past ingest validation
   * (close prices up to 1,000,000,000 USD, prices per sq ft up to 20,000,000 USD, days and ratios
   * up to Integer.MAX_VALUE), so each value takes the most bytes a varint gives it.
   */
  private static List<long[]> hostileSales(final int n, final long seed) {
    final Random random = new Random(seed);
    final List<long[]> sales = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sales.add(
          new long[] {
            50_000_000_000L + (long) (random.nextDouble() * 50_000_000_000L),
            1_000_000_000L + random.nextInt(1_000_000_000),
            (1 << 28) + random.nextInt(Integer.MAX_VALUE - (1 << 28)),
            (1 << 28) + random.nextInt(Integer.MAX_VALUE - (1 << 28))
          });
    }
    return sales;
  }

  private static long exactMedian(final List<long[]> sales, final int figure) {
    final List<Long> sorted = new ArrayList<>(sales.size());
    sales.forEach(s -> sorted.add(s[figure]));
    Collections.sort(sorted);
    final int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Rounding.meanOfTwo(sorted.get(n / 2 - 1), sorted.get(n / 2));
  }

  private static int size(final TrendAggregate aggregate) {
    return BYTES.serialize("analytics-trend-cell-aggregates", aggregate).length;
  }

  @Test
  void shouldStayUnderTheBudgetForAHundredThousandDistinctSalesInOneCell() {
    final List<long[]> sales = hostileSales(100_000, 11);
    final TrendAggregate aggregate = TrendAggregates.empty();
    int largest = 0;
    for (int i = 0; i < sales.size(); i++) {
      TrendAggregates.apply(aggregate, sale(sales.get(i), 1));
      if (i % 1_000 == 999) {
        largest = Math.max(largest, size(aggregate));
      }
    }

    assertThat(largest).as("largest serialized aggregate on the way").isLessThan(BUDGET);
    assertThat(largest)
        .as("the figure docs/reliability.md states: 250 KB")
        .isBetween(249_000, 251_000);
    final TrendAggregate unbounded = TrendAggregates.empty();
    for (int figure = 0; figure < 4; figure++) {
      final List<ValueCount> values = new ArrayList<>();
      for (final long[] s : sales) {
        values.add(new ValueCount(s[figure], 1));
      }
      values.sort(java.util.Comparator.comparingLong(ValueCount::getValue));
      switch (figure) {
        case 0 -> unbounded.setClosePrices(values);
        case 1 -> unbounded.setPricesPerSqft(values);
        case 2 -> unbounded.setDaysOnMarket(values);
        default -> unbounded.setSaleToListRatiosBps(values);
      }
    }
    assertThat(size(unbounded))
        .as("every value kept, as before the bound: 2.5 MB, past the changelog's 1 MiB")
        .isBetween(2_490_000, 2_510_000);
    assertThat(aggregate.getClosePrices()).hasSizeLessThanOrEqualTo(10_000);
    final TrendAggregates.Steps steps = TrendAggregates.Steps.of(aggregate);
    assertThat(steps.exact()).isFalse();

    final TrendCell cell = TrendAggregates.cell(CELL, aggregate);
    assertThat(cell.getClosedSales()).as("counts stay exact").isEqualTo(100_000);
    assertThat(cell.getMeanClosePriceCents())
        .as("the mean stays exact")
        .isEqualTo(Rounding.halfUp(sales.stream().mapToLong(s -> s[0]).sum(), sales.size()));
    assertThat(cell.getMedianClosePriceCents())
        .isCloseTo(exactMedian(sales, 0), offset(steps.closePrices()));
    assertThat(cell.getMedianPricePerSqftCents())
        .isCloseTo(exactMedian(sales, 1), offset(steps.pricesPerSqft()));
    assertThat((long) cell.getMedianDaysOnMarket())
        .isCloseTo(exactMedian(sales, 2), offset(steps.daysOnMarket()));
    assertThat((long) cell.getMedianSaleToListRatioBps())
        .isCloseTo(exactMedian(sales, 3), offset(steps.saleToListRatiosBps()));
  }

  @Test
  void shouldRetractExactlyWhatWasAddedOnceTheGridIsCoarse() {
    final List<long[]> sales = hostileSales(30_000, 12);
    final TrendAggregate aggregate = TrendAggregates.empty();
    sales.forEach(s -> TrendAggregates.apply(aggregate, sale(s, 1)));
    assertThat(TrendAggregates.Steps.of(aggregate).exact()).isFalse();

    final List<long[]> retracted = new ArrayList<>(sales);
    Collections.shuffle(retracted, new Random(13));
    final List<long[]> live = new ArrayList<>(retracted.subList(0, 7));
    for (final long[] s : retracted.subList(7, retracted.size())) {
      TrendAggregates.apply(aggregate, sale(s, -1));
    }
    final TrendCell cell = TrendAggregates.cell(CELL, aggregate);
    assertThat(cell.getClosedSales()).isEqualTo(7);
    assertThat(aggregate.getClosePrices().stream().mapToInt(ValueCount::getCount).sum())
        .as("the multiset holds exactly the 7 live sales")
        .isEqualTo(7);
    assertThat(aggregate.getClosePrices()).allMatch(v -> v.getCount() > 0);
    assertThat(cell.getMedianClosePriceCents())
        .isCloseTo(exactMedian(live, 0), offset(TrendAggregates.Steps.of(aggregate).closePrices()));

    live.forEach(s -> TrendAggregates.apply(aggregate, sale(s, -1)));
    assertThat(TrendAggregates.isEmpty(aggregate)).as("every value retracted").isTrue();
  }

  @Test
  void shouldKeepTenThousandDistinctValuesExactAndGridTheNextOne() {
    final TrendAggregate aggregate = TrendAggregates.empty();
    final List<long[]> sales = new ArrayList<>();
    for (int i = 0; i < TrendAggregates.MAX_DISTINCT_VALUES; i++) {
      sales.add(new long[] {20_000_000L + i, 15_000L + i, i, 9_000 + i});
    }
    sales.forEach(s -> TrendAggregates.apply(aggregate, sale(s, 1)));
    assertThat(TrendAggregates.Steps.of(aggregate).exact()).isTrue();
    final TrendCell exact = TrendAggregates.cell(CELL, aggregate);
    assertThat(exact.getMedianClosePriceCents()).isEqualTo(exactMedian(sales, 0));
    assertThat(exact.getMedianPricePerSqftCents()).isEqualTo(exactMedian(sales, 1));
    assertThat((long) exact.getMedianDaysOnMarket()).isEqualTo(exactMedian(sales, 2));
    assertThat((long) exact.getMedianSaleToListRatioBps()).isEqualTo(exactMedian(sales, 3));
    assertThat(size(aggregate)).isLessThan(BUDGET);

    final long[] next = {1L, 1L, 20_001, 1};
    TrendAggregates.apply(aggregate, sale(next, 1));
    assertThat(TrendAggregates.Steps.of(aggregate))
        .as("10,001 distinct values go on a grid of 2")
        .isEqualTo(new TrendAggregates.Steps(2, 2, 2, 2));
    assertThat(aggregate.getClosePrices()).hasSizeLessThanOrEqualTo(10_000);
  }
}
