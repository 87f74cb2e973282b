package io.midcoast.topology.ingest;

import static io.midcoast.topology.ingest.IngestFixtures.NOW;
import static io.midcoast.topology.ingest.IngestFixtures.closed;
import static io.midcoast.topology.ingest.IngestFixtures.countyLine;
import static io.midcoast.topology.ingest.IngestFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.ingest.collect.CountyCollector;
import io.midcoast.topology.ingest.collect.ResoRecord;
import io.midcoast.topology.ingest.process.ProcessStage;
import io.midcoast.topology.ingest.resolve.ResolveProcessor;
import io.midcoast.topology.ingest.validate.Validator;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Versions, corrections, deletes and arrival order: the resolve and store stages end to end. */
class IngestResolveTest {

  private static final String MAIN_ST = "50010-123-n-main-st";
  private static final Instant EARLIER = NOW.minusSeconds(3600);

  private final InMemoryStageCounters counters = new InMemoryStageCounters();
  private final IngestFixtures ingest = new IngestFixtures(counters);

  @AfterEach
  void close() {
    ingest.close();
  }

  private static ObjectNode delete(final String key, final String modified) {
    final ObjectNode json = IngestFixtures.listing(key).deepCopy();
    json.removeAll();
    json.put("ListingKey", key);
    json.put("StandardStatus", "Delete");
    json.put("ModificationTimestamp", modified);
    return json;
  }

