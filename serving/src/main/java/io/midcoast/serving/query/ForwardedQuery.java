package io.midcoast.serving.query;

/**
 * The query parameters of a request forwarded by another instance to the owner of a key: {@code
 * local=true&partition=N} (read on the receiving side by {@code http.Forwarded}). The receiver
 * answers from its own active store of partition {@code N} only, and 503 when that partition is not
 * (or no longer) active there, instead of an empty answer read from whatever partitions it happens
 * to hold.
 */
public final class ForwardedQuery {

  /** Query parameter marking a forwarded request. */
  public static final String LOCAL = "local";

  /** Query parameter naming the store partition a forwarded request must be answered from. */
  public static final String PARTITION = "partition";

  private ForwardedQuery() {}

  /**
   * {@code path} with {@code local=true&partition=<partition>} instead of any {@code local} or
   * {@code partition} parameter it had.
   */
  public static String path(final String path, final int partition) {
    return local(path) + "&" + PARTITION + "=" + partition;
  }

  /**
   * {@code path} with {@code local=true} instead of any {@code local} or {@code partition}
   * parameter it had (a listing forwarded to another instance: its own keys only).
   */
  public static String local(final String path) {
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
