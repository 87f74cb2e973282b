package io.midcoast.serving;

import io.javalin.http.Context;
import java.util.OptionalInt;

/**
 * The query parameters of a request forwarded by another instance to the owner of a key: {@code
 * local=true&partition=N}. The receiver answers from its own active store of partition {@code N}
 * only, and 503 when that partition is not (or no longer) active there, instead of an empty answer
 * read from whatever partitions it happens to hold.
 */
final class ForwardedQuery {

  /** Query parameter marking a forwarded request. */
  static final String LOCAL = "local";

  /** Query parameter naming the store partition a forwarded request must be answered from. */
  static final String PARTITION = "partition";

  private ForwardedQuery() {}

  /**
   * The partition to answer from when {@code ctx} is a forwarded key query, empty otherwise.
   *
   * @throws ProblemException (400) when {@code local} and {@code partition} do not come together or
   *     the partition is not a non-negative integer
   */
  static OptionalInt partition(final Context ctx) {
    final boolean local = "true".equals(ctx.queryParam(LOCAL));
    final String raw = ctx.queryParam(PARTITION);
    if (raw == null) {
      if (local) {
        throw new ProblemException(
            Problem.badRequest("local=true needs partition=<n>: the partition to answer from"));
      }
      return OptionalInt.empty();
    }
    if (!local) {
      throw new ProblemException(Problem.badRequest("partition is only accepted with local=true"));
    }
    try {
      final int partition = Integer.parseInt(raw);
      if (partition >= 0) {
        return OptionalInt.of(partition);
      }
    } catch (final NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        Problem.badRequest("partition must be a non-negative integer, got " + raw));
  }

  /**
   * {@code path} with {@code local=true&partition=<partition>} instead of any {@code local} or
   * {@code partition} parameter it had.
   */
  static String path(final String path, final int partition) {
    return local(path) + "&" + PARTITION + "=" + partition;
  }

  /**
   * {@code path} with {@code local=true} instead of any {@code local} or {@code partition}
   * parameter it had (a listing forwarded to another instance: its own keys only).
   */
  static String local(final String path) {
    final int query = path.indexOf('?');
    final StringBuilder out = new StringBuilder(query < 0 ? path : path.substring(0, query));
    char separator = '?';
    if (query >= 0) {
      for (final String param : path.substring(query + 1).split("&")) {
        final String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
        if (!param.isEmpty() && !name.equals(LOCAL) && !name.equals(PARTITION)) {
          out.append(separator).append(param);
          separator = '&';
        }
      }
    }
    return out.append(separator).append(LOCAL).append("=true").toString();
  }
}
