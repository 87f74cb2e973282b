package io.midcoast.topology.analytics;

import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.ValueCount;
import io.midcoast.topology.catalog.TrendKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one market-trend cell and the figures derived from it: pure functions.
 *
 * <p>Every value behind a median is kept in a sorted multiset ({@link ValueCount}s sorted by
 * value); a retraction removes exactly the value it added. Each update costs O(distinct values of
 * the cell).
 *
 * <p><b>Bound.</b> A multiset keeps at most {@value #MAX_DISTINCT_VALUES} distinct values exactly
 * (its step is 1), so every cell of at most that many sales has exact medians. A value that would
 * make it hold more puts the multiset on a grid: every value is rounded down to a multiple of the
 * multiset's step, the step doubling until at most {@value #MAX_DISTINCT_VALUES} distinct values
 * remain; later values and retractions are rounded the same way, so a retraction still removes what
 * its addition added. The step never shrinks again (until the cell empties). A median on a grid is
 * the median of the grid cells' midpoints: within one step of the exact median. Counts, sums,
 * means, listings, inventory and months of supply stay exact. So the serialized aggregate stays
 * under 512 KiB, half of the changelog's default 1 MiB record limit, whatever the input: 250 KB for
 * 100,000 sales with distinct values of the widest kind ingest lets through, and about 410 KB even
 * if every count took five bytes (docs/reliability.md).
 */
public final class TrendAggregates {

  /** The most distinct values one multiset of a cell keeps exactly. */
  public static final int MAX_DISTINCT_VALUES = 10_000;

  /**
   * The grid steps of a cell's four multisets (1 = exact).
   *
   * @param closePrices step of the close prices, in cents
   * @param pricesPerSqft step of the prices per sq ft, in cents
   * @param daysOnMarket step of the days on market
   * @param saleToListRatiosBps step of the sale-to-list ratios, in basis points
   */
  public record Steps(
      long closePrices, long pricesPerSqft, long daysOnMarket, long saleToListRatiosBps) {

    /** The steps of {@code aggregate}. */
    public static Steps of(final TrendAggregate aggregate) {
      return new Steps(
          aggregate.getClosePricesStep(),
          aggregate.getPricesPerSqftStep(),
          aggregate.getDaysOnMarketStep(),
          aggregate.getSaleToListRatiosBpsStep());
    }

    /** Whether every multiset is exact. */
    public boolean exact() {
      return closePrices == 1
          && pricesPerSqft == 1
          && daysOnMarket == 1
          && saleToListRatiosBps == 1;
    }
  }

  private TrendAggregates() {}

  /** A new, empty aggregate. */
  public static TrendAggregate empty() {
    return TrendAggregate.newBuilder()
        .setClosedSales(0)
        .setClosePriceSumCents(0L)
        .setClosePrices(new ArrayList<>())
        .setPricesPerSqft(new ArrayList<>())
        .setDaysOnMarket(new ArrayList<>())
        .setSaleToListRatiosBps(new ArrayList<>())
        .setNewListings(0)
        .setActiveInventoryMonthEnd(0)
        .build();
  }

  /** Applies one signed contribution to {@code aggregate} in place. */
  public static void apply(final TrendAggregate aggregate, final TrendContribution contribution) {
    final int delta = contribution.getDelta();
    switch (contribution.getKind()) {
      case SALE -> {
        aggregate.setClosedSales(aggregate.getClosedSales() + delta);
        if (contribution.getClosePriceCents() != null) {
          aggregate.setClosePriceSumCents(
              aggregate.getClosePriceSumCents() + delta * contribution.getClosePriceCents());
          aggregate.setClosePricesStep(
              add(
                  aggregate.getClosePrices(),
                  aggregate.getClosePricesStep(),
                  contribution.getClosePriceCents(),
                  delta));
        }
        if (contribution.getPricePerSqftCents() != null) {
          aggregate.setPricesPerSqftStep(
              add(
                  aggregate.getPricesPerSqft(),
                  aggregate.getPricesPerSqftStep(),
                  contribution.getPricePerSqftCents(),
                  delta));
        }
        if (contribution.getDaysOnMarket() != null) {
          aggregate.setDaysOnMarketStep(
              add(
                  aggregate.getDaysOnMarket(),
                  aggregate.getDaysOnMarketStep(),
                  contribution.getDaysOnMarket(),
                  delta));
        }
        if (contribution.getSaleToListRatioBps() != null) {
          aggregate.setSaleToListRatiosBpsStep(
              add(
                  aggregate.getSaleToListRatiosBps(),
                  aggregate.getSaleToListRatiosBpsStep(),
                  contribution.getSaleToListRatioBps(),
                  delta));
        }
      }
      case NEW_LISTING -> aggregate.setNewListings(aggregate.getNewListings() + delta);
      case ACTIVE_AT_MONTH_END ->
          aggregate.setActiveInventoryMonthEnd(aggregate.getActiveInventoryMonthEnd() + delta);
      default -> {
        // a kind this version does not know: nothing to count
      }
    }
  }

  /** Whether nothing is left in the cell (every count back to zero). */
  public static boolean isEmpty(final TrendAggregate aggregate) {
    return aggregate.getClosedSales() == 0
        && aggregate.getNewListings() == 0
        && aggregate.getActiveInventoryMonthEnd() == 0
        && aggregate.getClosePrices().isEmpty()
        && aggregate.getPricesPerSqft().isEmpty()
        && aggregate.getDaysOnMarket().isEmpty()
        && aggregate.getSaleToListRatiosBps().isEmpty();
  }

  /** The published figures of the cell {@code cellKey}. */
  public static TrendCell cell(final String cellKey, final TrendAggregate aggregate) {
    final TrendKeys.Cell cell = TrendKeys.parse(cellKey);
    final int sales = aggregate.getClosedSales();
    return TrendCell.newBuilder()
        .setRegionType(cell.regionType())
        .setRegionId(cell.regionId())
        .setMonth(cell.month().toString())
        .setClosedSales(sales)
        .setMedianClosePriceCents(
            median(aggregate.getClosePrices(), aggregate.getClosePricesStep()))
        .setMeanClosePriceCents(
            sales > 0 ? Rounding.halfUp(aggregate.getClosePriceSumCents(), sales) : null)
        .setMedianPricePerSqftCents(
            median(aggregate.getPricesPerSqft(), aggregate.getPricesPerSqftStep()))
        .setNewListings(aggregate.getNewListings())
        .setActiveInventoryMonthEnd(aggregate.getActiveInventoryMonthEnd())
        .setMedianDaysOnMarket(
            toInt(median(aggregate.getDaysOnMarket(), aggregate.getDaysOnMarketStep())))
        .setMedianSaleToListRatioBps(
            toInt(
                median(aggregate.getSaleToListRatiosBps(), aggregate.getSaleToListRatiosBpsStep())))
        // months of supply: inventory at this month's end / this month's closed sales (one
        // month, not smoothed), in hundredths, half up; null without a sale (docs/analytics.md)
        .setMonthsOfSupplyHundredths(
            sales > 0
                ? Math.toIntExact(
                    Rounding.halfUp(aggregate.getActiveInventoryMonthEnd() * 100L, sales))
                : null)
        .build();
  }

  /**
   * The median of a multiset kept on a grid of {@code step}: the median of its values ({@link
   * #median(List)}), each standing for the midpoint of its grid cell ({@code value + step / 2},
   * nothing added while exact); null when empty.
   */
  static Long median(final List<ValueCount> values, final long step) {
    final Long median = median(values);
    if (median == null || step == 1) {
      return median;
    }
    return median + step / 2;
  }

  /**
   * The exact median of a sorted multiset (entries with a count ≤ 0 are ignored): the middle value
   * of an odd count, the mean of the two middle values, rounded half up, of an even count; null
   * when empty.
   */
  static Long median(final List<ValueCount> values) {
    long total = 0;
    for (final ValueCount v : values) {
      total += Math.max(0, v.getCount());
    }
    if (total == 0) {
      return null;
    }
    final long upper = total / 2;
    if (total % 2 == 1) {
      return nth(values, upper);
    }
    return Rounding.meanOfTwo(nth(values, upper - 1), nth(values, upper));
  }

  private static long nth(final List<ValueCount> values, final long index) {
    long seen = 0;
    for (final ValueCount v : values) {
      seen += Math.max(0, v.getCount());
      if (seen > index) {
        return v.getValue();
      }
    }
    throw new IllegalStateException("index " + index + " beyond the multiset");
  }

  /**
   * Adds {@code delta} occurrences of {@code value} to a multiset kept on a grid of {@code step}
   * (the value rounded down to a multiple of it), then coarsens the grid while the multiset holds
   * more than {@value #MAX_DISTINCT_VALUES} distinct values; returns the step now in force.
   */
  static long add(
      final List<ValueCount> values, final long step, final long value, final int delta) {
    add(values, Math.floorDiv(value, step) * step, delta);
    long now = step;
    while (values.size() > MAX_DISTINCT_VALUES) {
      now *= 2;
      regrid(values, now);
    }
    return now;
  }

  /** Rounds every value down to a multiple of {@code step}, merging the counts of equal values. */
  private static void regrid(final List<ValueCount> values, final long step) {
    final List<ValueCount> merged = new ArrayList<>(values.size() / 2 + 1);
    for (final ValueCount v : values) {
      final long value = Math.floorDiv(v.getValue(), step) * step;
      final int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).getValue() == value) {
        final int count = merged.get(last).getCount() + v.getCount();
        if (count == 0) {
          merged.remove(last);
        } else {
          merged.set(last, new ValueCount(value, count));
        }
      } else {
        merged.add(new ValueCount(value, v.getCount()));
      }
    }
    values.clear();
    values.addAll(merged);
  }

  /** Adds {@code delta} occurrences of {@code value}, keeping the list sorted and without zeros. */
  static void add(final List<ValueCount> values, final long value, final int delta) {
    int low = 0;
    int high = values.size() - 1;
    while (low <= high) {
      final int mid = (low + high) >>> 1;
      final long at = values.get(mid).getValue();
      if (at < value) {
        low = mid + 1;
      } else if (at > value) {
        high = mid - 1;
      } else {
        final int count = values.get(mid).getCount() + delta;
        if (count == 0) {
          values.remove(mid);
        } else {
          values.set(mid, new ValueCount(value, count));
        }
        return;
      }
    }
    if (delta != 0) {
      // a retraction before its addition (never in order, kept so that order cannot matter)
      values.add(low, new ValueCount(value, delta));
    }
  }

  private static Integer toInt(final Long value) {
    return value == null ? null : Math.toIntExact(value);
  }
}
