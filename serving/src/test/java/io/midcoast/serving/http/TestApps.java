package io.midcoast.serving.http;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.serving.push.PushChannels;
import io.midcoast.serving.push.PushHub;
import io.midcoast.serving.query.LeadModels;
import io.midcoast.serving.query.StateQueries;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The HTTP app over test doubles: always live, ready as {@code ready} says (status {@code RUNNING}
 * or {@code REBALANCING}), {@code Retry-After} of {@link #RETRY_AFTER}.
 */
final class TestApps {

  static final Duration RETRY_AFTER = Duration.ofSeconds(7);

  private TestApps() {}

  /** Ready, without lead models. */
  static Javalin app(final StateQueries queries) {
    return app(queries, () -> true, LeadModels.none());
  }

  /** Without lead models. */
  static Javalin app(final StateQueries queries, final BooleanSupplier ready) {
    return app(queries, ready, LeadModels.none());
  }

  /** With fresh metrics and push hub. */
  static Javalin app(
      final StateQueries queries, final BooleanSupplier ready, final LeadModels models) {
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return app(queries, ready, models, metrics, new PushHub(PushChannels.standard(), metrics));
  }

  static Javalin app(
      final StateQueries queries,
      final BooleanSupplier ready,
      final LeadModels models,
      final PrometheusMeterRegistry metrics,
      final PushHub push) {
    return HttpApi.create(
        new HttpApi.Dependencies(
            queries,
            () -> true,
            ready,
            () -> Map.of("streams", ready.getAsBoolean() ? "RUNNING" : "REBALANCING"),
            metrics,
            RETRY_AFTER,
            push,
            models));
  }
}
