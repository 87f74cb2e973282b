package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Property;
import io.midcoast.serving.json.AvroJson;
import io.midcoast.serving.query.StateQueries;
import io.midcoast.topology.catalog.StoreNames;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/properties/{propertyId}}: the merged current view of one property; {@code GET
 * /api/v1/properties?region=&cursor=&limit=}: a page of properties in id order.
 */
final class PropertyController {

  /** Property ids are lower-case slugs or geo keys: letters, digits, '.', '_', ':' and '-'. */
  private static final Pattern PROPERTY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

  private final StateQueries queries;

  PropertyController(final StateQueries queries) {
    this.queries = queries;
  }

  /**
   * Serves one property. A request forwarded by another instance carries {@code
   * local=true&partition=N} and is answered from partition N's store on this instance only.
   */
  void get(final Context ctx) {
    final String propertyId = ctx.pathParam("propertyId");
    requireValidId("propertyId", propertyId);
    final JsonNode property =
        queries
            .<Property>get(
                StoreNames.PROPERTY,
                propertyId,
                AvroJson::toJson,
                ctx.path(),
                Forwarded.partition(ctx))
            .orElseThrow(() -> new ProblemException(Problem.notFound("no property " + propertyId)));
    ctx.json(property);
  }

  /**
   * Lists properties. {@code region} is {@code <regionType>:<regionId>} with regionType {@code
   * postal}, {@code city} or {@code subdivision} (e.g. {@code subdivision:North_Ames}); {@code
   * cursor} is the {@code nextCursor} of the previous page; {@code limit} 1..500 (default 50).
   */
  void list(final Context ctx) {
    final Predicate<Property> filter = regionFilter(ctx.queryParam("region"));
    final String cursor = ctx.queryParam("cursor");
    if (cursor != null) {
      requireValidId("cursor", cursor);
    }
    final int limit = Pages.limit(ctx.queryParam("limit"));
    final Function<Property, JsonNode> render = AvroJson::toJson;
    final List<StateQueries.Keyed> page =
        queries.list(
            StoreNames.PROPERTY,
            cursor,
            limit,
            filter,
            render,
            "propertyId",
            Forwarded.pathAndQuery(ctx),
            Forwarded.isLocal(ctx));
    ctx.json(Pages.body(page, limit));
  }

  static void requireValidId(final String name, final String value) {
    if (!PROPERTY_ID.matcher(value).matches()) {
      throw new ProblemException(
          Problem.badRequest(
              name + " must be 1..256 characters of letters, digits, '.', '_', ':' or '-'"));
    }
  }

  static Predicate<Property> regionFilter(final String region) {
    if (region == null || region.isBlank()) {
      return p -> true;
    }
    final int colon = region.indexOf(':');
    if (colon <= 0 || colon == region.length() - 1) {
      throw new ProblemException(
          Problem.badRequest(
              "region must be <regionType>:<regionId> with regionType postal, city or subdivision"));
    }
    final String type = region.substring(0, colon).toLowerCase(Locale.ROOT);
    final String id = region.substring(colon + 1);
    final Function<Address, String> field =
        switch (type) {
          case "postal" -> Address::getPostalCode;
          case "city" -> Address::getCity;
          case "subdivision" -> Address::getSubdivision;
          default ->
              throw new ProblemException(
                  Problem.badRequest(
                      "unknown regionType " + type + ": use postal, city or subdivision"));
        };
    return p -> p.getAddress() != null && id.equalsIgnoreCase(field.apply(p.getAddress()));
  }
}
