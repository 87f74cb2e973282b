package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.serving.json.AvroJson;
import io.midcoast.serving.json.LeadJson;
import io.midcoast.serving.query.StateQueries;
import io.midcoast.topology.catalog.StoreNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/leads/{leadId}}: a lead's profile and current score (probability, factors,
 * model id and version, the challenger's shadow score); {@code GET
 * /api/v1/leads?agentId=&minScore=&cursor=&limit=}: a page of current scores in lead-id order,
 * filtered. {@code GET /api/v1/leads/{leadId}/profile} and {@code /score} serve each half alone
 * (the combined answer asks for both, each from the instance owning the lead).
 */
final class LeadController {

  /** Lead and agent ids: letters, digits and {@code . _ : @ -}. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,256}");

  private final StateQueries queries;

  LeadController(final StateQueries queries) {
    this.queries = queries;
  }

  /** Serves one lead: profile and score; 404 when neither exists. */
  void get(final Context ctx) {
    final String leadId = leadId(ctx);
    final String base = "/api/v1/leads/" + leadId;
    final Optional<JsonNode> profile = profile(leadId, base + "/profile", ctx);
    final Optional<JsonNode> score = score(leadId, base + "/score", ctx);
    if (profile.isEmpty() && score.isEmpty()) {
      throw new ProblemException(Problem.notFound("no lead " + leadId));
    }
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("leadId", leadId);
    body.put("profile", profile.orElse(null));
    body.put("score", score.orElse(null));
    ctx.json(body);
  }

  /** Serves one lead's profile. */
  void profile(final Context ctx) {
    final String leadId = leadId(ctx);
    ctx.json(
        profile(leadId, ctx.path(), ctx)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("no profile of lead " + leadId))));
  }

  /** Serves one lead's current score. */
  void score(final Context ctx) {
    final String leadId = leadId(ctx);
    ctx.json(
        score(leadId, ctx.path(), ctx)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("no score of lead " + leadId))));
  }

  /**
   * Lists current scores. {@code agentId}: only this agent's leads; {@code minScore}: only
   * probabilities at or above it (0..1); {@code cursor}: the {@code nextCursor} of the previous
   * page; {@code limit} 1..500 (default 50).
   */
  void list(final Context ctx) {
    final String agentId = ctx.queryParam("agentId");
    if (agentId != null) {
      requireId("agentId", agentId);
    }
    final double minScore = minScore(ctx.queryParam("minScore"));
    final String cursor = ctx.queryParam("cursor");
    if (cursor != null) {
      requireId("cursor", cursor);
    }
    final int limit = Pages.limit(ctx.queryParam("limit"));
    final Predicate<LeadScoreUpdate> filter =
        s -> (agentId == null || agentId.equals(s.getAgentId())) && s.getProbability() >= minScore;
    final Function<LeadScoreUpdate, JsonNode> render = LeadJson::score;
    final List<StateQueries.Keyed> page =
        queries.list(
            StoreNames.LEAD_SCORE,
            cursor,
            limit,
            filter,
            render,
            "leadId",
            Forwarded.pathAndQuery(ctx),
            Forwarded.isLocal(ctx));
    ctx.json(Pages.body(page, limit));
  }

  private Optional<JsonNode> profile(final String leadId, final String path, final Context ctx) {
    return queries.<LeadState>get(
        StoreNames.LEAD,
        leadId,
        state -> AvroJson.toJson(state.getProfile()),
        path,
        Forwarded.partition(ctx));
  }

  private Optional<JsonNode> score(final String leadId, final String path, final Context ctx) {
    return queries.<LeadScoreUpdate>get(
        StoreNames.LEAD_SCORE, leadId, LeadJson::score, path, Forwarded.partition(ctx));
  }

  private static String leadId(final Context ctx) {
    final String leadId = ctx.pathParam("leadId");
    requireId("leadId", leadId);
    return leadId;
  }

  private static void requireId(final String name, final String value) {
    if (!ID.matcher(value).matches()) {
      throw new ProblemException(
          Problem.badRequest(
              name + " must be 1-256 letters, digits or . _ : @ -, got '" + value + "'"));
    }
  }

  private static double minScore(final String raw) {
    if (raw == null) {
      return 0.0;
    }
    try {
      final double value = Double.parseDouble(raw);
      if (value >= 0.0 && value <= 1.0) {
        return value;
      }
    } catch (final NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        Problem.badRequest("minScore must be a number from 0 to 1, got '" + raw + "'"));
  }
}
