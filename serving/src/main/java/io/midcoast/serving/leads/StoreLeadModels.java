package io.midcoast.serving.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.serving.query.LeadModels;
import io.midcoast.serving.query.NotReadyException;
import io.midcoast.serving.query.StreamsRuntime;
import io.midcoast.topology.catalog.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The lead models of the global {@link StoreNames#MODEL} store (every instance holds all of {@code
 * ml.model}), published through a {@link ModelTopic}.
 */
public final class StoreLeadModels implements LeadModels {

  private final StreamsRuntime runtime;
  private final ModelTopic topic;

  public StoreLeadModels(final StreamsRuntime runtime, final ModelTopic topic) {
    this.runtime = runtime;
    this.topic = topic;
  }

  @Override
  public List<ModelRecord> all() {
    final List<ModelRecord> out = new ArrayList<>();
    try {
      final ReadOnlyKeyValueStore<String, ModelRecord> store =
          runtime
              .streams()
              .store(
                  StoreQueryParameters.fromNameAndType(
                      StoreNames.MODEL, QueryableStoreTypes.keyValueStore()));
      try (KeyValueIterator<String, ModelRecord> it = store.all()) {
        it.forEachRemaining(kv -> out.add(kv.value));
      }
    } catch (final InvalidStateStoreException e) {
      throw new NotReadyException(
          "store " + StoreNames.MODEL + " is not queryable yet: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void publish(final List<ModelRecord> records) {
    topic.publish(records);
  }
}
