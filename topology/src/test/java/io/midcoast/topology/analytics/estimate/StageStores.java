package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Initialized in-memory stores and hand-built properties for unit tests of the estimate stage's
 * collaborators (no topology).
 */
final class StageStores {

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

  /** A store of String → V, ready to use. */
  <V> KeyValueStore<String, V> store(final String name, final Serde<V> values) {
    final KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  /** A store of String → Avro record, ready to use. */
  <V extends SpecificRecord> KeyValueStore<String, V> store(
      final String name, final Class<V> type) {
    return store(name, SERDES.serde(type));
  }

  /** Every key of {@code store}, in order. */
  static List<String> keys(final KeyValueStore<String, ?> store) {
    final List<String> keys = new ArrayList<>();
    try (var it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** A 1,500 sq ft house in AMES / {@code subdivision} with the given sales, no listing. */
  static Property house(final String id, final String subdivision, final Sale... sales) {
    return Property.newBuilder()
        .setPropertyId(id)
        .setIdKind(PropertyIdKind.ADDRESS)
        .setAddress(
            Address.newBuilder()
                .setPostalCode("50010")
                .setCity("AMES")
                .setSubdivision(subdivision)
                .build())
        .setCharacteristics(
            Characteristics.newBuilder()
                .setLivingAreaSqft(1500)
                .setYearBuilt(1975)
                .setLotSizeSqft(9_000L)
                .setBedrooms(3)
                .build())
        .setSales(new ArrayList<>(List.of(sales)))
        .setLastSale(sales.length == 0 ? null : sales[sales.length - 1])
        .setSources(new ArrayList<>())
        .setUpdatedAt(Instant.parse("2024-05-01T12:00:00Z"))
        .build();
  }

  /** A county sale closed on {@code date} at {@code cents}. */
  static Sale sale(final String date, final long cents) {
    return Sale.newBuilder()
        .setSource(SourceFeed.COUNTY)
        .setSourceKey("county:apn:" + date)
        .setCloseDate(LocalDate.parse(date))
        .setClosePriceCents(cents)
        .build();
  }
}
