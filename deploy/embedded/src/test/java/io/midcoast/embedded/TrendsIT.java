package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.midcoast.topology.analytics.TrendTopology;
import io.midcoast.topology.catalog.Topics;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Market trends end to end on the real stack: the Ames feed → ingest → property.state → trends →
 * analytics.trend → Postgres market_trend, and the HTTP API; every figure is compared with figures
 * computed here, independently, straight from the CSV (group by Neighborhood and
 * Year_Sold-Mo_Sold). Then a replay changes nothing, and a correction moves exactly its cell.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrendsIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String APP_ID = "it-trends-" + RUN_ID;
  private static final String[] COLUMNS = {
    "closed_sales",
    "median_close_price_cents",
    "mean_close_price_cents",
    "median_price_per_sqft_cents",
    "new_listings",
    "active_inventory_month_end",
    "median_days_on_market",
    "median_sale_to_list_ratio_bps",
    "months_of_supply_hundredths"
  };

  /** One Ames sale as the CSV says it. */
  private record AmesSale(String neighborhood, LocalDate closeDate, long priceCents, long area) {}

  private Stack stack;
  private Probe probe;
  private List<AmesSale> sales;

  @BeforeAll
  void startStack() throws Exception {
    sales = readCsv();
    stack =
        Stack.builder()
            .dataDir(java.nio.file.Path.of("target", "it-data", APP_ID).toAbsolutePath())
            .connectGroupId("it-connect-" + RUN_ID)
            .applicationId(APP_ID)
            .start();
    stack.startApp();
    probe = new Probe(stack, APP_ID);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldServeAndSinkTheFiguresComputedFromTheCsv() {
    final Map<String, Map<String, String>> expected = expectedRows(sales);
    AmesFeed.load().publish(stack.bootstrapServers());

    awaitRows(expected);
    assertServed("subdivision", "North_Ames", expected);
    assertServed("subdivision", "Gilbert", expected);
    assertServed("subdivision", "Stone_Brook", expected);
    assertServed("city", "AMES", expected);
    final JsonNode may2010 =
        probe.getJson("/api/v1/trends/subdivision/North_Ames?from=2010-05&to=2010-05");
    assertThat(may2010.get("months")).hasSize(1);
    assertThat(may2010.at("/months/0/closedSales").asInt())
        .isEqualTo(
            (int)
                sales.stream()
                    .filter(s -> s.neighborhood().equals("North_Ames"))
                    .filter(s -> YearMonth.from(s.closeDate()).equals(YearMonth.of(2010, 5)))
                    .count());
  }

  @Test
  @Order(2)
  void shouldChangeNothingOnAReplay() {
    awaitDownstreamConsumed();
    final int published = probe.readAll(Topics.ANALYTICS_TREND).size();
    final Map<String, Map<String, String>> rows = probe.trendRows();

    AmesFeed.load().publish(stack.bootstrapServers());
    probe.awaitCaughtUp(WAIT);
    awaitDownstreamConsumed();

    assertThat(probe.readAll(Topics.ANALYTICS_TREND))
        .as("a replay publishes nothing")
        .hasSize(published);
    assertThat(probe.trendRows()).isEqualTo(rows);
  }

  @Test
  @Order(3)
  void shouldMoveExactlyTheCorrectedCellOnACorrectionAndIgnoreTheStaleCopy() {
    final AmesFeed feed = AmesFeed.load();
    final ObjectNode original = feed.resoRecord(1);
    final ObjectNode corrected = original.deepCopy();
    corrected.put("ModificationTimestamp", "2010-05-16T12:00:00Z");
    corrected.put("ClosePrice", 225_000);
    corrected.put("ListPrice", 225_000);
    corrected.put("OriginalListPrice", 225_000);

    probe.publish(Topics.RESO_PROPERTY, List.of(corrected.toString(), original.toString()));

    final List<AmesSale> correctedSales = new ArrayList<>(sales);
    final AmesSale first = correctedSales.get(0);
    correctedSales.set(
        0, new AmesSale(first.neighborhood(), first.closeDate(), 22_500_000L, first.area()));
    final Map<String, Map<String, String>> expected = expectedRows(correctedSales);
    assertThat(expected).isNotEqualTo(expectedRows(sales));
    awaitRows(expected);
    assertServed("subdivision", first.neighborhood(), expected);
  }

  private void awaitDownstreamConsumed() {
    probe.awaitConsumed(
        List.of(
            Topics.PROPERTY_STATE.name(),
            APP_ID + "-" + TrendTopology.CONTRIBUTIONS_BY_REGION + "-repartition"),
        WAIT);
  }

  private void awaitRows(final Map<String, Map<String, String>> expected) {
    try {
      Await.until(
          "market_trend to equal the CSV figures", WAIT, () -> probe.trendRows().equals(expected));
    } catch (final RuntimeException e) {
      // show the difference, not just the timeout
      assertThat(probe.trendRows()).containsExactlyInAnyOrderEntriesOf(expected);
      throw e;
    }
  }

  private void assertServed(
      final String type, final String id, final Map<String, Map<String, String>> expected) {
    final JsonNode body =
        probe.getJson("/api/v1/trends/" + type + "/" + id + "?from=2000-01&to=2020-12");
    final Map<String, Map<String, String>> served = new TreeMap<>();
    for (final JsonNode month : body.get("months")) {
      final Map<String, String> row = new TreeMap<>();
      row.put("region_type", type);
      row.put("region_id", id);
      row.put("month", month.get("month").asText());
      row.put("closed_sales", text(month, "closedSales"));
      row.put("median_close_price_cents", text(month, "medianClosePriceCents"));
      row.put("mean_close_price_cents", text(month, "meanClosePriceCents"));
      row.put("median_price_per_sqft_cents", text(month, "medianPricePerSqftCents"));
      row.put("new_listings", text(month, "newListings"));
      row.put("active_inventory_month_end", text(month, "activeInventoryMonthEnd"));
      row.put("median_days_on_market", text(month, "medianDaysOnMarket"));
      row.put("median_sale_to_list_ratio_bps", text(month, "medianSaleToListRatioBps"));
      row.put("months_of_supply_hundredths", text(month, "monthsOfSupplyHundredths"));
      served.put(type + ":" + id + ":" + row.get("month"), row);
    }
    final Map<String, Map<String, String>> region = new TreeMap<>();
    expected.forEach(
        (key, row) -> {
          if (key.startsWith(type + ":" + id + ":")) {
            region.put(key, row);
          }
        });
    assertThat(region).as("expected months of %s %s", type, id).isNotEmpty();
    assertThat(served).as("served months, oldest first").containsExactlyEntriesOf(region);
    assertThat(List.copyOf(served.keySet())).isSorted();
  }

  private static String text(final JsonNode node, final String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }

  private static List<AmesSale> readCsv() throws Exception {
    try (InputStream in = TrendsIT.class.getResourceAsStream(AmesFeed.RESOURCE)) {
      final MappingIterator<Map<String, String>> it =
          new CsvMapper()
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .readValues(in);
      final List<AmesSale> sales = new ArrayList<>();
      for (final Map<String, String> row : it.readAll()) {
        sales.add(
            new AmesSale(
                row.get("Neighborhood").strip(),
                LocalDate.of(
                    Integer.parseInt(row.get("Year_Sold").strip()),
                    Integer.parseInt(row.get("Mo_Sold").strip()),
                    15),
                new BigDecimal(row.get("Sale_Price").strip()).movePointRight(2).longValueExact(),
                Long.parseLong(row.get("Gr_Liv_Area").strip())));
      }
      return sales;
    }
  }

  /**
   * The market_trend rows the feed must produce, computed from the CSV with BigDecimal: per
   * Neighborhood (subdivision) and for the whole city (AMES), per month of the sale: count, median
   * and mean price, median price per sq ft (per sale, cents, half up), 45 days on market and a
   * sale-to-list ratio of 100% (the feed lists every house 45 days before its close at its close
   * price); a new listing in the month 45 days before the close; inventory at every month end from
   * the listing date until before the close; months of supply = inventory / sales.
   */
  private static Map<String, Map<String, String>> expectedRows(final List<AmesSale> sales) {
    final Map<String, List<AmesSale>> sold = new HashMap<>();
    final Map<String, Integer> listed = new HashMap<>();
    final Map<String, Integer> inventory = new HashMap<>();
    for (final AmesSale sale : sales) {
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
    final java.util.Set<String> cells = new java.util.TreeSet<>(sold.keySet());
    cells.addAll(listed.keySet());
    cells.addAll(inventory.keySet());
    for (final String cell : cells) {
      final List<AmesSale> inCell = sold.getOrDefault(cell, List.of());
      final int count = inCell.size();
      final int stock = inventory.getOrDefault(cell, 0);
      final Map<String, String> row = new TreeMap<>();
      final int first = cell.indexOf(':');
      final int last = cell.lastIndexOf(':');
      row.put("region_type", cell.substring(0, first));
      row.put("region_id", cell.substring(first + 1, last));
      row.put("month", cell.substring(last + 1));
      row.put("closed_sales", Integer.toString(count));
      row.put(
          "median_close_price_cents", median(inCell.stream().map(AmesSale::priceCents).toList()));
      row.put(
          "mean_close_price_cents",
          count == 0
              ? null
              : BigDecimal.valueOf(inCell.stream().mapToLong(AmesSale::priceCents).sum())
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
      assertThat(row.keySet()).containsAll(List.of(COLUMNS));
      rows.put(cell, row);
    }
    return rows;
  }

  /** The median; of an even count the mean of the two middle values, rounded half up. */
  private static String median(final List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    final List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    final int n = sorted.size();
    if (n % 2 == 1) {
      return Long.toString(sorted.get(n / 2));
    }
    return BigDecimal.valueOf(sorted.get(n / 2 - 1))
        .add(BigDecimal.valueOf(sorted.get(n / 2)))
        .divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
