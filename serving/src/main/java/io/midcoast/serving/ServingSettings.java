package io.midcoast.serving;

import io.midcoast.topology.config.ConfigException;
import io.midcoast.topology.config.ConfigSource;
import java.time.Duration;

/**
 * HTTP layer settings.
 *
 * @param host interface to bind ({@code midcoast.http.host}, default {@code 0.0.0.0})
 * @param port port to bind ({@code midcoast.http.port}, default 8080; 0 picks a free port)
 * @param retryAfter value of {@code Retry-After} on 503 answers while state is not queryable
 *     ({@code midcoast.http.retry.after.seconds}, default 5)
 * @param forwardTimeout timeout of a query forwarded to the instance that owns a key ({@code
 *     midcoast.http.forward.timeout.ms}, default 5000)
 * @param taskFailureThreshold failures of one task within {@code taskFailureWindow} that make
 *     readiness fail ({@code midcoast.health.task.failures}, default 3)
 * @param taskFailureWindow how far back task failures count ({@code
 *     midcoast.health.task.failure.window.seconds}, default 600)
 * @param stallAfter how long the committed offset of a local input partition may stand still with
 *     records behind it before readiness fails ({@code midcoast.health.stall.seconds}, default 120)
 */
public record ServingSettings(
    String host,
    int port,
    Duration retryAfter,
    Duration forwardTimeout,
    int taskFailureThreshold,
    Duration taskFailureWindow,
    Duration stallAfter) {

  public static final String HOST = "midcoast.http.host";
  public static final String PORT = "midcoast.http.port";
  public static final String RETRY_AFTER_SECONDS = "midcoast.http.retry.after.seconds";
  public static final String FORWARD_TIMEOUT_MS = "midcoast.http.forward.timeout.ms";
  public static final String TASK_FAILURES = "midcoast.health.task.failures";
  public static final String TASK_FAILURE_WINDOW_SECONDS =
      "midcoast.health.task.failure.window.seconds";
  public static final String STALL_SECONDS = "midcoast.health.stall.seconds";

  public ServingSettings {
    if (port < 0 || port > 65_535) {
      throw new ConfigException(PORT, Integer.toString(port), "must be a port number 0..65535");
    }
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new ConfigException(RETRY_AFTER_SECONDS, retryAfter.toString(), "must be positive");
    }
    if (taskFailureThreshold < 1) {
      throw new ConfigException(
          TASK_FAILURES, Integer.toString(taskFailureThreshold), "must be at least 1");
    }
    if (taskFailureWindow.isNegative() || taskFailureWindow.isZero()) {
      throw new ConfigException(
          TASK_FAILURE_WINDOW_SECONDS, taskFailureWindow.toString(), "must be positive");
    }
    if (stallAfter.isNegative() || stallAfter.isZero()) {
      throw new ConfigException(STALL_SECONDS, stallAfter.toString(), "must be positive");
    }
  }

  /** Reads and validates the HTTP settings. */
  public static ServingSettings from(final ConfigSource source) {
    return new ServingSettings(
        source.string(HOST, "0.0.0.0"),
        source.integer(PORT, 8080),
        Duration.ofSeconds(source.integer(RETRY_AFTER_SECONDS, 5)),
        Duration.ofMillis(source.integer(FORWARD_TIMEOUT_MS, 5_000)),
        source.integer(TASK_FAILURES, 3),
        Duration.ofSeconds(source.integer(TASK_FAILURE_WINDOW_SECONDS, 600)),
        Duration.ofSeconds(source.integer(STALL_SECONDS, 120)));
  }
}
