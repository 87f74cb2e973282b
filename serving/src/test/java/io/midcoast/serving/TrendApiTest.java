package io.midcoast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import io.midcoast.topology.analytics.RegionPartitioner;
import io.midcoast.topology.analytics.TrendKeys;
import io.midcoast.topology.analytics.TrendTopology;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.junit.jupiter.api.Test;

class TrendApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The trend store as a sorted map; records the routing of the last range query. */
  private static final class TrendStore implements StateQueries {
    private final TreeMap<String, TrendCell> cells = new TreeMap<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicReference<String> lastRoutingKey = new AtomicReference<>();
    private final AtomicReference<OptionalInt> lastPartition = new AtomicReference<>();

    @Override
    public <V> Optional<JsonNode> get(
        final String store,
        final String key,
        final Function<V, JsonNode> render,
        final String path,
        final OptionalInt partition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <V> List<Keyed> list(
        final String store,
        final String after,
        final int limit,
        final Predicate<V> filter,
        final Function<V, JsonNode> render,
        final String keyField,
        final String path,
        final boolean localOnly) {
      throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> List<JsonNode> range(
        final String store,
        final String routingKey,
        final StreamPartitioner<? super String, ?> partitioner,
        final String from,
        final String to,
        final Predicate<String> keyFilter,
        final Function<V, JsonNode> render,
        final String itemsField,
        final String path,
        final OptionalInt partition) {
      if (!ready.get()) {
        throw new NotReadyException("rebalancing");
      }
      assertThat(store).isEqualTo(TrendTopology.TREND_STORE);
      assertThat(partitioner).isInstanceOf(RegionPartitioner.class);
      assertThat(itemsField).isEqualTo("months");
      lastRoutingKey.set(routingKey);
      lastPartition.set(partition);
      return cells.subMap(from, true, to, true).entrySet().stream()
          .filter(e -> keyFilter.test(e.getKey()))
          .map(e -> render.apply((V) e.getValue()))
          .toList();
    }

    void put(final RegionType type, final String id, final String month, final int sales) {
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
      cells.put(TrendKeys.cell(type, id, YearMonth.parse(month)), cell);
    }
  }

  private final TrendStore store = new TrendStore();

  private Javalin app() {
    store.put(RegionType.SUBDIVISION, "North_Ames", "2010-01", 3);
    store.put(RegionType.SUBDIVISION, "North_Ames", "2010-03", 5);
    store.put(RegionType.SUBDIVISION, "North_Ames", "2009-12", 2);
    store.put(RegionType.SUBDIVISION, "North_Ames:1", "2010-01", 9);
    store.put(RegionType.SUBDIVISION, "Gilbert", "2010-01", 4);
    store.put(RegionType.CITY, "AMES", "2010-01", 30);
    return HttpApi.create(
        new HttpApi.Dependencies(
            store,
            () -> true,
            store.ready::get,
            () -> Map.of("streams", "RUNNING"),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Duration.ofSeconds(7),
            new PushHub(
                PushChannels.standard(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
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
          assertThat(store.lastRoutingKey.get()).isEqualTo("subdivision:North_Ames:2010-01");
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
    store.ready.set(false);
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
          assertThat(store.lastPartition.get()).as("routed to the owner").isEmpty();
          final var response = client.get("/api/v1/trends/city/Ames?local=true&partition=5");
          assertThat(response.code()).isEqualTo(200);
          assertThat(store.lastPartition.get()).hasValue(5);
          assertThat(JSON.readTree(response.body().string()).get("months")).hasSize(1);
        });
  }
}
