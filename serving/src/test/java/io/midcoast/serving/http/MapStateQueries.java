package io.midcoast.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.midcoast.serving.query.NotReadyException;
import io.midcoast.serving.query.StateQueries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The state stores as sorted maps, one per store name, for tests of the HTTP layer (which only sees
 * {@link StateQueries}). While not {@link #ready()}, every query throws {@link NotReadyException}.
 * Records the partition asked of the last lookup and the routing of the last range query.
 */
final class MapStateQueries implements StateQueries {

  /** The routing arguments of a {@link #range} call. */
  record RangeQuery(
      String store,
      String routingKey,
      StreamPartitioner<? super String, ?> partitioner,
      String itemsField,
      OptionalInt partition) {}

  private final Map<String, TreeMap<String, Object>> stores = new HashMap<>();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final AtomicReference<OptionalInt> lastPartition = new AtomicReference<>();
  private final AtomicReference<RangeQuery> lastRange = new AtomicReference<>();

  /** Sets {@code key} of store {@code store} to {@code value}. */
  MapStateQueries put(final String store, final String key, final Object value) {
    stores.computeIfAbsent(store, s -> new TreeMap<>()).put(key, value);
    return this;
  }

  /** Whether the stores can be queried; set it to false to simulate restoring or rebalancing. */
  AtomicBoolean ready() {
    return ready;
  }

  /**
   * The partition named by the last {@link #get} or {@link #range}: empty if routed to the owner.
   */
  OptionalInt lastPartition() {
    return lastPartition.get();
  }

  /** The routing of the last {@link #range} call, or null if there was none. */
  RangeQuery lastRange() {
    return lastRange.get();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Optional<JsonNode> get(
      final String store,
      final String key,
      final Function<V, JsonNode> render,
      final String path,
      final OptionalInt partition) {
    checkReady();
    lastPartition.set(partition);
    return Optional.ofNullable((V) store(store).get(key)).map(render);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> List<Keyed> list(
      final String store,
      final String after,
      final int limit,
      final Predicate<V> filter,
      final Function<V, JsonNode> render,
      final String keyField,
      final String path,
      final boolean localOnly) {
    checkReady();
    final NavigableMap<String, Object> all = store(store);
    return (after == null ? all : all.tailMap(after, false))
        .entrySet().stream()
            .filter(e -> filter.test((V) e.getValue()))
            .limit(limit)
            .map(e -> new Keyed(e.getKey(), render.apply((V) e.getValue())))
            .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> List<JsonNode> range(
      final String store,
      final String routingKey,
      final StreamPartitioner<? super String, ?> partitioner,
      final String from,
      final String to,
      final Predicate<String> keyFilter,
      final Function<V, JsonNode> render,
      final String itemsField,
      final String path,
      final OptionalInt partition) {
    checkReady();
    lastPartition.set(partition);
    lastRange.set(new RangeQuery(store, routingKey, partitioner, itemsField, partition));
    return store(store).subMap(from, true, to, true).entrySet().stream()
        .filter(e -> keyFilter.test(e.getKey()))
        .map(e -> render.apply((V) e.getValue()))
        .toList();
  }

  private NavigableMap<String, Object> store(final String store) {
    return stores.getOrDefault(store, new TreeMap<>());
  }

  private void checkReady() {
    if (!ready.get()) {
      throw new NotReadyException("not ready");
    }
  }
}
