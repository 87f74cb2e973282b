package io.midcoast.serving.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem: every error the API answers is one, as {@code application/problem+json}.
 *
 * @param status HTTP status
 * @param type short machine-readable problem type, rendered as {@code urn:midcoast:problem:<type>}
 * @param title summary of the problem type
 * @param detail what happened in this request
 */
record Problem(int status, String type, String title, String detail) {

  static final String CONTENT_TYPE = "application/problem+json";

  static Problem notFound(final String detail) {
    return new Problem(404, "not-found", "Not Found", detail);
  }

  static Problem badRequest(final String detail) {
    return new Problem(400, "bad-request", "Bad Request", detail);
  }

  static Problem unavailable(final String detail) {
    return new Problem(503, "not-ready", "State Not Ready", detail);
  }

  /** Writes this problem as the response of {@code ctx}. */
  void writeTo(final Context ctx) {
    writeTo(ctx, Map.of());
  }

  /**
   * Writes this problem with extension members (RFC 9457 §3.2) as the response of {@code ctx}; an
   * extension never replaces a standard member.
   */
  void writeTo(final Context ctx, final Map<String, Object> extensions) {
    final Map<String, Object> body = new LinkedHashMap<>(extensions);
    body.put("type", "urn:midcoast:problem:" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    ctx.status(status).json(body).contentType(CONTENT_TYPE);
  }
}
