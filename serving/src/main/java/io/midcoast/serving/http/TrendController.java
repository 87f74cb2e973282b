package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import io.midcoast.serving.json.AvroJson;
import io.midcoast.serving.query.StateQueries;
import io.midcoast.topology.catalog.RegionPartitioner;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.catalog.TrendKeys;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/trends/{regionType}/{regionId}?from=YYYY-MM&to=YYYY-MM}: the market-trend
 * cells of one region, one entry per month with data, oldest first, read from the instance owning
 * the region (all its months live in one partition, {@link RegionPartitioner}).
 *
 * <p>regionType is {@code postal}, {@code city} or {@code subdivision}. Postal codes and cities are
 * matched upper case, as ingest normalizes them ({@code city/Ames} = {@code city/AMES});
 * subdivision names exactly as the feed spells them ({@code North_Ames}). {@code from} and {@code
 * to} are inclusive and optional. A request forwarded by another instance carries {@code
 * local=true&partition=N} and is answered from partition N's store on this instance only (503 when
 * that partition is not active here); a bad {@code partition} is a 400.
 */
final class TrendController {

  /** Region ids: 1..256 characters, no control characters. */
  private static final Pattern REGION_ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");

  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final YearMonth FIRST = YearMonth.of(0, 1);
  private static final YearMonth LAST = YearMonth.of(9999, 12);

  private final StateQueries queries;
  private final RegionPartitioner<Object> partitioner = new RegionPartitioner<>();

  TrendController(final StateQueries queries) {
    this.queries = queries;
  }

  void get(final Context ctx) {
    final RegionType type =
        TrendKeys.type(ctx.pathParam("regionType"))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.badRequest(
                            "unknown regionType "
                                + ctx.pathParam("regionType")
                                + ": use postal, city or subdivision")));
    final String regionId = regionId(type, ctx.pathParam("regionId"));
    final YearMonth from = month("from", ctx.queryParam("from"), FIRST);
    final YearMonth to = month("to", ctx.queryParam("to"), LAST);
    if (from.isAfter(to)) {
      throw new ProblemException(
          Problem.badRequest("from (" + from + ") must not be after to (" + to + ")"));
    }
    final String region = TrendKeys.region(type, regionId);
    final Function<TrendCell, JsonNode> render = AvroJson::toJson;
    final List<JsonNode> months =
        queries.range(
            StoreNames.TREND,
            TrendKeys.cell(type, regionId, from),
            partitioner,
            TrendKeys.cell(type, regionId, from),
            TrendKeys.cell(type, regionId, to),
            key -> TrendKeys.regionOf(key).equals(region),
            render,
            "months",
            Forwarded.pathAndQuery(ctx),
            Forwarded.partition(ctx));
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("regionType", TrendKeys.typeName(type));
    body.put("regionId", regionId);
    body.put("from", ctx.queryParam("from"));
    body.put("to", ctx.queryParam("to"));
    body.put("months", months);
    ctx.json(body);
  }

  private static String regionId(final RegionType type, final String raw) {
    if (raw == null || !REGION_ID.matcher(raw).matches() || raw.isBlank()) {
      throw new ProblemException(
          Problem.badRequest("regionId must be 1..256 characters without control characters"));
    }
    return type == RegionType.SUBDIVISION ? raw : raw.toUpperCase(Locale.ROOT);
  }

  private static YearMonth month(final String name, final String raw, final YearMonth absent) {
    if (raw == null) {
      return absent;
    }
    if (MONTH.matcher(raw).matches()) {
      try {
        return YearMonth.parse(raw);
      } catch (final DateTimeParseException e) {
        // answered below
      }
    }
    throw new ProblemException(Problem.badRequest(name + " must be a month YYYY-MM, got " + raw));
  }
}
