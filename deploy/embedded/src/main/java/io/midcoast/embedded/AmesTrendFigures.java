package io.midcoast.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.midcoast.embedded.faults.ExactFigures;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.catalog.TrendKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The market-trend figures the Ames demo feed must produce, computed here, independently of the
 * topology, straight from the CSV (group by Neighborhood and Year_Sold-Mo_Sold, BigDecimal
 * arithmetic), as rows of table {@code market_trend}: column → text, keyed by {@code
 * "region_type:region_id:month"}. The topology test ({@code AmesFeedTopologyTest}) compares them
 * with what the trend topology computes; the stack test ({@code AnalyticsIT}) with what reaches
 * Postgres and HTTP.
 */
public final class AmesTrendFigures {

  /** The figure columns of table market_trend (beside the three key columns). */
  public static final List<String> COLUMNS =
      List.of(
          "closed_sales",
          "median_close_price_cents",
          "mean_close_price_cents",
          "median_price_per_sqft_cents",
          "new_listings",
          "active_inventory_month_end",
          "median_days_on_market",
          "median_sale_to_list_ratio_bps",
          "months_of_supply_hundredths");

  /** One Ames sale as the CSV says it. */
  public record Sale(String neighborhood, LocalDate closeDate, long priceCents, long area) {

    /** The same sale at another price. */
    public Sale withPriceCents(final long value) {
      return new Sale(neighborhood, closeDate, value, area);
    }
  }

  private AmesTrendFigures() {}

