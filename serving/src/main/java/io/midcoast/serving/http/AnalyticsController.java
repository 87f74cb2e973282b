package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.serving.json.AvroJson;
import io.midcoast.serving.query.StateQueries;
import io.midcoast.topology.catalog.StoreNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/estimates/{propertyId}}: a property's current price estimate with its 80%
 * interval, model version and top factors; {@code GET /api/v1/scores/{propertyId}}: its investment,
 * risk and development scores with factors; {@code GET /api/v1/accuracy} and {@code GET
 * /api/v1/accuracy/{region}}: the rolling live accuracy of the estimates ({@code all}, {@code
 * city:<city>} or {@code subdivision:<name>}).
 */
final class AnalyticsController {

  /** An accuracy region key: {@code all}, or a region type and a printable id. */
  private static final Pattern REGION =
      Pattern.compile("all|(city|subdivision):[^\\p{Cntrl}]{1,256}");

  private static final int MAX_REGIONS = 10_000;

  private final StateQueries queries;

  AnalyticsController(final StateQueries queries) {
    this.queries = queries;
  }

  /** Serves one property's estimate. */
  void estimate(final Context ctx) {
    ctx.json(byProperty(ctx, StoreNames.ESTIMATE, "estimate"));
  }

  /** Serves one property's scores. */
  void score(final Context ctx) {
    ctx.json(byProperty(ctx, StoreNames.SCORE, "score"));
  }

  /** Serves the accuracy of one region. */
  void accuracy(final Context ctx) {
    final String region = ctx.pathParam("region");
    if (!REGION.matcher(region).matches()) {
      throw new ProblemException(
          Problem.badRequest(
              "region must be 'all', 'city:<city>' or 'subdivision:<name>', got '" + region + "'"));
    }
    final JsonNode accuracy =
        queries
            .<EstimateAccuracy>get(
                StoreNames.ACCURACY, region, AvroJson::toJson, ctx.path(), Forwarded.partition(ctx))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("no closed sale with an earlier estimate in " + region)));
    ctx.json(accuracy);
  }

  /** Lists the accuracy of every region, overall first. */
  void accuracies(final Context ctx) {
    final Function<EstimateAccuracy, JsonNode> render = AvroJson::toJson;
    final List<StateQueries.Keyed> all =
        queries.list(
            StoreNames.ACCURACY,
            null,
            MAX_REGIONS,
            accuracy -> true,
            render,
            "region",
            Forwarded.pathAndQuery(ctx),
            Forwarded.isLocal(ctx));
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "overall",
        all.stream()
            .filter(k -> k.key().equals("all"))
            .map(StateQueries.Keyed::value)
            .findFirst()
            .orElse(null));
    body.put(
        "items",
        all.stream().filter(k -> !k.key().equals("all")).map(StateQueries.Keyed::value).toList());
    ctx.json(body);
  }

  private JsonNode byProperty(final Context ctx, final String store, final String what) {
    final String propertyId = ctx.pathParam("propertyId");
    PropertyController.requireValidId("propertyId", propertyId);
    return queries
        .<org.apache.avro.specific.SpecificRecord>get(
            store,
            propertyId,
            record -> AvroJson.toJson(record),
            ctx.path(),
            Forwarded.partition(ctx))
        .orElseThrow(
            () -> new ProblemException(Problem.notFound("no " + what + " for " + propertyId)));
  }
}
