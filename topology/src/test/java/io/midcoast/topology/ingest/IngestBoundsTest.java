package io.midcoast.topology.ingest;

import static io.midcoast.topology.ingest.IngestFixtures.bytes;
import static io.midcoast.topology.ingest.IngestFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.RecordSerdes;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.IngestLimits;
import io.midcoast.topology.ingest.collect.ResoCollector;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.Stages;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Hostile input cannot grow the state of one property without bound, nor make a dead letter too
 * large to send: the inputs the reliability issue found stopping a partition.
 */
class IngestBoundsTest {

  private static final int MAX_SOURCES = IngestLimits.DEFAULT.maxSourcesPerProperty();

  private static Map<String, Long> reasons(final List<DeadLetter> letters) {
    return letters.stream()
        .collect(Collectors.groupingBy(DeadLetter::getReason, Collectors.counting()));
  }

  private static int largestAggregateBytes(final IngestFixtures ingest) {
    final KeyValueStore<String, PropertyAggregate> store =
        ingest.driver.getKeyValueStore(IngestTopology.AGGREGATE_STORE);
    int largest = 0;
    try (KeyValueIterator<String, PropertyAggregate> all = store.all()) {
      while (all.hasNext()) {
        final byte[] serialized =
            RecordSerdes.singleObject()
                .serde(PropertyAggregate.class)
                .serializer()
                .serialize("", all.next().value);
        largest = Math.max(largest, serialized.length);
      }
    }
    return largest;
  }

  @Test
  void shouldKeepAtMostTheConfiguredSourcesOfOneAddressAndDeadLetterTheRest() {
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    try (IngestFixtures ingest = new IngestFixtures(counters)) {
      for (int i = 0; i < 1_000; i++) {
        ingest.reso("U" + i, listing("U" + i));
      }

      final List<DeadLetter> letters = ingest.deadLetters.readValuesToList();
      assertThat(reasons(letters)).isEqualTo(Map.of("PROPERTY_TOO_MANY_SOURCES", 744L));
      assertThat(letters)
          .allSatisfy(
              d -> {
                assertThat(d.getStage()).isEqualTo(Stages.STORE);
                assertThat(d.getSourceTopic()).isEqualTo(Topics.RESO_PROPERTY.name());
                assertThat(d.getSourceOffset()).isBetween(0L, 999L);
              });
      final Map<String, Property> views = ingest.properties.readKeyValuesToMap();
      assertThat(views).hasSize(1);
      assertThat(views.values().iterator().next().getSources()).hasSize(MAX_SOURCES);
      assertThat(counters.in(Stages.STORE)).isEqualTo(1_000);
      assertThat(counters.deadLetters(Stages.STORE, "PROPERTY_TOO_MANY_SOURCES")).isEqualTo(744);
    }
  }

  @Test
  void shouldBoundThousandsOfListingsWithoutAnAddressAtOnePointWhateverTheirSize() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      final String longest = "X".repeat(1_000);
      for (int i = 0; i < 2_000; i++) {
        final ObjectNode json = listing("G" + i);
        json.remove(List.of("UnparsedAddress", "City", "PostalCode", "StateOrProvince"));
        json.put("Latitude", 42.0345);
        json.put("Longitude", -93.6203);
        json.put("ArchitecturalStyle", longest);
        json.put("ConstructionMaterials", longest);
        json.put("FoundationDetails", longest);
        json.put("SubdivisionName", longest);
        ingest.reso("G" + i, json);
      }

