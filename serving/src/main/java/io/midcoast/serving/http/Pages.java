package io.midcoast.serving.http;

import io.midcoast.serving.query.StateQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paging of every listing: {@code limit} 1..500 (default 50) and the body {@code
 * {"items":[...],"nextCursor":<last key of a full page, else null>}}.
 */
final class Pages {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Pages() {}

  /**
   * The {@code limit} parameter.
   *
   * @throws ProblemException (400) when it is not an integer from 1 to {@value #MAX_LIMIT}
   */
  static int limit(final String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      final int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (final NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        Problem.badRequest("limit must be an integer from 1 to " + MAX_LIMIT + ", got " + raw));
  }

  /** The body of one page of at most {@code limit} items. */
  static Map<String, Object> body(final List<StateQueries.Keyed> page, final int limit) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.stream().map(StateQueries.Keyed::value).toList());
    body.put("nextCursor", page.size() == limit ? page.get(page.size() - 1).key() : null);
    return body;
  }
}
