package io.midcoast.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.serving.leads.ModelCatalog;
import io.midcoast.serving.query.LeadModels;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/models}: every published model this instance holds (global {@code ml.model}
 * store), without payloads: id, version, stage, why, when, holdout metrics and training windows
 * from the metadata. {@code POST /api/v1/models/{modelId}/{version}/promote}: the operator's
 * command: writes the version as CHAMPION and the current champion as RETIRED to {@code ml.model}
 * (404 unknown version, 409 already champion); the topology swaps models when it reads them.
 */
final class ModelController {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Metadata fields copied into the listing (the rest: feature bins, means, provenance). */
  private static final List<String> METADATA_FIELDS =
      List.of(
          "trainedAt",
          "trainingFrom",
          "trainingTo",
          "holdoutFrom",
          "holdoutTo",
          "trainExamples",
          "trainPositives",
          "payloadSha256");

  private final LeadModels models;
  private final Clock clock;

  ModelController(final LeadModels models, final Clock clock) {
    this.models = models;
    this.clock = clock;
  }

  /** Lists every model: by model id, newest version first. */
  void list(final Context ctx) {
    final ModelCatalog catalog = ModelCatalog.of(models.all());
    final List<ModelRecord> sorted =
        catalog.all().stream()
            .sorted(
                Comparator.comparing(ModelRecord::getModelId)
                    .thenComparing(ModelRecord::getCreatedAt, Comparator.reverseOrder())
                    .thenComparing(ModelRecord::getVersion, Comparator.reverseOrder()))
            .toList();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", sorted.stream().map(ModelController::render).toList());
    ctx.json(body);
  }

  /** Promotes one version to champion. */
  void promote(final Context ctx) {
    final String modelId = requireId("modelId", ctx.pathParam("modelId"));
    final String version = requireId("version", ctx.pathParam("version"));
    final List<ModelRecord> records;
    final ModelCatalog catalog = ModelCatalog.of(models.all());
    try {
      records = catalog.promotion(modelId, version, "promoted by an operator", clock.instant());
    } catch (final ModelCatalog.UnknownModelException e) {
      throw new ProblemException(Problem.notFound(e.getMessage()));
    } catch (final ModelCatalog.AlreadyChampionException e) {
      throw new ProblemException(new Problem(409, "conflict", "Conflict", e.getMessage()));
    }
    models.publish(records);
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("modelId", modelId);
    body.put("version", version);
    body.put("stage", records.get(0).getStage().name());
    body.put("stageReason", records.get(0).getStageReason());
    // the authority retires the champion of the moment it applies the request
    body.put("retired", catalog.champion(modelId).map(ModelRecord::getVersion).stream().toList());
    ctx.status(202).json(body);
  }

  /** A model without its payload; metrics and windows from its metadata. */
  static ObjectNode render(final ModelRecord record) {
    final ObjectNode json = NODES.objectNode();
    json.put("modelId", record.getModelId());
    json.put("version", record.getVersion());
    json.put("stage", record.getStage().name());
    json.put("stageReason", record.getStageReason());
    json.put("kind", record.getKind());
    json.put("createdAt", record.getCreatedAt().toString());
    json.put("payloadBytes", record.getPayload().remaining());
    try {
      final JsonNode metadata = JSON.readTree(record.getMetadataJson());
      json.set(
          "metrics", metadata.path("holdout").isMissingNode() ? null : metadata.get("holdout"));
      for (final String field : METADATA_FIELDS) {
        if (metadata.hasNonNull(field)) {
          json.set(field, metadata.get(field));
        }
      }
      if (metadata.hasNonNull("features")) {
        json.put("featureCount", metadata.get("features").size());
      }
    } catch (final JsonProcessingException e) {
      json.putNull("metrics");
      json.put("metadataError", "unreadable metadata: " + e.getOriginalMessage());
    }
    return json;
  }

  private static String requireId(final String name, final String value) {
    if (!ID.matcher(value).matches()) {
      throw new ProblemException(
          Problem.badRequest(
              name + " must be 1-128 letters, digits or . _ -, got '" + value + "'"));
    }
    return value;
  }
}
