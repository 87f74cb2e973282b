package io.midcoast.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.schemas.Property;
import io.midcoast.serving.ServingFixtures;
import io.midcoast.serving.push.PushChannels;
import io.midcoast.serving.push.PushHub;
import io.midcoast.serving.query.ForwardedQuery;
import io.midcoast.serving.query.PipelineHealth;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.monitor.TaskHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Javalin app(final boolean ready) {
    final MapStateQueries queries = queries();
    queries.ready().set(ready);
    return app(queries);
  }

  private static Javalin app(final MapStateQueries queries) {
    return TestApps.app(queries, queries.ready()::get);
  }

  private static MapStateQueries queries() {
    final Property property = ServingFixtures.property();
    final MapStateQueries queries = new MapStateQueries();
    queries.put(StoreNames.PROPERTY, property.getPropertyId(), property);
    for (int i = 0; i < 5; i++) {
      final Property other = Property.newBuilder(property).setPropertyId("p-" + i).build();
      other.getAddress().setSubdivision(i % 2 == 0 ? "Gilbert" : "North_Ames");
      queries.put(StoreNames.PROPERTY, other.getPropertyId(), other);
    }
    return queries;
  }

  @Test
  void shouldServeAKnownPropertyAsJson() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final var response = client.get("/api/v1/properties/geo-42.054035_-93.619754-l31770");
          assertThat(response.code()).isEqualTo(200);
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("propertyId").asText()).isEqualTo("geo-42.054035_-93.619754-l31770");
          assertThat(body.at("/address/subdivision").asText()).isEqualTo("North_Ames");
          assertThat(body.at("/listing/standardStatus").asText()).isEqualTo("CLOSED");
          assertThat(body.at("/listing/closeDate").asText()).isEqualTo("2010-05-15");
          assertThat(body.at("/lastSale/closePriceCents").asLong()).isEqualTo(21_500_000L);
          assertThat(body.at("/updatedAt").asText()).isEqualTo("2010-05-15T12:00:00Z");
          assertThat(body.at("/address").has("postalCode")).as("nulls are omitted").isFalse();
        });
  }

  @Test
  void shouldPageThroughPropertiesWithACursor() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final JsonNode first =
              JSON.readTree(client.get("/api/v1/properties?limit=4").body().string());
          assertThat(first.get("items")).hasSize(4);
          assertThat(first.get("nextCursor").asText()).isEqualTo("p-2");
          final JsonNode second =
              JSON.readTree(client.get("/api/v1/properties?limit=4&cursor=p-2").body().string());
          assertThat(second.get("items")).hasSize(2);
          assertThat(second.get("items").get(0).get("propertyId").asText()).isEqualTo("p-3");
          assertThat(second.get("nextCursor").isNull()).isTrue();
        });
  }

  @Test
  void shouldFilterPropertiesByRegion() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final JsonNode page =
              JSON.readTree(
                  client.get("/api/v1/properties?region=subdivision:gilbert").body().string());
          assertThat(page.get("items")).hasSize(3);
          page.get("items")
              .forEach(p -> assertThat(p.at("/address/subdivision").asText()).isEqualTo("Gilbert"));
        });
  }

  @Test
  void shouldRejectABadRegionOrLimitWithA400Problem() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          assertThat(client.get("/api/v1/properties?region=planet:mars").code()).isEqualTo(400);
          assertThat(client.get("/api/v1/properties?region=nocolon").code()).isEqualTo(400);
          assertThat(client.get("/api/v1/properties?limit=0").code()).isEqualTo(400);
          assertThat(client.get("/api/v1/properties?limit=abc").code()).isEqualTo(400);
        });
  }

  @Test
  void shouldAnswer404ProblemForAnUnknownProperty() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final var response = client.get("/api/v1/properties/nope");
          assertThat(response.code()).isEqualTo(404);
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("status").asInt()).isEqualTo(404);
          assertThat(body.get("detail").asText()).isEqualTo("no property nope");
          assertThat(body.get("instance").asText()).isEqualTo("/api/v1/properties/nope");
        });
  }

  @Test
  void shouldAnswer400ProblemForAMalformedPropertyId() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final var response = client.get("/api/v1/properties/bad%20id%3B");
          assertThat(response.code()).isEqualTo(400);
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
        });
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileStateIsNotReady() {
    JavalinTest.test(
        app(false),
        (server, client) -> {
          final var response = client.get("/api/v1/properties/geo-42.054035_-93.619754-l31770");
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.headers().get("Retry-After")).containsExactly("7");
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
        });
  }

  @Test
  void shouldReportReadinessSeparatelyFromLiveness() {
    final MapStateQueries queries = queries();
    queries.ready().set(false);
    JavalinTest.test(
        app(queries),
        (server, client) -> {
          assertThat(client.get("/health/live").code()).isEqualTo(200);
          assertThat(client.get("/health/ready").code()).isEqualTo(503);
          queries.ready().set(true);
          final var response = client.get("/health/ready");
          assertThat(response.code()).isEqualTo(200);
          assertThat(JSON.readTree(response.body().string()).get("streams").asText())
              .isEqualTo("RUNNING");
        });
  }

  @Test
  void shouldAnswerReadinessWithAProblemNamingTheFailingTaskAndTheStalledPartition() {
    final PipelineHealth.StalledPartition stalled =
        new PipelineHealth.StalledPartition(
            "midcoast-ingest-store-observations-by-property-repartition-2",
            11_462,
            16_737,
            Instant.parse("2026-12-04T10:00:00Z"));
    final TaskHealth.FailingTask failing =
        new TaskHealth.FailingTask(
            "2_2",
            4,
            "org.apache.kafka.common.errors.RecordTooLargeException: 1048692 bytes",
            Instant.parse("2026-12-04T10:05:00Z"));
    final Map<String, Object> status = new LinkedHashMap<>();
    status.put("streams", "RUNNING");
    status.put("failingTasks", List.of(failing));
    status.put("stalledPartitions", List.of(stalled));
    status.put(HttpApi.PROBLEM, "task 2_2 failed 4 times; partition ... has not moved");
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Javalin app =
        HttpApi.create(
            new HttpApi.Dependencies(
                queries(),
                () -> true,
                () -> false,
                () -> status,
                metrics,
                TestApps.RETRY_AFTER,
                new PushHub(PushChannels.standard(), metrics)));
    JavalinTest.test(
        app,
        (server, client) -> {
          final var response = client.get("/health/ready");
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("type").asText())
              .isEqualTo("urn:midcoast:problem:pipeline-unhealthy");
          assertThat(body.get("status").asInt()).isEqualTo(503);
          assertThat(body.get("detail").asText()).contains("task 2_2 failed 4 times");
          assertThat(body.get("failingTasks").get(0).get("task").asText()).isEqualTo("2_2");
          assertThat(body.get("failingTasks").get(0).get("lastCause").asText())
              .contains("RecordTooLargeException");
          assertThat(body.get("stalledPartitions").get(0).get("lag").asLong()).isEqualTo(5_275);
          assertThat(body.get("stalledPartitions").get(0).get("since").asText())
              .isEqualTo("2026-12-04T10:00:00Z");
          assertThat(body.has(HttpApi.PROBLEM)).isFalse();
          // liveness stays up: the process is fine, the pipeline is not
          assertThat(client.get("/health/live").code()).isEqualTo(200);
        });
  }

  @Test
  void shouldAnswerUnknownPathsWithA404Problem() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final var response = client.get("/api/v1/nothing-here");
          assertThat(response.code()).isEqualTo(404);
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
        });
  }

  @Test
  void shouldExposePrometheusMetrics() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          final var response = client.get("/metrics");
          assertThat(response.code()).isEqualTo(200);
          assertThat(response.headers().get("Content-Type").get(0)).startsWith("text/plain");
        });
  }

  @Test
  void shouldAnswerAForwardedLookupFromThePartitionItNames() {
    final MapStateQueries queries = queries();
    JavalinTest.test(
        app(queries),
        (server, client) -> {
          assertThat(client.get("/api/v1/properties/p-1").code()).isEqualTo(200);
          assertThat(queries.lastPartition()).as("routed to the owner").isEmpty();
          assertThat(client.get("/api/v1/properties/p-1?local=true&partition=3").code())
              .isEqualTo(200);
          assertThat(queries.lastPartition()).hasValue(3);
        });
  }

  @Test
  void shouldRejectAMissingOrBadPartitionOfAForwardedLookupWithA400Problem() {
    JavalinTest.test(
        app(true),
        (server, client) -> {
          for (final String query :
              List.of(
                  "local=true",
                  "local=true&partition=",
                  "local=true&partition=-1",
                  "local=true&partition=x",
                  "local=true&partition=99999999999",
                  "partition=2")) {
            final var response = client.get("/api/v1/properties/p-1?" + query);
            assertThat(response.code()).as(query).isEqualTo(400);
            assertThat(response.headers().get("Content-Type").get(0))
                .startsWith("application/problem+json");
          }
        });
  }

  @Test
  void shouldForwardWithLocalAndThePartition() {
    assertThat(ForwardedQuery.path("/api/v1/properties/p-1", 4))
        .isEqualTo("/api/v1/properties/p-1?local=true&partition=4");
    assertThat(ForwardedQuery.path("/api/v1/trends/city/AMES?from=2010-01", 0))
        .isEqualTo("/api/v1/trends/city/AMES?from=2010-01&local=true&partition=0");
    assertThat(
            ForwardedQuery.path("/api/v1/trends/city/AMES?local=false&to=2010-02&partition=9", 1))
        .as("a client's own local/partition parameters are replaced")
        .isEqualTo("/api/v1/trends/city/AMES?to=2010-02&local=true&partition=1");
    assertThat(ForwardedQuery.local("/api/v1/properties?limit=4&local=false"))
        .isEqualTo("/api/v1/properties?limit=4&local=true");
  }
}
