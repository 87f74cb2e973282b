package io.midcoast.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.midcoast.schemas.LeadFactor;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.serving.push.ChannelSource;
import io.midcoast.serving.push.PushChannels;
import io.midcoast.serving.query.LeadModels;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.catalog.StoreNames;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LeadApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2024-03-05T14:30:00Z");

  /** Models in memory; publications are recorded and applied. */
  private static final class Models implements LeadModels {
    private final Map<String, ModelRecord> byKey = new TreeMap<>();
    private final List<ModelRecord> published = new ArrayList<>();

    void add(final ModelRecord r) {
      byKey.put(r.getModelId() + ":" + r.getVersion(), r);
    }

    @Override
    public List<ModelRecord> all() {
      return List.copyOf(byKey.values());
    }

    @Override
    public void publish(final List<ModelRecord> records) {
      published.addAll(records);
      records.forEach(this::add);
    }
  }

  private final MapStateQueries stores = new MapStateQueries();
  private final Models models = new Models();

  static LeadScoreUpdate score(final String leadId, final String agentId, final double p) {
    return LeadScoreUpdate.newBuilder()
        .setLeadId(leadId)
        .setAgentId(agentId)
        .setProbability(p)
        .setModelId(LeadModelContract.MODEL_ID)
        .setModelVersion("2")
        .setFactors(
            List.of(
                LeadFactor.newBuilder()
                    .setFeature("pre_approved")
                    .setValue(1.0)
                    .setContribution(0.8)
                    .build()))
        .setAsOf(AT)
        .setChallengerVersion("3")
        .setChallengerProbability(p / 2)
        .build();
  }

  static ModelRecord model(final String version, final ModelStage stage, final Instant createdAt) {
    return ModelRecord.newBuilder()
        .setModelId(LeadModelContract.MODEL_ID)
        .setVersion(version)
        .setStage(stage)
        .setKind("lead-classifier")
        .setCreatedAt(createdAt)
        .setStageReason("published by the trainer")
        .setMetadataJson(
            "{\"trainedAt\":\"2024-03-01T00:00:00Z\",\"trainExamples\":4000,"
                + "\"holdout\":{\"examples\":1000,\"positives\":90,\"auc\":0.84,"
                + "\"logLoss\":0.31,\"ece\":0.02},\"features\":[\"a\",\"b\"],\"means\":[0,0]}")
        .setPayload(ByteBuffer.wrap(new byte[1234]))
        .build();
  }

  private Javalin app() {
    stores.put(
        StoreNames.LEAD,
        "L-1",
        LeadState.newBuilder()
            .setProfile(
                LeadProfile.newBuilder()
                    .setLeadId("L-1")
                    .setAgentId("agent-1")
                    .setName("Ada")
                    .setStatus("qualified")
                    .setUpdatedAt(AT)
                    .build())
            .build());
    stores.put(StoreNames.LEAD_SCORE, "L-1", score("L-1", "agent-1", 0.72));
    stores.put(StoreNames.LEAD_SCORE, "L-2", score("L-2", "agent-1", 0.31));
    stores.put(StoreNames.LEAD_SCORE, "L-3", score("L-3", "agent-2", 0.91));
    stores.put(StoreNames.LEAD_SCORE, "L-4", score("L-4", "agent-1", 0.66));
    models.add(model("1", ModelStage.RETIRED, AT.minusSeconds(300)));
    models.add(model("2", ModelStage.CHAMPION, AT.minusSeconds(200)));
    models.add(model("3", ModelStage.CHALLENGER, AT.minusSeconds(100)));
    return TestApps.app(stores, () -> true, models);
  }

  @Test
  void shouldServeALeadWithItsProfileScoreFactorsModelVersionAndShadowScore() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.get("/api/v1/leads/L-1");
          assertThat(response.code()).isEqualTo(200);
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("leadId").asText()).isEqualTo("L-1");
          assertThat(body.at("/profile/name").asText()).isEqualTo("Ada");
          assertThat(body.at("/profile/status").asText()).isEqualTo("qualified");
          assertThat(body.at("/score/probability").asDouble()).isEqualTo(0.72);
          assertThat(body.at("/score/modelId").asText()).isEqualTo("midcoast-lead");
          assertThat(body.at("/score/modelVersion").asText()).isEqualTo("2");
          assertThat(body.at("/score/fallback").asBoolean()).isFalse();
          assertThat(body.at("/score/factors/0/feature").asText()).isEqualTo("pre_approved");
          assertThat(body.at("/score/challengerVersion").asText()).isEqualTo("3");
          assertThat(body.at("/score/challengerProbability").asDouble()).isEqualTo(0.36);
        });
  }

  @Test
  void shouldServeAScoreWithoutProfileAndAnswer404WithoutEither() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode body = JSON.readTree(client.get("/api/v1/leads/L-2").body().string());
          assertThat(body.get("profile").isNull()).isTrue();
          assertThat(body.at("/score/probability").asDouble()).isEqualTo(0.31);

          final var missing = client.get("/api/v1/leads/L-404");
          assertThat(missing.code()).isEqualTo(404);
          assertThat(missing.headers().get("Content-Type").get(0)).startsWith(Problem.CONTENT_TYPE);
          assertThat(client.get("/api/v1/leads/L-2/profile").code()).isEqualTo(404);
          assertThat(client.get("/api/v1/leads/L-2/score").code()).isEqualTo(200);
          assertThat(client.get("/api/v1/leads/bad%20id").code()).isEqualTo(400);
        });
  }

  @Test
  void shouldListTheScoresOfAnAgentAtOrAboveAMinimumPageByPage() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode first =
              JSON.readTree(
                  client.get("/api/v1/leads?agentId=agent-1&minScore=0.5&limit=1").body().string());
          assertThat(first.at("/items/0/leadId").asText()).isEqualTo("L-1");
          assertThat(first.get("nextCursor").asText()).isEqualTo("L-1");
          final JsonNode second =
              JSON.readTree(
                  client
                      .get("/api/v1/leads?agentId=agent-1&minScore=0.5&limit=1&cursor=L-1")
                      .body()
                      .string());
          assertThat(second.at("/items/0/leadId").asText()).isEqualTo("L-4");
          final JsonNode all = JSON.readTree(client.get("/api/v1/leads").body().string());
          assertThat(all.get("items")).hasSize(4);
          assertThat(all.get("nextCursor").isNull()).isTrue();
        });
  }

  @Test
  void shouldRejectInvalidListParametersAsProblems() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (final String query :
              List.of(
                  "minScore=1.5",
                  "minScore=-0.1",
                  "minScore=high",
                  "limit=0",
                  "limit=501",
                  "agentId=a%20b",
                  "cursor=%3Cscript%3E")) {
            final var response = client.get("/api/v1/leads?" + query);
            assertThat(response.code()).as(query).isEqualTo(400);
            assertThat(response.headers().get("Content-Type").get(0))
                .startsWith(Problem.CONTENT_TYPE);
            assertThat(JSON.readTree(response.body().string()).get("detail").asText()).isNotBlank();
          }
        });
  }

  @Test
  void shouldListEveryModelWithStageAndMetricsButNoPayload() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode body = JSON.readTree(client.get("/api/v1/models").body().string());
          assertThat(body.get("items")).hasSize(3);
          final JsonNode newest = body.at("/items/0");
          assertThat(newest.get("version").asText()).isEqualTo("3");
          assertThat(newest.get("stage").asText()).isEqualTo("CHALLENGER");
          assertThat(newest.get("stageReason").asText()).isEqualTo("published by the trainer");
          assertThat(newest.at("/metrics/auc").asDouble()).isEqualTo(0.84);
          assertThat(newest.at("/metrics/logLoss").asDouble()).isEqualTo(0.31);
          assertThat(newest.get("trainExamples").asInt()).isEqualTo(4000);
          assertThat(newest.get("payloadBytes").asInt()).isEqualTo(1234);
          assertThat(newest.get("featureCount").asInt()).isEqualTo(2);
          assertThat(newest.has("payload")).isFalse();
          assertThat(newest.has("means")).isFalse();
          assertThat(body.at("/items/1/stage").asText()).isEqualTo("CHAMPION");
        });
  }

  @Test
  void shouldPromoteAChallengerAndRetireTheChampionOnOperatorCommand() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final var response = client.post("/api/v1/models/midcoast-lead/3/promote");
          assertThat(response.code()).isEqualTo(202);
          final JsonNode body = JSON.readTree(response.body().string());
          assertThat(body.get("stage").asText()).isEqualTo("CHAMPION");
          assertThat(body.get("retired").toString()).isEqualTo("[\"2\"]");
          // one request: the topology's model-stage authority retires the champion of the moment
          assertThat(models.published)
              .extracting(r -> r.getVersion() + "=" + r.getStage())
              .containsExactly("3=CHAMPION");
          assertThat(models.published.get(0).getStageReason())
              .startsWith("promoted by an operator");

          final var again = client.post("/api/v1/models/midcoast-lead/3/promote");
          assertThat(again.code()).isEqualTo(409);
          assertThat(again.headers().get("Content-Type").get(0)).startsWith(Problem.CONTENT_TYPE);
          assertThat(client.post("/api/v1/models/midcoast-lead/99/promote").code()).isEqualTo(404);
          assertThat(client.post("/api/v1/models/midcoast-lead/a%20b/promote").code())
              .isEqualTo(400);
          assertThat(client.get("/api/v1/models/midcoast-lead/3/promote").code()).isIn(404, 405);
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldPushScoresToTheAgentsChannelAndAlertsToAlerts() {
    final PushChannels channels = PushChannels.standard();
    assertThat(channels.canonical("leads:agent:agent-1")).isEqualTo("leads:agent:agent-1");
    assertThat(channels.canonical("alerts")).isEqualTo("alerts");
    final ChannelSource<String, LeadScoreUpdate> scores =
        (ChannelSource<String, LeadScoreUpdate>)
            channels.sources().stream()
                .filter(s -> s.topic().equals(io.midcoast.topology.catalog.Topics.LEADS_SCORE))
                .findFirst()
                .orElseThrow();

    final var pushes = scores.pushes("L-1", score("L-1", "agent-1", 0.72), c -> true);
    assertThat(pushes)
        .extracting(ChannelSource.Push::channel)
        .containsExactly("leads:agent:agent-1");
    assertThat(pushes.get(0).data().get("modelVersion").asText()).isEqualTo("2");
    assertThat(pushes.get(0).data().get("fallback").asBoolean()).isFalse();
    final LeadScoreUpdate noAgent =
        LeadScoreUpdate.newBuilder(score("L-9", "x", 0.1)).setAgentId(null).build();
    assertThat(scores.pushes("L-9", noAgent, c -> true)).isEmpty();
  }

  @Test
  void shouldDocumentTheLeadAndModelRoutesAndShowTheLeadsPanel() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          final JsonNode paths =
              JSON.readTree(client.get("/openapi.json").body().string()).get("paths");
          assertThat(paths.has("/api/v1/leads")).isTrue();
          assertThat(paths.has("/api/v1/leads/{leadId}")).isTrue();
          assertThat(paths.has("/api/v1/models")).isTrue();
          assertThat(
                  paths
                      .at("/~1api~1v1~1models~1{modelId}~1{version}~1promote/post/responses")
                      .has("409"))
              .isTrue();
          assertThat(client.get("/").body().string()).contains("id=\"leads\"", "id=\"models\"");
          assertThat(client.get("/midcoast.js").body().string()).contains("/api/v1/models");
        });
  }
}
