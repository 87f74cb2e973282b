package io.midcoast.topology.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.config.IngestLimits;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class PropertyStoreProcessorTest {

  private static final RecordSerdes SERDES = RecordSerdes.singleObject();

  /** A processor on in-memory stores, with {@code limits} in its application configs. */
  private static final class Harness {
    final KeyValueStore<String, PropertyAggregate> aggregates =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("agg"),
                Serdes.String(),
                SERDES.serde(PropertyAggregate.class))
            .withLoggingDisabled()
            .build();
    final KeyValueStore<String, Property> properties =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("props"),
                Serdes.String(),
                SERDES.serde(Property.class))
            .withLoggingDisabled()
            .build();
    final MockProcessorContext<String, StoreOutput> context;
    final PropertyStoreProcessor processor;

    Harness(
        final IngestLimits limits,
        final StageCounters counters,
        final BiFunction<String, List<PropertyObservation>, Property> merger) {
      final Properties config = new Properties();
      config.put(IngestLimits.CONFIG, limits);
      context = new MockProcessorContext<>(config);
      aggregates.init(context.getStateStoreContext(), aggregates);
      properties.init(context.getStateStoreContext(), properties);
      context.addStateStore(aggregates);
      context.addStateStore(properties);
      processor = new PropertyStoreProcessor(counters, "agg", "props", merger);
      processor.init(context);
    }

    void process(final PropertyObservation observation) {
      processor.process(new Record<>("p", observation, 0L));
    }

    List<StoreOutput> outputs() {
      return context.forwarded().stream()
          .map(CapturedForward::record)
          .<StoreOutput>map(Record::value)
          .toList();
    }
  }

  private static PropertyObservation observation(final String key, final int beds) {
    return observation(key, beds, null);
  }

  private static PropertyObservation observation(
      final String key, final int beds, final String zoning) {
    return PropertyObservation.newBuilder()
        .setPropertyId("p")
        .setIdKind(PropertyIdKind.ADDRESS)
        .setSource(
            new SourceRef(
                SourceFeed.COUNTY,
                key,
                "feeds.county.sale",
                2,
                11_462L,
                Instant.parse("2024-01-01T00:00:00Z").plusSeconds(beds)))
        .setAddress(new Address())
        .setCharacteristics(
            Characteristics.newBuilder().setBedrooms(beds).setZoning(zoning).build())
        .setRecordTimestamp(Instant.parse("2024-02-01T00:00:00Z"))
        .build();
  }

  @Test
  void shouldWriteNothingWhenTheMergeFails() {
    final AtomicBoolean fail = new AtomicBoolean();
    final Harness h =
        new Harness(
            IngestLimits.DEFAULT,
            StageCounters.none(),
            (id, observations) -> {
              if (fail.get()) {
                throw new IllegalStateException("merge bug");
              }
              return PropertyMerger.merge(id, observations);
            });
    h.process(observation("county:a", 3));
    final PropertyAggregate before = h.aggregates.get("p");
    final Property propertyBefore = h.properties.get("p");
    assertThat(propertyBefore).isNotNull();
    assertThat(before.getPropertyFingerprint()).isEqualTo(VersionOrder.fingerprint(propertyBefore));

    fail.set(true);
    assertThatThrownBy(() -> h.process(observation("county:b", 4)))
        .hasMessageContaining("merge bug");

    assertThat(h.aggregates.get("p")).isEqualTo(before);
    assertThat(h.properties.get("p")).isEqualTo(propertyBefore);
    assertThat(h.context.forwarded()).hasSize(1);
  }

  @Test
  void shouldDeadLetterANewSourceBeyondTheMostAPropertyKeepsAndStillTakeNewVersions() {
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    final Harness h = new Harness(new IngestLimits(3, 512 * 1024), counters, PropertyMerger::merge);
    h.process(observation("county:a", 1));
    h.process(observation("county:b", 2));
    h.process(observation("county:c", 3));
    final PropertyAggregate full = h.aggregates.get("p");
    final Property view = h.properties.get("p");

    h.process(observation("county:d", 4));

    assertThat(h.aggregates.get("p")).isEqualTo(full);
    assertThat(h.properties.get("p")).isEqualTo(view);
    final StoreOutput rejected = h.outputs().get(3);
    assertThat(rejected.isRejected()).isTrue();
    final DeadLetter letter = rejected.deadLetter();
    assertThat(letter.getReason()).isEqualTo("PROPERTY_TOO_MANY_SOURCES");
    assertThat(letter.getStage()).isEqualTo(Stages.STORE);
    assertThat(letter.getDetail()).contains("already keeps 3", "county:d");
    assertThat(letter.getSourceTopic()).isEqualTo("feeds.county.sale");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(11_462L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(counters.deadLetters(Stages.STORE, "PROPERTY_TOO_MANY_SOURCES")).isEqualTo(1);

    // a newer version of a source the property keeps is still applied
    h.process(observation("county:b", 20));
    assertThat(h.outputs().get(4).isRejected()).isFalse();
    assertThat(h.aggregates.get("p").getObservations()).hasSize(3);
  }

  @Test
  void shouldDeadLetterAChangeThatWouldMakeTheAggregateLargerThanAllowed() {
    final Harness h =
        new Harness(new IngestLimits(256, 4 * 1024), StageCounters.none(), PropertyMerger::merge);
    final String kilobyte = "Z".repeat(1_000);
    for (int i = 0; i < 10; i++) {
      h.process(observation("county:" + i, i + 1, kilobyte));
    }

    final List<StoreOutput> outputs = h.outputs();
    assertThat(outputs.stream().filter(StoreOutput::isRejected))
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.deadLetter().getReason()).isEqualTo("PROPERTY_TOO_LARGE"));
    final byte[] stored =
        SERDES.serde(PropertyAggregate.class).serializer().serialize("agg", h.aggregates.get("p"));
    assertThat(stored.length).isLessThanOrEqualTo(4 * 1024);
    assertThat(h.aggregates.get("p").getObservations().size())
        .isEqualTo(outputs.stream().filter(o -> !o.isRejected()).count());
  }
}