  @Test
  void shouldReplaceACountyLineWithItsLaterPublishedCorrection() {
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"), EARLIER);
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "210000"), NOW);

    final List<Property> out = ingest.properties.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).getLastSale().getClosePriceCents()).isEqualTo(21_000_000L);
    assertThat(ingest.stored(MAIN_ST).getSources()).hasSize(1);
  }

  @Test
  void shouldKeepTheCorrectionWhenTheOriginalArrivesAfterIt() {
    // the correction was published later (record timestamp) but arrives first
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "210000"), NOW);
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"), EARLIER);

    assertThat(ingest.properties.readValuesToList()).hasSize(1);
    assertThat(ingest.stored(MAIN_ST).getLastSale().getClosePriceCents()).isEqualTo(21_000_000L);
    assertThat(counters.drops(Stages.RESOLVE, ResolveProcessor.STALE_VERSION)).isEqualTo(1);
  }

  @Test
  void shouldDeleteAListingFromADeleteWithoutAddress() {
    ingest.reso("L1", listing("L1"));
    ingest.reso("L1", delete("L1", "2024-05-05T00:00:00Z"));

    final List<KeyValue<String, Property>> out = ingest.properties.readKeyValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).key).isEqualTo(MAIN_ST);
    assertThat(out.get(1).value).isNull();
    assertThat(ingest.stored(MAIN_ST)).isNull();
    assertThat(ingest.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeleteAClosedListingFromAFullDeleteRecord() {
    ingest.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    final ObjectNode delete = closed("L1", 340_000, "2024-04-10", "2024-05-05T00:00:00Z");
    delete.put("StandardStatus", "Delete");
    delete.put("ListPrice", "not checked");
    ingest.reso("L1", delete);

    assertThat(ingest.deadLetters.isEmpty()).isTrue();
    assertThat(ingest.stored(MAIN_ST)).isNull();
  }

  @Test
  void shouldCountADeleteOfAnUnknownListingAndKeepItDeleted() {
    ingest.reso("L1", delete("L1", "2024-05-05T00:00:00Z"));

    assertThat(ingest.properties.isEmpty()).isTrue();
    assertThat(ingest.deadLetters.isEmpty()).isTrue();
    assertThat(counters.drops(Stages.RESOLVE, ResolveProcessor.DELETE_OF_UNKNOWN_SOURCE))
        .isEqualTo(1);

    // an older version arriving after the Delete stays deleted; a newer one lists again
    ingest.reso("L1", listing("L1"));
    assertThat(ingest.properties.isEmpty()).isTrue();
    final ObjectNode relisted = listing("L1");
    relisted.put("ModificationTimestamp", "2024-05-06T00:00:00Z");
    ingest.reso("L1", relisted);
    assertThat(ingest.stored(MAIN_ST).getListing().getModificationTimestamp())
        .isEqualTo(Instant.parse("2024-05-06T00:00:00Z"));
  }

  @Test
  void shouldStillRejectADeleteWithoutModificationTimestamp() {
    final ObjectNode delete = delete("L1", "x");
    delete.remove("ModificationTimestamp");
    ingest.reso("L1", delete);

    assertThat(ingest.deadLetters.readValue().getReason())
        .isEqualTo(RejectReason.MISSING_REQUIRED_FIELD.name());
  }

  @Test
  void shouldMoveAListingWhoseAddressIsCorrected() {
    ingest.reso("L1", listing("L1"));
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"));
    final ObjectNode moved = listing("L1");
    moved.put("UnparsedAddress", "125 North Main Street");
    moved.put("ModificationTimestamp", "2024-05-02T00:00:00Z");
    ingest.reso("L1", moved);

    final Property old = ingest.stored(MAIN_ST);
    assertThat(old.getListing()).isNull();
    assertThat(old.getSources())
        .extracting(SourceRef::getSourceKey)
        .containsExactly("county:APN-1:2020-01-02");
    assertThat(ingest.stored("50010-125-n-main-st").getListing().getListingKey()).isEqualTo("L1");

    // the old version arriving again is stale: it cannot bring the listing back
    ingest.reso("L1", listing("L1"));
    assertThat(ingest.stored(MAIN_ST).getListing()).isNull();
  }

  @Test
  void shouldTombstoneTheOldPropertyWhenItsOnlyListingMoves() {
    ingest.reso("L1", listing("L1"));
    final ObjectNode moved = listing("L1");
    moved.put("UnparsedAddress", "125 North Main Street");
    moved.put("ModificationTimestamp", "2024-05-02T00:00:00Z");
    ingest.reso("L1", moved);

    final Map<String, Property> latest = new TreeMap<>();
    ingest.properties.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    assertThat(latest).containsEntry(MAIN_ST, null);
    assertThat(latest.get("50010-125-n-main-st")).isNotNull();
  }

  @Test
  void shouldResolveAnMlsUnitInPartsAndACountyLineWithUnitToOneProperty() {
    final ObjectNode mls = listing("L7");
    mls.remove("UnparsedAddress");
    mls.put("StreetNumber", "9");
    mls.put("StreetName", "Oak");
    mls.put("StreetSuffix", "Court");
    mls.put("UnitNumber", "2");
    ingest.reso("L7", mls);
    ingest.county(
        "APN-7",
        "APN-7,\"9 Oak Ct Unit 2\",Ames,IA,50010,2020-01-02,200000,WD,900,,1995,2,1,RES,,");

    final Map<String, Property> latest = ingest.properties.readKeyValuesToMap();
    assertThat(latest).containsOnlyKeys("50010-9-oak-ct-u2");
    final Property p = latest.get("50010-9-oak-ct-u2");
    assertThat(p.getSources()).hasSize(2);
    assertThat(p.getAddress().getLine()).isEqualTo("9 OAK CT APT 2");
  }

  @Test
  void shouldNotPassFeedHeadersToOutputs() {
    final RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
    ingest.reso.pipeInput(
        new TestRecord<>("L1", IngestFixtures.bytes(listing("L1")), headers, NOW));
    ingest.reso.pipeInput(
        new TestRecord<>("L2", "{bad".getBytes(StandardCharsets.UTF_8), headers, NOW));

    assertThat(ingest.properties.readRecord().headers().toArray()).isEmpty();
    assertThat(ingest.deadLetters.readRecord().headers().toArray()).isEmpty();
  }

  /**
   * Full records, offsets included, whatever the arrival order of the same source records at the
   * resolve stage (as when versions of one listing come through different partitions). Exact copies
   * of one record are the exception: the lineage names the copy accepted first (a later copy must
   * change nothing), so with copies only the facts are order-independent — see {@link
   * #shouldReachTheSameFactsForAnyPermutationWithCopies}.
   */
  @Test
  void shouldEmitTheSameBytesForAnyPermutationOfTheSameSourceRecords() {
    final List<PropertyObservation> observations = new ArrayList<>();
    long offset = 0;
    observations.add(reso(listing("L1"), offset++, NOW));
    final ObjectNode v2 = listing("L1");
    v2.put("ModificationTimestamp", "2024-05-02T00:00:00Z");
    v2.put("ListPrice", 345_000);
    observations.add(reso(v2, offset++, NOW));
    final ObjectNode tie = v2.deepCopy();
    tie.put("ListPrice", 346_000);
    observations.add(reso(tie, offset++, NOW));
    final ObjectNode other = listing("L9");
    other.put("UnparsedAddress", "9 Oak Ct Unit 2");
    observations.add(reso(other, offset++, NOW));
    observations.add(reso(delete("L9", "2024-05-02T00:00:00Z"), offset++, NOW));
    final ObjectNode moved = listing("L5");
    observations.add(reso(moved, offset++, NOW));
    final ObjectNode movedAgain = listing("L5");
    movedAgain.put("UnparsedAddress", "125 North Main Street");
    movedAgain.put("ModificationTimestamp", "2024-05-03T00:00:00Z");
    observations.add(reso(movedAgain, offset++, NOW));
    observations.add(county(countyLine("APN-1", "2024-05-22", "344000"), offset++, EARLIER));
    observations.add(county(countyLine("APN-1", "2024-05-22", "345000"), offset++, NOW));
    observations.add(county(countyLine("APN-1", "2011-03-01", "150000"), offset++, NOW));

    final Map<String, Property> expected = storeState(observations);
    assertThat(expected).containsOnlyKeys(MAIN_ST, "50010-125-n-main-st");
    final Property main = expected.get(MAIN_ST);
    assertThat(main.getLastSale().getClosePriceCents()).isEqualTo(34_500_000L);
    assertThat(main.getSources())
        .filteredOn(s -> s.getSourceKey().startsWith("reso:L1"))
        .extracting(SourceRef::getOffset)
        .containsAnyOf(1L, 2L);
    final Random random = new Random(11);
    for (int round = 0; round < 12; round++) {
      final List<PropertyObservation> shuffled = new ArrayList<>(observations);
      Collections.shuffle(shuffled, random);
      assertThat(storeState(shuffled)).isEqualTo(expected);
    }
  }

  /**
   * Copies re-published later (other offsets, later record timestamps) change no fact, in any
   * order; and a county line re-published after its correction wins again, in any order.
   */
  @Test
  void shouldReachTheSameFactsForAnyPermutationWithCopies() {
    final List<PropertyObservation> observations = new ArrayList<>();
    long offset = 0;
    final ObjectNode v2 = listing("L1");
    v2.put("ModificationTimestamp", "2024-05-02T00:00:00Z");
    observations.add(reso(listing("L1"), offset++, EARLIER));
    observations.add(reso(v2, offset++, EARLIER));
    observations.add(reso(v2, offset++, NOW));
    observations.add(reso(listing("L1"), offset++, NOW));
    final String original = countyLine("APN-1", "2024-05-22", "344000");
    observations.add(county(original, offset++, EARLIER));
    observations.add(county(countyLine("APN-1", "2024-05-22", "345000"), offset++, NOW));
    observations.add(county(original, offset++, NOW.plusSeconds(60)));

    final Map<String, Property> expected = withoutPositions(storeState(observations));
    final Property main = expected.get(MAIN_ST);
    assertThat(main.getListing().getModificationTimestamp())
        .isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
    assertThat(main.getLastSale().getClosePriceCents())
        .as("the original line, re-published after the correction, is the latest publication")
        .isEqualTo(34_400_000L);
    final Random random = new Random(7);
    for (int round = 0; round < 24; round++) {
      final List<PropertyObservation> shuffled = new ArrayList<>(observations);
      Collections.shuffle(shuffled, random);
      assertThat(withoutPositions(storeState(shuffled))).isEqualTo(expected);
    }
  }

  private static Map<String, Property> withoutPositions(final Map<String, Property> properties) {
    final Map<String, Property> out = new java.util.TreeMap<>();
    properties.forEach(
        (id, property) ->
            out.put(
                id,
                Property.newBuilder(property)
                    .setSources(
                        property.getSources().stream()
                            .map(s -> SourceRef.newBuilder(s).setPartition(0).setOffset(0L).build())
                            .toList())
                    .build()));
    return out;
  }

  private static PropertyObservation reso(
      final ObjectNode json, final long offset, final Instant timestamp) {
    return Validator.validate(
        ProcessStage.normalize(new ResoRecord(json)),
        Provenance.of("feeds.reso.property", 0, offset, timestamp.toEpochMilli(), null, null));
  }

  private static PropertyObservation county(
      final String line, final long offset, final Instant timestamp) {
    return Validator.validate(
        ProcessStage.normalize(
            CountyCollector.collect(line.getBytes(StandardCharsets.UTF_8)).orElseThrow()),
        Provenance.of("feeds.county.sale", 0, offset, timestamp.toEpochMilli(), null, null));
  }

  /** Pipes observations through resolve and store only; the final store and last emissions. */
  private static Map<String, Property> storeState(final List<PropertyObservation> observations) {
    final StreamsBuilder builder = new StreamsBuilder();
    final var serde = RecordSerdes.singleObject().serde(PropertyObservation.class);
    IngestTopology.resolveAndStore(
        builder,
        builder.stream(
            "test.observations",
            Consumed.with(Serdes.String(), serde).withName("test-observations-source")),
        StageCounters.none());
    try (IngestFixtures f = new IngestFixtures(builder.build(), StageCounters.none())) {
      final TestInputTopic<String, PropertyObservation> in =
          f.driver.createInputTopic(
              "test.observations", new StringSerializer(), serde.serializer());
      observations.forEach(o -> in.pipeInput("k", o, NOW));
      final Map<String, Property> state = new TreeMap<>();
      try (KeyValueIterator<String, Property> it =
          f.driver.<String, Property>getKeyValueStore(StoreNames.PROPERTY).all()) {
        it.forEachRemaining(kv -> state.put(kv.key, kv.value));
      }
      final Map<String, Property> emitted = new TreeMap<>();
      f.properties
          .readKeyValuesToMap()
          .forEach(
              (k, v) -> {
                if (v != null) {
                  emitted.put(k, v);
                }
              });
      assertThat(emitted).isEqualTo(state);
      return state;
    }
  }
}
