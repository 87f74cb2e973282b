package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.midcoast.ml.price.PriceModel;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The analytics of the Ames market end to end on the real stack: the market timeline (every house
 * listed, then closed, in event order, then the county deeds) → ingest → trends and estimates →
 * analytics.trend, analytics.estimate, analytics.score, analytics.estimate.accuracy → Postgres and
 * the HTTP API. Every house closes after an estimate made while it was listed, so the overall
 * accuracy counts exactly the closes of the last 365 days, computed here from the CSV; the county
 * deeds that follow (the same sales, 3 days later) change no sample. The trend figures in Postgres
 * and over HTTP equal the ones computed from the CSV ({@link AmesTrendFigures}; that the topology
 * computes them, keeps them through a replay and moves only the corrected cells is {@link
 * AmesFeedTopologyTest}'s). The feed is loaded once; the tests only read.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIT {

  private static final Duration WAIT = Duration.ofMinutes(6);
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String APP_ID = "it-analytics-" + RUN_ID;

  private record AmesClose(String neighborhood, LocalDate closeDate) {}

  private Stack stack;
  private Probe probe;
  private List<AmesClose> closes;

  @BeforeAll
  @Timeout(value = 15, unit = TimeUnit.MINUTES) // stack, app and the whole timeline, once
  void startStack() throws Exception {
    closes = readCsv();
    stack =
        Stack.builder()
            .dataDir(java.nio.file.Path.of("target", "it-data", APP_ID).toAbsolutePath())
            .connectGroupId("it-connect-" + RUN_ID)
            .applicationId(APP_ID)
            .start();
    stack.startApp();
    probe = new Probe(stack, APP_ID);
    // the county deeds after the timeline is processed, as a recorder publishes after the close:
    // a deed consumed before its house's listing would make the house first seen already sold
    final AmesFeed feed = AmesFeed.load();
    feed.publish(stack.bootstrapServers(), feed.timelinePages());
    probe.awaitCaughtUp(WAIT);
    feed.publish(stack.bootstrapServers(), feed.countySales());
    probe.awaitCaughtUp(WAIT);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldEstimateScoreAndMeasureEveryHouseOfTheTimeline() {
    // every house estimated and scored, in Postgres
    final int houses = probe.propertyRows().size();
    assertThat(houses).isEqualTo(2930);
    Await.until(
        "an estimate and a score of every house in Postgres",
        WAIT,
        () ->
            probe.rows("property_estimate", "property_id").size() == houses
                && probe.rows("property_score", "property_id").size() == houses);
    final Map<String, Map<String, String>> estimates =
        probe.rows("property_estimate", "property_id");
    assertThat(estimates.values())
        .allSatisfy(
            row -> {
              assertThat(row.get("model_version")).isEqualTo(PriceModel.BUNDLED_VERSION);
              assertThat(Long.parseLong(row.get("low_cents")))
                  .isLessThan(Long.parseLong(row.get("estimate_cents")));
              assertThat(Long.parseLong(row.get("high_cents")))
                  .isGreaterThan(Long.parseLong(row.get("estimate_cents")));
              assertThat(row.get("factors")).startsWith("[{");
            });
    assertThat(probe.rows("property_score", "property_id").values())
        .allSatisfy(
            row ->
                assertThat(
                        List.of(
                            Integer.parseInt(row.get("investment")),
                            Integer.parseInt(row.get("risk")),
                            Integer.parseInt(row.get("development"))))
                    .allSatisfy(score -> assertThat(score).isBetween(0, 100)));

    // the same estimate over HTTP (a late re-estimate may still be on its way to either)
    final String someId = estimates.keySet().iterator().next();
    final JsonNode served =
        Await.value(
            "the estimate of " + someId + " alike over HTTP and in Postgres",
            WAIT,
            () -> {
              final JsonNode http = probe.getJson("/api/v1/estimates/" + someId);
              final String row =
                  probe.rows("property_estimate", "property_id").get(someId).get("estimate_cents");
              return http.get("estimateCents").asText().equals(row)
                  ? Optional.of(http)
                  : Optional.empty();
            });
    assertThat(served.get("factors")).hasSize(5);
    assertThat(probe.getJson("/api/v1/scores/" + someId).get("propertyId").asText())
        .isEqualTo(someId);

    // live accuracy: every close of the last 365 days, overall, served, sunk and exported
    final LocalDate end = closes.stream().map(AmesClose::closeDate).max(LocalDate::compareTo).get();
    final long expected =
        closes.stream().filter(c -> c.closeDate().isAfter(end.minusDays(365))).count();
    Await.until(
        "overall accuracy over " + expected + " closes",
        WAIT,
        () -> {
          final var response = probe.get("/api/v1/accuracy/all");
          if (response.statusCode() != 200) {
            return false;
          }
          final JsonNode overall = Probe.JSON.readTree(response.body());
          // the running count also passes through this figure at earlier window ends
          return overall.get("samples").asLong() == expected
              && overall.get("windowEnd").asText().equals(end.toString());
        });
    final JsonNode all = probe.getJson("/api/v1/accuracy/all");
    assertThat(all.get("windowEnd").asText()).isEqualTo(end.toString());
    assertThat(all.get("mdapeBps").asInt()).as("a plausible live MdAPE").isBetween(100, 2_000);
    assertThat(all.get("inIntervalBps").asInt())
        .as("closes inside the 80% interval: measured, not absent")
        .isBetween(1, 10_000);
    System.out.printf("FIGURE live accuracy of the Ames timeline: %s%n", all);
    final Set<String> regions = new TreeSet<>();
    regions.add("all");
    regions.add("city:AMES");
    closes.forEach(c -> regions.add("subdivision:" + c.neighborhood()));
    Await.until(
        "estimate_accuracy rows of every region",
        WAIT,
        () -> {
          final Map<String, Map<String, String>> rows = probe.rows("estimate_accuracy", "region");
          return rows.keySet().equals(regions)
              && rows.get("all").get("samples").equals(Long.toString(expected))
              && rows.get("all").get("in_interval_bps").equals(all.get("inIntervalBps").asText());
        });
    Await.until(
        "every region but 'all' listed at /api/v1/accuracy",
        WAIT,
        () -> probe.getJson("/api/v1/accuracy").get("items").size() == regions.size() - 1);
    Await.until(
        "the accuracy gauges",
        Duration.ofSeconds(60),
        () -> probe.metric("midcoast_estimate_accuracy_samples{region=\"all\"}") == expected);
  }

  @Test
  void shouldLandEveryAmesHouseInPostgresWithItsCountyDeedAndServeIt() {
    final Map<String, Map<String, String>> rows = probe.propertyRows();
    assertThat(rows).hasSize(2930);
    assertThat(rows.values().stream().filter(row -> row.get("sources").contains("county:")).count())
        .as("every 5th Ames sale also came as a county record")
        .isEqualTo(586);
    final Map<String, String> first =
        rows.values().stream()
            .filter(row -> "AMES-1".equals(row.get("listing_key")))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("last_sale_close_price_cents")).isEqualTo("21500000");
    assertThat(first.get("address_subdivision")).isEqualTo("North_Ames");
    assertThat(
            probe
                .getJson("/api/v1/properties/" + first.get("property_id"))
                .at("/lastSale/closePriceCents")
                .asLong())
        .isEqualTo(21_500_000L);
  }

  @Test
  void shouldSinkAndServeTheTrendFiguresComputedFromTheCsv() {
    final List<AmesTrendFigures.Sale> sales = AmesTrendFigures.readCsv();
    final Map<String, Map<String, String>> expected = AmesTrendFigures.expectedRows(sales);
    try {
      Await.until(
          "market_trend to equal the CSV figures", WAIT, () -> probe.trendRows().equals(expected));
    } catch (final RuntimeException e) {
      // show the difference, not just the timeout
      assertThat(probe.trendRows()).containsExactlyInAnyOrderEntriesOf(expected);
      throw e;
    }
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

  private void assertServed(
      final String type, final String id, final Map<String, Map<String, String>> expected) {
    final Map<String, Map<String, String>> served =
        AmesTrendFigures.servedRows(
            type,
            id,
            probe.getJson("/api/v1/trends/" + type + "/" + id + "?from=2000-01&to=2020-12"));
    final Map<String, Map<String, String>> region = AmesTrendFigures.ofRegion(expected, type, id);
    assertThat(region).as("expected months of %s %s", type, id).isNotEmpty();
    assertThat(served).as("served months, oldest first").containsExactlyEntriesOf(region);
  }

  private static List<AmesClose> readCsv() throws Exception {
    try (InputStream in = AnalyticsIT.class.getResourceAsStream(AmesFeed.RESOURCE)) {
      final MappingIterator<Map<String, String>> it =
          new CsvMapper()
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .readValues(in);
      final List<AmesClose> closes = new ArrayList<>();
      for (final Map<String, String> row : it.readAll()) {
        closes.add(
            new AmesClose(
                row.get("Neighborhood").strip(),
                LocalDate.of(
                    Integer.parseInt(row.get("Year_Sold").strip()),
                    Integer.parseInt(row.get("Mo_Sold").strip()),
                    15)));
      }
      return closes;
    }
  }
}
