package io.midcoast.topology.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.monitor.StageCounters;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global processor of {@code ml.model}: keeps {@link StoreNames#MODEL} (every model record, for
 * listing) and loads the models into the {@link ModelRegistry}. On start it loads every record
 * already in the (restored) store. An unreadable model is logged, counted (stage {@value #STAGE},
 * reason {@value #UNREADABLE}) and skipped.
 */
final class ModelRegistryProcessor implements Processor<String, ModelRecord, Void, Void> {

  /** Counter stage. */
  static final String STAGE = "leads-model";

  /** Drop reason of an unreadable model. */
  static final String UNREADABLE = "UNREADABLE_MODEL";

  private final ModelRegistry registry;
  private final StageCounters counters;
  private final String storeName;
  private KeyValueStore<String, ModelRecord> store;

  ModelRegistryProcessor(
      final ModelRegistry registry, final StageCounters counters, final String storeName) {
    this.registry = registry;
    this.counters = counters;
    this.storeName = storeName;
  }

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
    try (KeyValueIterator<String, ModelRecord> all = store.all()) {
      while (all.hasNext()) {
        final KeyValue<String, ModelRecord> entry = all.next();
        load(entry.key, entry.value);
      }
    }
  }

  @Override
  public void process(final Record<String, ModelRecord> record) {
    if (record.key() == null) {
      counters.dropped(STAGE, "NO_KEY");
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    load(record.key(), record.value());
  }

  private void load(final String key, final ModelRecord value) {
    counters.recordIn(STAGE);
    if (registry.apply(key, value)) {
      counters.recordOut(STAGE);
    } else {
      counters.dropped(STAGE, UNREADABLE);
    }
  }
}
