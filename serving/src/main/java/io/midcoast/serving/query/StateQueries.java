package io.midcoast.serving.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Key lookups in the state stores, wherever the key lives. */
public interface StateQueries {

  /**
   * The current value of {@code key} in key-value store {@code store}, rendered to JSON.
   *
   * @param path the API path of this lookup, used to forward it to the instance owning the key
   * @param partition empty: find the instance owning the key and answer there (forwarding {@code
   *     path} with {@code local=true&partition=<n>}); present: answer from this instance's active
   *     store of that partition only (a forwarded request)
   * @throws NotReadyException while the store cannot be queried, including when {@code partition}
   *     is not active on this instance (caller answers 503)
   */
  <V> Optional<JsonNode> get(
      String store, String key, Function<V, JsonNode> render, String path, OptionalInt partition);

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

  /**
   * The values of key-value store {@code store} whose keys lie in {@code [from, to]} and match
   * {@code keyFilter}, in key order, rendered to JSON. Every key of the range must live in the one
   * partition {@code partitioner} assigns to {@code routingKey} (e.g. all months of one region):
   * the range is read from the instance owning that partition, locally or by forwarding {@code
   * path}.
   *
   * @param itemsField name of the array holding the items in the response body of {@code path},
   *     read when the request is forwarded
   * @param partition empty: find the owner of {@code routingKey} and read there (forwarding {@code
   *     path} with {@code local=true&partition=<n>}); present: read this instance's active store of
   *     that partition only (a forwarded request)
   * @throws NotReadyException while the store cannot be queried, including when {@code partition}
   *     is not active on this instance (caller answers 503)
   */
  <V> List<JsonNode> range(
      String store,
      String routingKey,
      StreamPartitioner<? super String, ?> partitioner,
      String from,
      String to,
      Predicate<String> keyFilter,
      Function<V, JsonNode> render,
      String itemsField,
      String path,
      OptionalInt partition);

  /** A rendered value with its key. */
  record Keyed(String key, JsonNode value) {}
}
