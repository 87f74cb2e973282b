package io.midcoast.topology.analytics;

import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.ValueCount;
import io.midcoast.topology.catalog.TrendKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact state of one market-trend cell and the figures derived from it: pure functions.
 *
 * <p>Every value behind a median is kept in a sorted multiset ({@link ValueCount}s sorted by
 * value), so medians are exact for any number of sales; a retraction removes exactly the value it
 * added. Each update costs O(distinct values of the cell); a cell of 10,000 sales serializes to
 * roughly 4 × 10,000 × 7 bytes, well under Kafka's default 1 MB record limit of the changelog.
 */
public final class TrendAggregates {

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
          add(aggregate.getClosePrices(), contribution.getClosePriceCents(), delta);
        }
        if (contribution.getPricePerSqftCents() != null) {
          add(aggregate.getPricesPerSqft(), contribution.getPricePerSqftCents(), delta);
        }
        if (contribution.getDaysOnMarket() != null) {
          add(aggregate.getDaysOnMarket(), contribution.getDaysOnMarket(), delta);
        }
        if (contribution.getSaleToListRatioBps() != null) {
          add(aggregate.getSaleToListRatiosBps(), contribution.getSaleToListRatioBps(), delta);
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
        .setMedianClosePriceCents(median(aggregate.getClosePrices()))
        .setMeanClosePriceCents(
            sales > 0 ? Rounding.halfUp(aggregate.getClosePriceSumCents(), sales) : null)
        .setMedianPricePerSqftCents(median(aggregate.getPricesPerSqft()))
        .setNewListings(aggregate.getNewListings())
        .setActiveInventoryMonthEnd(aggregate.getActiveInventoryMonthEnd())
        .setMedianDaysOnMarket(toInt(median(aggregate.getDaysOnMarket())))
        .setMedianSaleToListRatioBps(toInt(median(aggregate.getSaleToListRatiosBps())))
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
