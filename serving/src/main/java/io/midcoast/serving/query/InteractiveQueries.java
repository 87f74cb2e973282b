package io.midcoast.serving.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Kafka Streams interactive queries: asks which instance owns a key ({@code queryMetadataForKey}),
 * reads the local store when it is this one, and forwards the HTTP request to the owner otherwise
 * (as Confluent's {@code MetadataService} examples do).
 */
public final class InteractiveQueries implements StateQueries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StreamsRuntime runtime;
  private final Optional<HostInfo> self;
  private final HttpClient http;
  private final Duration timeout;

  public InteractiveQueries(
      final StreamsRuntime runtime, final Optional<HostInfo> self, final Duration timeout) {
    this.runtime = runtime;
    this.self = self;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public <V> List<Keyed> list(
      final String store,
      final String after,
      final int limit,
      final Predicate<V> filter,
      final Function<V, JsonNode> render,
      final String keyField,
      final String path,
      final boolean localOnly) {
    requireReady();
    // by key: a partition moving between instances while the pages are read is listed once
    final Map<String, Keyed> merged = new TreeMap<>();
    localList(store, after, limit, filter, render).forEach(k -> merged.putIfAbsent(k.key(), k));
    if (!localOnly && self.isPresent()) {
      for (final StreamsMetadata instance : runtime.streams().streamsMetadataForStore(store)) {
        if (!instance.hostInfo().equals(self.get())) {
          final JsonNode page =
              forward(instance.hostInfo(), ForwardedQuery.local(path)).orElseThrow();
          for (final JsonNode item : page.get("items")) {
            final String key = item.get(keyField).asText();
            merged.putIfAbsent(key, new Keyed(key, item));
          }
        }
      }
    }
    return merged.values().stream().limit(limit).toList();
  }

  /**
   * Scans each local partition of the store on its own: a store spanning several partitions
   * iterates them one after another, so only per-partition scans come back in key order.
   */
  private <V> List<Keyed> localList(
      final String store,
      final String after,
      final int limit,
      final Predicate<V> filter,
      final Function<V, JsonNode> render) {
    final List<Keyed> items = new ArrayList<>();
    for (final int partition : runtime.localActivePartitions(store)) {
      int taken = 0;
      try (KeyValueIterator<String, V> it = scan(store, partition, after)) {
        while (it.hasNext() && taken < limit) {
          final KeyValue<String, V> entry = it.next();
          if (!entry.key.equals(after) && filter.test(entry.value)) {
            items.add(new Keyed(entry.key, render.apply(entry.value)));
            taken++;
          }
        }
      } catch (final InvalidStateStoreException e) {
        throw new NotReadyException("store " + store + " is migrating: " + e.getMessage(), e);
      }
    }
    return items;
  }

  /** Partition {@code partition} of {@code store} from its first key, or from {@code after}. */
  private <V> KeyValueIterator<String, V> scan(
      final String store, final int partition, final String after) {
    final ReadOnlyKeyValueStore<String, V> local = localStore(store, OptionalInt.of(partition));
    return after == null ? local.all() : local.range(after, null);
  }

  /**
   * This instance's active store {@code store}: of {@code partition} only when present (throws
   * {@link InvalidStateStoreException} when that partition is not active here), else of every local
   * partition.
   */
  private <V> ReadOnlyKeyValueStore<String, V> localStore(
      final String store, final OptionalInt partition) {
    final StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
    return runtime
        .streams()
        .store(partition.isPresent() ? parameters.withPartition(partition.getAsInt()) : parameters);
  }

  private static String notHere(
      final String store, final OptionalInt partition, final InvalidStateStoreException e) {
    return "store "
        + store
        + (partition.isPresent() ? " partition " + partition.getAsInt() : "")
        + " is not active on this instance (migrating or restoring): "
        + e.getMessage();
  }

  private void requireReady() {
    if (!runtime.ready()) {
      throw new NotReadyException(
          "state is not ready: Kafka Streams is "
              + runtime.state()
              + " with "
              + runtime.restoringPartitions()
              + " partitions restoring");
    }
  }

  @Override
  public <V> Optional<JsonNode> get(
      final String store,
      final String key,
      final Function<V, JsonNode> render,
      final String path,
      final OptionalInt partition) {
    requireReady();
    OptionalInt readFrom = partition;
    if (partition.isEmpty() && self.isPresent()) {
      final KeyQueryMetadata owner =
          runtime.streams().queryMetadataForKey(store, key, Serdes.String().serializer());
      if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
        throw new NotReadyException("no instance currently owns " + store + " key " + key);
      }
      if (!owner.activeHost().equals(self.get())) {
        return forward(owner.activeHost(), ForwardedQuery.path(path, owner.partition()));
      }
      readFrom = OptionalInt.of(owner.partition());
    }
    try {
      return Optional.ofNullable(this.<V>localStore(store, readFrom).get(key)).map(render);
    } catch (final InvalidStateStoreException e) {
      throw new NotReadyException(notHere(store, readFrom, e), e);
    }
  }

  @Override
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
    requireReady();
    OptionalInt readFrom = partition;
    if (partition.isEmpty() && self.isPresent()) {
      final KeyQueryMetadata owner =
          runtime.streams().queryMetadataForKey(store, routingKey, partitioner);
      if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
        throw new NotReadyException("no instance currently owns " + store + " key " + routingKey);
      }
      if (!owner.activeHost().equals(self.get())) {
        final List<JsonNode> items = new ArrayList<>();
        forward(owner.activeHost(), ForwardedQuery.path(path, owner.partition()))
            .ifPresent(body -> body.get(itemsField).forEach(items::add));
        return items;
      }
      readFrom = OptionalInt.of(owner.partition());
    }
    final List<JsonNode> items = new ArrayList<>();
    try (KeyValueIterator<String, V> it = this.<V>localStore(store, readFrom).range(from, to)) {
      while (it.hasNext()) {
        final KeyValue<String, V> entry = it.next();
        if (keyFilter.test(entry.key)) {
          items.add(render.apply(entry.value));
        }
      }
    } catch (final InvalidStateStoreException e) {
      throw new NotReadyException(notHere(store, readFrom, e), e);
    }
    return items;
  }

  private Optional<JsonNode> forward(final HostInfo owner, final String path) {
    final URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + path);
    try {
      final HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return switch (response.statusCode()) {
        case 200 -> Optional.of(JSON.readTree(response.body()));
        case 404 -> Optional.empty();
        default ->
            throw new NotReadyException(
                "owner " + owner + " answered " + response.statusCode() + " for " + path);
      };
    } catch (final IOException e) {
      throw new NotReadyException("owner " + owner + " unreachable: " + e.getMessage(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotReadyException("interrupted while forwarding to " + owner, e);
    }
  }
}
