package io.midcoast.serving.http;

import io.javalin.http.Context;
import io.midcoast.serving.query.ForwardedQuery;
import java.util.OptionalInt;

/**
 * Reads the {@link ForwardedQuery} parameters of a request: {@code local=true&partition=N} marks a
 * key query forwarded by another instance, answered from this instance's store of partition N only;
 * {@code local=true} alone marks a listing asking for this instance's keys only.
 */
final class Forwarded {

  private Forwarded() {}

  /**
   * The partition to answer from when {@code ctx} is a forwarded key query, empty otherwise.
   *
   * @throws ProblemException (400) when {@code local} and {@code partition} do not come together or
   *     the partition is not a non-negative integer
   */
  static OptionalInt partition(final Context ctx) {
    final boolean local = isLocal(ctx);
    final String raw = ctx.queryParam(ForwardedQuery.PARTITION);
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

  /** Whether {@code ctx} asks for this instance's own keys only ({@code local=true}). */
  static boolean isLocal(final Context ctx) {
    return "true".equals(ctx.queryParam(ForwardedQuery.LOCAL));
  }

  /** The path and query of {@code ctx}, as another instance is asked for it. */
  static String pathAndQuery(final Context ctx) {
    return ctx.fullUrl().substring(ctx.fullUrl().indexOf(ctx.path()));
  }
}