  /** Every sale of the bundled CSV, in file order (row n is element n - 1). */
  public static List<Sale> readCsv() {
    try (InputStream in = AmesTrendFigures.class.getResourceAsStream(AmesFeed.RESOURCE)) {
      final MappingIterator<Map<String, String>> it =
          new CsvMapper()
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .readValues(in);
      final List<Sale> sales = new ArrayList<>();
      for (final Map<String, String> row : it.readAll()) {
        sales.add(
            new Sale(
                row.get("Neighborhood").strip(),
                LocalDate.of(
                    Integer.parseInt(row.get("Year_Sold").strip()),
                    Integer.parseInt(row.get("Mo_Sold").strip()),
                    15),
                new BigDecimal(row.get("Sale_Price").strip()).movePointRight(2).longValueExact(),
                Long.parseLong(row.get("Gr_Liv_Area").strip())));
      }
      return List.copyOf(sales);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + AmesFeed.RESOURCE, e);
    }
  }

  /**
   * The market_trend rows the feed must produce: per Neighborhood (subdivision) and for the whole
   * city (AMES), per month of the sale: count, median and mean price, median price per sq ft (per
   * sale, cents, half up), 45 days on market and a sale-to-list ratio of 100% (the feed lists every
   * house 45 days before its close at its close price); a new listing in the month 45 days before
   * the close; inventory at every month end from the listing date until before the close; months of
   * supply = inventory / sales.
   */
  public static Map<String, Map<String, String>> expectedRows(final List<Sale> sales) {
    final Map<String, List<Sale>> sold = new HashMap<>();
    final Map<String, Integer> listed = new HashMap<>();
    final Map<String, Integer> inventory = new HashMap<>();
    for (final Sale sale : sales) {
      for (final String region : List.of("subdivision:" + sale.neighborhood(), "city:AMES")) {
        sold.computeIfAbsent(
                region + ":" + YearMonth.from(sale.closeDate()), k -> new ArrayList<>())
            .add(sale);
        final LocalDate start = sale.closeDate().minusDays(45);
        listed.merge(region + ":" + YearMonth.from(start), 1, Integer::sum);
        for (YearMonth m = YearMonth.from(start);
            m.atEndOfMonth().isBefore(sale.closeDate());
            m = m.plusMonths(1)) {
          inventory.merge(region + ":" + m, 1, Integer::sum);
        }
      }
    }
    final Map<String, Map<String, String>> rows = new TreeMap<>();
    final Set<String> cells = new TreeSet<>(sold.keySet());
    cells.addAll(listed.keySet());
    cells.addAll(inventory.keySet());
    for (final String cell : cells) {
      final List<Sale> inCell = sold.getOrDefault(cell, List.of());
      final int count = inCell.size();
      final int stock = inventory.getOrDefault(cell, 0);
      final Map<String, String> row = keyColumns(cell);
      row.put("closed_sales", Integer.toString(count));
      row.put("median_close_price_cents", median(inCell.stream().map(Sale::priceCents).toList()));
      row.put(
          "mean_close_price_cents",
          count == 0
              ? null
              : BigDecimal.valueOf(inCell.stream().mapToLong(Sale::priceCents).sum())
                  .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
                  .toPlainString());
      row.put(
          "median_price_per_sqft_cents",
          median(
              inCell.stream()
                  .map(
                      s ->
                          BigDecimal.valueOf(s.priceCents())
                              .divide(BigDecimal.valueOf(s.area()), 0, RoundingMode.HALF_UP)
                              .longValueExact())
                  .toList()));
      row.put("new_listings", Integer.toString(listed.getOrDefault(cell, 0)));
      row.put("active_inventory_month_end", Integer.toString(stock));
      row.put("median_days_on_market", count == 0 ? null : "45");
      row.put("median_sale_to_list_ratio_bps", count == 0 ? null : "10000");
      row.put(
          "months_of_supply_hundredths",
          count == 0
              ? null
              : BigDecimal.valueOf(stock * 100L)
                  .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP)
                  .toPlainString());
      if (!row.keySet().containsAll(COLUMNS)) {
        throw new IllegalStateException("a figure is missing in " + row);
      }
      rows.put(cell, row);
    }
    return rows;
  }

  /** A trend cell of the topology as a market_trend row. */
  public static Map<String, String> row(final String cellKey, final TrendCell cell) {
    final Map<String, String> row = keyColumns(cellKey);
    row.put("closed_sales", text(cell.getClosedSales()));
    row.put("median_close_price_cents", text(cell.getMedianClosePriceCents()));
    row.put("mean_close_price_cents", text(cell.getMeanClosePriceCents()));
    row.put("median_price_per_sqft_cents", text(cell.getMedianPricePerSqftCents()));
    row.put("new_listings", text(cell.getNewListings()));
    row.put("active_inventory_month_end", text(cell.getActiveInventoryMonthEnd()));
    row.put("median_days_on_market", text(cell.getMedianDaysOnMarket()));
    row.put("median_sale_to_list_ratio_bps", text(cell.getMedianSaleToListRatioBps()));
    row.put("months_of_supply_hundredths", text(cell.getMonthsOfSupplyHundredths()));
    return row;
  }

  /**
   * The months of one region served over HTTP ({@code GET /api/v1/trends/...}) as market_trend
   * rows, keyed by cell, in the order served.
   */
  static Map<String, Map<String, String>> servedRows(
      final String type, final String id, final JsonNode body) {
    final Map<String, Map<String, String>> served = new java.util.LinkedHashMap<>();
    for (final JsonNode month : body.get("months")) {
      final String cell = type + ":" + id + ":" + month.get("month").asText();
      final Map<String, String> row = keyColumns(cell);
      row.put("closed_sales", text(month, "closedSales"));
      row.put("median_close_price_cents", text(month, "medianClosePriceCents"));
      row.put("mean_close_price_cents", text(month, "meanClosePriceCents"));
      row.put("median_price_per_sqft_cents", text(month, "medianPricePerSqftCents"));
      row.put("new_listings", text(month, "newListings"));
      row.put("active_inventory_month_end", text(month, "activeInventoryMonthEnd"));
      row.put("median_days_on_market", text(month, "medianDaysOnMarket"));
      row.put("median_sale_to_list_ratio_bps", text(month, "medianSaleToListRatioBps"));
      row.put("months_of_supply_hundredths", text(month, "monthsOfSupplyHundredths"));
      served.put(cell, row);
    }
    return served;
  }

  /** The rows of one region ({@code type:id}), oldest month first. */
  static Map<String, Map<String, String>> ofRegion(
      final Map<String, Map<String, String>> rows, final String type, final String id) {
    final Map<String, Map<String, String>> region = new TreeMap<>();
    rows.forEach(
        (key, row) -> {
          if (TrendKeys.regionOf(key).equals(type + ":" + id)) {
            region.put(key, row);
          }
        });
    return region;
  }

  private static Map<String, String> keyColumns(final String cellKey) {
    final Map<String, String> row = new TreeMap<>();
    final int first = cellKey.indexOf(':');
    final int last = cellKey.lastIndexOf(':');
    row.put("region_type", cellKey.substring(0, first));
    row.put("region_id", cellKey.substring(first + 1, last));
    row.put("month", cellKey.substring(last + 1));
    return row;
  }

  private static String text(final Object value) {
    return value == null ? null : value.toString();
  }

  private static String text(final JsonNode node, final String field) {
    return node.has(field) && !node.get(field).isNull() ? node.get(field).asText() : null;
  }

  /** The median; of an even count the mean of the two middle values, rounded half up. */
  private static String median(final List<Long> values) {
    return ExactFigures.median(values);
  }
}
