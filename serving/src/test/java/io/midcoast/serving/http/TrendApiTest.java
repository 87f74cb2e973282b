package io.midcoast.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.catalog.RegionPartitioner;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.TrendKeys;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MapStateQueries store = new MapStateQueries();

  private void put(final RegionType type, final String id, final String month, final int sales) {
    final TrendCell cell =
        TrendCell.newBuilder()
            .setRegionType(type)
            .setRegionId(id)
            .setMonth(month)
            .setClosedSales(sales)
            .setMedianClosePriceCents(sales > 0 ? 20_000_000L : null)
            .setMeanClosePriceCents(sales > 0 ? 21_000_000L : null)
            .setNewListings(1)
            .setActiveInventoryMonthEnd(2)
            .build();
    store.put(StoreNames.TREND, TrendKeys.cell(type, id, YearMonth.parse(month)), cell);
  }

  private Javalin app() {
    put(RegionType.SUBDIVISION, "North_Ames", "2010-01", 3);
    put(RegionType.SUBDIVISION, "North_Ames", "2010-03", 5);
    put(RegionType.SUBDIVISION, "North_Ames", "2009-12", 2);
    put(RegionType.SUBDIVISION, "North_Ames:1", "2010-01", 9);
    put(RegionType.SUBDIVISION, "Gilbert", "2010-01", 4);
    put(RegionType.CITY, "AMES", "2010-01", 30);
    return TestApps.app(store, store.ready()::get);
  }

  @Test
  void shouldServeOneEntryPerMonthWithDataOldestFirst() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.get("/api/v1/trends/subdivision/North_Ames");
          assertThat(response.code()).isEqualTo(200);
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("regionType").asText()).isEqualTo("subdivision");
          assertThat(body.get("regionId").asText()).isEqualTo("North_Ames");
          assertThat(body.get("months"))
              .extracting(m -> m.get("month").asText())
              .containsExactly("2009-12", "2010-01", "2010-03");
          final JsonNode january = body.get("months").get(1);
          assertThat(january.get("closedSales").asInt()).isEqualTo(3);
          assertThat(january.get("medianClosePriceCents").asLong()).isEqualTo(20_000_000L);
          assertThat(january.get("activeInventoryMonthEnd").asInt()).isEqualTo(2);
          assertThat(january.has("medianDaysOnMarket")).as("nulls are omitted").isFalse();
        });
  }

  @Test
  void shouldLimitTheMonthsToFromAndToInclusive() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode body =
              JSON.readTree(
                  client
                      .get("/api/v1/trends/subdivision/North_Ames?from=2010-01&to=2010-03")
                      .body()
                      .string());
          assertThat(body.get("months"))
              .extracting(m -> m.get("month").asText())
              .containsExactly("2010-01", "2010-03");
          final MapStateQueries.RangeQuery range = store.lastRange();
          assertThat(range.routingKey()).isEqualTo("subdivision:North_Ames:2010-01");
          assertThat(range.store()).isEqualTo(StoreNames.TREND);
          assertThat(range.partitioner()).isInstanceOf(RegionPartitioner.class);
          assertThat(range.itemsField()).isEqualTo("months");
          final JsonNode none =
              JSON.readTree(
                  client.get("/api/v1/trends/subdivision/Nowhere?from=2010-01").body().string());
          assertThat(none.get("months")).isEmpty();
        });
  }

  @Test
  void shouldMatchCitiesAndPostalCodesUpperCase() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode body =
              JSON.readTree(client.get("/api/v1/trends/city/Ames").body().string());
          assertThat(body.get("regionId").asText()).isEqualTo("AMES");
          assertThat(body.get("months")).hasSize(1);
          assertThat(body.get("months").get(0).get("closedSales").asInt()).isEqualTo(30);
        });
  }

  @Test
  void shouldAnswer400ProblemsForBadInput() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (final String path :
              List.of(
                  "/api/v1/trends/planet/Mars",
                  "/api/v1/trends/city/Ames?from=2010-13",
                  "/api/v1/trends/city/Ames?from=2010-1",
                  "/api/v1/trends/city/Ames?to=May",
                  "/api/v1/trends/city/Ames?from=2010-05&to=2010-04",
                  "/api/v1/trends/city/Ames?local=true",
                  "/api/v1/trends/city/Ames?local=true&partition=-1",
                  "/api/v1/trends/city/Ames?local=true&partition=one",
                  "/api/v1/trends/city/Ames?partition=1")) {
            final var response = client.get(path);
            assertThat(response.code()).as(path).isEqualTo(400);
            assertThat(response.headers().get("Content-Type").get(0))
                .startsWith("application/problem+json");
          }
        });
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileStateIsNotReady() {
    store.ready().set(false);
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.get("/api/v1/trends/subdivision/North_Ames");
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.headers().get("Retry-After")).containsExactly("7");
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
        });
  }

  @Test
  void shouldServeTheChartLibraryFromItsWebJar() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.get("/webjars/chart.js/4.4.1/dist/chart.umd.js");
          assertThat(response.code()).isEqualTo(200);
          final var page = client.get("/");
          assertThat(page.body().string()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js");
        });
  }

  @Test
  void shouldAnswerAForwardedQueryFromThePartitionItNames() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          client.get("/api/v1/trends/city/Ames");
          assertThat(store.lastPartition()).as("routed to the owner").isEmpty();
          final var response = client.get("/api/v1/trends/city/Ames?local=true&partition=5");
          assertThat(response.code()).isEqualTo(200);
          assertThat(store.lastPartition()).hasValue(5);
          assertThat(JSON.readTree(response.body().string()).get("months")).hasSize(1);
        });
  }
}