      final Map<String, Long> reasons = reasons(ingest.deadLetters.readValuesToList());
      assertThat(reasons.keySet())
          .isSubsetOf("PROPERTY_TOO_MANY_SOURCES", "PROPERTY_TOO_LARGE")
          .isNotEmpty();
      final Map<String, Property> views = ingest.properties.readKeyValuesToMap();
      assertThat(views).hasSize(1);
      final int kept = views.values().iterator().next().getSources().size();
      assertThat(kept + reasons.values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(2_000);
      assertThat(largestAggregateBytes(ingest))
          .isLessThanOrEqualTo(IngestLimits.DEFAULT.maxPropertyBytes());
    }
  }

  @Test
  void shouldRefuseASingleRecordLargerThan256KibWithALetterThatStaysSmall() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      final ObjectNode json = listing("BIG");
      json.put("PublicRemarks", "r".repeat(900 * 1024));
      ingest.reso("BIG", json);

      final DeadLetter letter = ingest.deadLetters.readValue();
      assertThat(letter.getReason()).isEqualTo("INPUT_TOO_LARGE");
      assertThat(letter.getStage()).isEqualTo(Stages.COLLECT);
      assertThat(letter.getOriginalValueSize()).isGreaterThan(900L * 1024);
      assertThat(letter.getOriginalValueSha256()).hasSize(64);
      assertThat(
              Topics.INGEST_DLQ
                  .valueSerde()
                  .serializer()
                  .serialize(Topics.INGEST_DLQ.name(), letter)
                  .length)
          .isLessThan(100 * 1024);
      assertThat(ingest.properties.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldRefuseACountyLineLargerThan256Kib() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      ingest.county(
          "A", IngestFixtures.countyLine("A", "2024-01-02", "250000") + "x".repeat(300 * 1024));

      assertThat(ingest.deadLetters.readValue().getReason()).isEqualTo("INPUT_TOO_LARGE");
    }
  }

  @Test
  void shouldRefuseOnlyThePageElementWithATooLongField() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      final ObjectNode page = ResoCollector.MAPPER.createObjectNode();
      final ArrayNode value = page.putArray("value");
      value.add(listing("P1"));
      final ObjectNode hostile = listing("P2");
      hostile.put("City", "A".repeat(5_000));
      value.add(hostile);
      final ObjectNode third = listing("P3");
      third.put("UnparsedAddress", "9 Elm Street, Ames, IA 50010");
      value.add(third);
      ingest.reso.pipeInput("page", bytes(page), IngestFixtures.NOW);

      final DeadLetter letter = ingest.deadLetters.readValue();
      assertThat(letter.getReason()).isEqualTo("FIELD_TOO_LONG");
      assertThat(letter.getDetail()).contains("address.city has 5000 characters");
      assertThat(ingest.deadLetters.isEmpty()).isTrue();
      final Map<String, Property> views = ingest.properties.readKeyValuesToMap();
      assertThat(
              views.values().stream()
                  .flatMap(p -> p.getSources().stream())
                  .map(s -> s.getSourceKey())
                  .collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("reso:P1", "reso:P3");
    }
  }

  @Test
  void shouldDeadLetterAControlCharacterPostgresCannotStoreAndKeepTheRestOfThePage() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      final ObjectNode page = ResoCollector.MAPPER.createObjectNode();
      final ArrayNode value = page.putArray("value");
      final ObjectNode nul = listing("P1");
      nul.put("City", "Ames\u0000");
      value.add(nul);
      final ObjectNode bell = listing("P2");
      bell.put("ListingKey", "P\u00072");
      value.add(bell);
      final ObjectNode tab = listing("P3");
      tab.put("City", "Ames\t");
      value.add(tab);
      ingest.reso.pipeInput("page", bytes(page), IngestFixtures.NOW);
      ingest.county(
          "A",
          IngestFixtures.countyLine("A", "2024-01-02", "250000").replace(",Ames,", ",Am\u0007es,"));

      final List<DeadLetter> letters = ingest.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getReason).containsOnly("CONTROL_CHARACTER");
      assertThat(letters)
          .extracting(DeadLetter::getDetail)
          .containsExactly(
              "address.city holds the control character U+0000 at index 4",
              "source.sourceKey holds the control character U+0007 at index 6",
              "address.city holds the control character U+0007 at index 2");
      assertThat(
              ingest.properties.readValuesToList().stream()
                  .flatMap(p -> p.getSources().stream())
                  .map(s -> s.getSourceKey())
                  .collect(Collectors.toSet()))
          .containsExactly("reso:P3");
    }
  }

  @Test
  void shouldDeadLetterDatesPostgresCannotStoreOrNoRecordCanHold() {
    try (IngestFixtures ingest = new IngestFixtures(new InMemoryStageCounters())) {
      final ObjectNode ancient = listing("P1");
      ancient.put("OnMarketDate", "-5000-01-01");
      ingest.reso("P1", ancient);
      final ObjectNode early = listing("P2");
      early.put("ListingContractDate", "1599-12-31");
      ingest.reso("P2", early);
      final ObjectNode distant = listing("P3");
      distant.put("OnMarketDate", "+10000-01-01");
      ingest.reso("P3", distant);
      final ObjectNode first = listing("P4");
      first.put("OnMarketDate", "1600-01-01");
      ingest.reso("P4", first);

      final List<DeadLetter> letters = ingest.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetter::getReason).containsOnly("DATE_OUT_OF_RANGE");
      assertThat(letters)
          .extracting(DeadLetter::getDetail)
          .containsExactly(
              "listing.onMarketDate=-5000-01-01 is outside 1600-01-01..9999-12-31",
              "listing.listingContractDate=1599-12-31 is outside 1600-01-01..9999-12-31",
              "listing.onMarketDate=+10000-01-01 is outside 1600-01-01..9999-12-31");
      assertThat(ingest.properties.readValuesToList())
          .flatExtracting(Property::getSources)
          .extracting(s -> s.getSourceKey())
          .containsExactly("reso:P4");
    }
  }
}
