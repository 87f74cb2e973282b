package io.midcoast.serving.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.topology.catalog.LeadModelContract;

/** The JSON of lead records, as the HTTP API and the {@code leads:agent:<id>} pushes send them. */
public final class LeadJson {

  private LeadJson() {}

  /**
   * A score as JSON ({@link AvroJson}), with {@code fallback}: whether the rule-based fallback
   * scored it rather than a published lead model.
   */
  public static JsonNode score(final LeadScoreUpdate score) {
    final ObjectNode json = AvroJson.toJson(score);
    json.put("fallback", !LeadModelContract.MODEL_ID.equals(score.getModelId()));
    return json;
  }
}
