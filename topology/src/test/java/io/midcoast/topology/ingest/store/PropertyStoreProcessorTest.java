package io.midcoast.topology.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.monitor.StageCounters;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class PropertyStoreProcessorTest {

  private static PropertyObservation observation(final String key, final int beds) {
    return PropertyObservation.newBuilder()
        .setPropertyId("p")
        .setIdKind(PropertyIdKind.ADDRESS)
        .setSource(
            new SourceRef(
                SourceFeed.COUNTY, key, "t", 0, 0L, Instant.parse("2024-01-01T00:00:00Z")))
        .setAddress(new Address())
        .setCharacteristics(Characteristics.newBuilder().setBedrooms(beds).build())
        .build();
  }

  @Test
  void shouldWriteNothingWhenTheMergeFails() {
    final RecordSerdes serdes = RecordSerdes.singleObject();
    final KeyValueStore<String, PropertyAggregate> aggregates =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("agg"),
                Serdes.String(),
                serdes.serde(PropertyAggregate.class))
            .withLoggingDisabled()
            .build();
    final KeyValueStore<String, Property> properties =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("props"),
                Serdes.String(),
                serdes.serde(Property.class))
            .withLoggingDisabled()
            .build();
    final MockProcessorContext<String, Property> context = new MockProcessorContext<>();
    aggregates.init(context.getStateStoreContext(), aggregates);
    properties.init(context.getStateStoreContext(), properties);
    context.addStateStore(aggregates);
    context.addStateStore(properties);
    final AtomicBoolean fail = new AtomicBoolean();
    final PropertyStoreProcessor processor =
        new PropertyStoreProcessor(
            StageCounters.none(),
            "agg",
            "props",
            (id, observations) -> {
              if (fail.get()) {
                throw new IllegalStateException("merge bug");
              }
              return PropertyMerger.merge(id, observations);
            });
    processor.init(context);
    processor.process(new Record<>("p", observation("county:a", 3), 0L));
    final PropertyAggregate before = aggregates.get("p");
    final Property propertyBefore = properties.get("p");
    assertThat(propertyBefore).isNotNull();
    assertThat(before.getPropertyFingerprint()).isEqualTo(VersionOrder.fingerprint(propertyBefore));

    fail.set(true);
    assertThatThrownBy(() -> processor.process(new Record<>("p", observation("county:b", 4), 0L)))
        .hasMessageContaining("merge bug");

    assertThat(aggregates.get("p")).isEqualTo(before);
    assertThat(properties.get("p")).isEqualTo(propertyBefore);
    assertThat(context.forwarded()).hasSize(1);
  }
}
