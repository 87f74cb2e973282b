package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.serving.push.PushHub;
import io.midcoast.serving.push.PushSocket;
import io.midcoast.serving.query.LeadModels;
import io.midcoast.serving.query.NotReadyException;
import io.midcoast.serving.query.StateQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin application: routes, static dashboard, and the central mapping of every error
 * to {@code application/problem+json}. Handlers stay thin; the work is in controllers.
 */
public final class HttpApi {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

  /**
   * Key of the health status naming why the pipeline is unhealthy (a task failing again and again,
   * a stalled partition): when present and the check fails, the probe answers 503 as {@code
   * application/problem+json} with that detail and the status members.
   */
  public static final String PROBLEM = "problem";

  /** What the HTTP layer needs from the rest of the application. */
  public record Dependencies(
      StateQueries queries,
      BooleanSupplier live,
      BooleanSupplier ready,
      Supplier<Map<String, Object>> status,
      PrometheusMeterRegistry metrics,
      Duration retryAfter,
      PushHub push,
      LeadModels models) {

    /** Without lead models: {@code GET /api/v1/models} lists none, promote answers 404. */
    Dependencies(
        final StateQueries queries,
        final BooleanSupplier live,
        final BooleanSupplier ready,
        final Supplier<Map<String, Object>> status,
        final PrometheusMeterRegistry metrics,
        final Duration retryAfter,
        final PushHub push) {
      this(queries, live, ready, status, metrics, retryAfter, push, LeadModels.none());
    }
  }

  private HttpApi() {}

  public static Javalin create(final Dependencies deps) {
    final PropertyController properties = new PropertyController(deps.queries());
    final TrendController trends = new TrendController(deps.queries());
    final AnalyticsController analytics = new AnalyticsController(deps.queries());
    final LeadController leads = new LeadController(deps.queries());
    final ModelController models = new ModelController(deps.models(), Clock.systemUTC());
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          // java.time values as ISO-8601 text, not epoch numbers
          config.jsonMapper(
              new JavalinJackson()
                  .updateMapper(
                      mapper -> mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
          config.staticFiles.add("/public", Location.CLASSPATH);
          config.staticFiles.enableWebjars();
          config.routes.get("/api/v1/properties", properties::list);
          config.routes.get("/api/v1/properties/{propertyId}", properties::get);
          config.routes.get("/api/v1/trends/{regionType}/{regionId}", trends::get);
          config.routes.get("/api/v1/estimates/{propertyId}", analytics::estimate);
          config.routes.get("/api/v1/scores/{propertyId}", analytics::score);
          config.routes.get("/api/v1/accuracy", analytics::accuracies);
          config.routes.get("/api/v1/accuracy/{region}", analytics::accuracy);
          config.routes.get("/api/v1/leads", leads::list);
          config.routes.get("/api/v1/leads/{leadId}", leads::get);
          config.routes.get("/api/v1/leads/{leadId}/profile", leads::profile);
          config.routes.get("/api/v1/leads/{leadId}/score", leads::score);
          config.routes.get("/api/v1/models", models::list);
          config.routes.post("/api/v1/models/{modelId}/{version}/promote", models::promote);
          config.routes.ws("/ws", new PushSocket(deps.push())::configure);
          config.routes.get("/ws", HttpApi::upgradeRequired);
          config.routes.get("/health/live", ctx -> health(ctx, deps.live(), deps.status()));
          config.routes.get("/health/ready", ctx -> health(ctx, deps.ready(), deps.status()));
          config.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(deps.metrics().scrape()));
          config.routes.exception(ProblemException.class, (e, ctx) -> e.problem().writeTo(ctx));
          config.routes.exception(
              NotReadyException.class,
              (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(deps.retryAfter().toSeconds()));
                Problem.unavailable(e.getMessage()).writeTo(ctx);
              });
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  new Problem(
                          e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage())
                      .writeTo(ctx));
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                new Problem(500, "internal", "Internal Server Error", "see the server log")
                    .writeTo(ctx);
              });
          config.routes.error(
              404,
              ctx -> {
                final String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problem.CONTENT_TYPE)) {
                  Problem.notFound("no resource at " + ctx.path()).writeTo(ctx);
                }
              });
          config.routes.error(
              405,
              ctx ->
                  new Problem(
                          405,
                          "method-not-allowed",
                          "Method Not Allowed",
                          ctx.method() + " " + ctx.path())
                      .writeTo(ctx));
        });
  }

  /** {@code GET /ws} without a WebSocket upgrade: 426 with {@code Upgrade: websocket}. */
  private static void upgradeRequired(final Context ctx) {
    ctx.header("Upgrade", "websocket");
    new Problem(
            426,
            "upgrade-required",
            "Upgrade Required",
            "/ws is a WebSocket endpoint: connect with a WebSocket client")
        .writeTo(ctx);
  }

  private static void health(
      final Context ctx, final BooleanSupplier check, final Supplier<Map<String, Object>> status) {
    final boolean ok = check.getAsBoolean();
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ok ? "UP" : "DOWN");
    body.putAll(status.get());
    if (!ok && body.get(PROBLEM) instanceof String problem && !problem.isBlank()) {
      body.remove(PROBLEM);
      new Problem(503, "pipeline-unhealthy", "Pipeline Unhealthy", problem).writeTo(ctx, body);
      return;
    }
    body.remove(PROBLEM);
    ctx.status(ok ? 200 : 503).json(body);
  }
}
