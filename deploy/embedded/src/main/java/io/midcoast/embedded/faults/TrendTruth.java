package io.midcoast.embedded.faults;

import io.midcoast.embedded.faults.PropertyTruth.ListingFact;
import io.midcoast.embedded.faults.PropertyTruth.SaleFact;
import io.midcoast.embedded.faults.PropertyTruth.Truth;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code market_trend} rows of the final properties, by the definitions of docs/analytics.md,
 * computed from the final properties alone (the trends are promised to be a function of them,
 * whatever the order of arrival): per region and month the market sales (MLS closes and sale deeds
 * of {@code Property.sales}), their median and mean price, median price per sq ft, days on market
 * and sale-to-list ratio, the new listings, the inventory at month end and the months of supply.
 */
final class TrendTruth {

  /** Month ends a listing counts in inventory at most, from its start month. */
  private static final int HORIZON_MONTHS = 24;

  /** The figures of one cell while they are added up. */
  private static final class Cell {
    private int closed;
    private long sum;
    private final List<Long> prices = new ArrayList<>();
    private final List<Long> perSqft = new ArrayList<>();
    private final List<Long> days = new ArrayList<>();
    private final List<Long> ratios = new ArrayList<>();
    private int listed;
    private int inventory;
  }

  private final Map<String, Cell> cells = new HashMap<>();

  /** Adds what {@code property} contributes. */
  void add(final Truth property) {
    final ListingFact listing = property.listing();
    for (final SaleFact sale : property.sales()) {
      if (!sale.marketSale()) {
        continue;
      }
      for (final String region : property.regions()) {
        final Cell cell = cell(region, YearMonth.from(sale.close()));
        cell.closed++;
        cell.sum += sale.priceCents();
        cell.prices.add(sale.priceCents());
        if (property.livingArea() != null && property.livingArea() > 0) {
          cell.perSqft.add(ExactFigures.halfUp(sale.priceCents(), property.livingArea()));
        }
        if (sale.mls() && !sale.listingStart().isAfter(sale.close())) {
          cell.days.add(ChronoUnit.DAYS.between(sale.listingStart(), sale.close()));
        }
        if (sale.mls()) {
          cell.ratios.add(ExactFigures.halfUp(sale.priceCents() * 10_000L, sale.listPriceCents()));
        }
      }
      final boolean ofCurrent = listing != null && sale.sourceKey().equals("reso:" + listing.key());
      if (sale.mls() && !ofCurrent) {
        listingEvents(property, sale.listingStart(), sale.close(), false);
      }
    }
    if (listing != null) {
      listingEvents(property, listing.start(), listing.lastKnown(), listing.active());
    }
  }

  private void listingEvents(
      final Truth property, final LocalDate start, final LocalDate lastKnown, final boolean open) {
    if (start.isAfter(lastKnown)) {
      return;
    }
    final YearMonth first = YearMonth.from(start);
    YearMonth last = open ? YearMonth.from(lastKnown) : YearMonth.from(lastKnown).minusMonths(1);
    if (last.isAfter(first.plusMonths(HORIZON_MONTHS - 1L))) {
      last = first.plusMonths(HORIZON_MONTHS - 1L);
    }
    for (final String region : property.regions()) {
      cell(region, first).listed++;
      for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
        cell(region, m).inventory++;
      }
    }
  }

  /** The market_trend rows, keyed {@code region_type:region_id:month}. */
  Map<String, Map<String, String>> rows() {
    final Map<String, Map<String, String>> rows = new TreeMap<>();
    cells.forEach(
        (key, cell) -> {
          final Map<String, String> row = new LinkedHashMap<>();
          final int first = key.indexOf(':');
          final int last = key.lastIndexOf(':');
          row.put("region_type", key.substring(0, first));
          row.put("region_id", key.substring(first + 1, last));
          row.put("month", key.substring(last + 1));
          row.put("closed_sales", Integer.toString(cell.closed));
          row.put("median_close_price_cents", ExactFigures.median(cell.prices));
          row.put(
              "mean_close_price_cents",
              cell.closed == 0 ? null : Long.toString(ExactFigures.halfUp(cell.sum, cell.closed)));
          row.put("median_price_per_sqft_cents", ExactFigures.median(cell.perSqft));
          row.put("new_listings", Integer.toString(cell.listed));
          row.put("active_inventory_month_end", Integer.toString(cell.inventory));
          row.put("median_days_on_market", ExactFigures.median(cell.days));
          row.put("median_sale_to_list_ratio_bps", ExactFigures.median(cell.ratios));
          row.put(
              "months_of_supply_hundredths",
              cell.closed == 0
                  ? null
                  : Long.toString(ExactFigures.halfUp(cell.inventory * 100L, cell.closed)));
          rows.put(key, row);
        });
    return rows;
  }

  private Cell cell(final String region, final YearMonth month) {
    return cells.computeIfAbsent(region + ":" + month, k -> new Cell());
  }
}
