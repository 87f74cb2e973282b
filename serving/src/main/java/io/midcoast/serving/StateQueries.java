package io.midcoast.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Key lookups in the state stores, wherever the key lives. */
interface StateQueries {

  /**
   * The current value of {@code key} in key-value store {@code store}, rendered to JSON.
   *
   * @param path the API path of this lookup, used to forward it to the instance owning the key
   * @param localOnly answer from this instance only (set on forwarded requests)
   * @throws NotReadyException while the store cannot be queried (caller answers 503)
   */
  <V> Optional<JsonNode> get(
      String store, String key, Function<V, JsonNode> render, String path, boolean localOnly);

  /**
   * Up to {@code limit} values of key-value store {@code store} whose keys sort after {@code after}
   * and that match {@code filter}, in key order, gathered from every instance.
   *
   * @param after exclusive lower bound on keys (the cursor of the previous page), or null
   * @param keyField name of the field holding the key in the rendered JSON
   * @param path the API path of this listing, used to ask the other instances
   * @param localOnly list this instance's keys only (set on requests from another instance)
   * @throws NotReadyException while the store cannot be queried (caller answers 503)
   */
  <V> List<Keyed> list(
      String store,
      String after,
      int limit,
      Predicate<V> filter,
      Function<V, JsonNode> render,
      String keyField,
      String path,
      boolean localOnly);

  /** A rendered value with its key. */
  record Keyed(String key, JsonNode value) {}
}
