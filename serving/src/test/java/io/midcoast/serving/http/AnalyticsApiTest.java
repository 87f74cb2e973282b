package io.midcoast.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndexLevel;
import io.midcoast.topology.catalog.StoreNames;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MapStateQueries stores = new MapStateQueries();

  private Javalin app() {
    stores.put(
        StoreNames.ESTIMATE,
        "p1",
        PriceEstimate.newBuilder()
            .setPropertyId("p1")
            .setModelId("midcoast-price")
            .setModelVersion("1.0.0")
            .setEstimateCents(20_000_000L)
            .setLowCents(18_000_000L)
            .setHighCents(22_000_000L)
            .setAsOf(LocalDate.parse("2010-06-15"))
            .setRegionIndexLevel(RegionIndexLevel.SUBDIVISION)
            .setFactors(List.of(new Factor("living_area", 0.12)))
            .build());
    stores.put(
        StoreNames.SCORE,
        "p1",
        PropertyScore.newBuilder()
            .setPropertyId("p1")
            .setAsOf(LocalDate.parse("2010-06-15"))
            .setFormulaVersion("1")
            .setInvestment(61)
            .setRisk(30)
            .setDevelopment(22)
            .build());
    for (final String region : List.of("all", "city:AMES", "subdivision:North_Ames")) {
      stores.put(
          StoreNames.ACCURACY,
          region,
          EstimateAccuracy.newBuilder()
              .setRegion(region)
              .setSamples(10)
              .setMdapeBps(640)
              .setWithin10Bps(6_800)
              .build());
    }
    return TestApps.app(stores);
  }

  @Test
  void shouldServeAnEstimateWithItsIntervalVersionAndFactors() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.get("/api/v1/estimates/p1");
          assertThat(response.code()).isEqualTo(200);
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("estimateCents").asLong()).isEqualTo(20_000_000L);
          assertThat(body.get("lowCents").asLong()).isEqualTo(18_000_000L);
          assertThat(body.get("modelVersion").asText()).isEqualTo("1.0.0");
          assertThat(body.at("/factors/0/name").asText()).isEqualTo("living_area");
        });
  }

  @Test
  void shouldServeScores() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode body = JSON.readTree(client.get("/api/v1/scores/p1").body().string());
          assertThat(body.get("investment").asInt()).isEqualTo(61);
          assertThat(body.get("risk").asInt()).isEqualTo(30);
        });
  }

  @Test
  void shouldAnswerProblemsForUnknownAndInvalidIds() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var missing = client.get("/api/v1/estimates/nope");
          assertThat(missing.code()).isEqualTo(404);
          assertThat(missing.headers().get("Content-Type").get(0)).startsWith(Problem.CONTENT_TYPE);
          assertThat(client.get("/api/v1/scores/bad%20id").code()).isEqualTo(400);
          assertThat(client.get("/api/v1/accuracy/postal:50010").code()).isEqualTo(400);
        });
  }

  @Test
  void shouldServeTheOverallAccuracyAndEveryRegion() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode all = JSON.readTree(client.get("/api/v1/accuracy").body().string());
          assertThat(all.at("/overall/mdapeBps").asInt()).isEqualTo(640);
          assertThat(all.get("items"))
              .extracting(i -> i.get("region").asText())
              .containsExactly("city:AMES", "subdivision:North_Ames");
          final JsonNode one =
              JSON.readTree(client.get("/api/v1/accuracy/subdivision:North_Ames").body().string());
          assertThat(one.get("samples").asInt()).isEqualTo(10);
        });
  }
}
