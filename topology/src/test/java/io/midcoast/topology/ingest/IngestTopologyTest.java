package io.midcoast.topology.ingest;

import static io.midcoast.topology.ingest.IngestFixtures.NOW;
import static io.midcoast.topology.ingest.IngestFixtures.bytes;
import static io.midcoast.topology.ingest.IngestFixtures.closed;
import static io.midcoast.topology.ingest.IngestFixtures.countyLine;
import static io.midcoast.topology.ingest.IngestFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.ingest.collect.ResoCollector;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.Stages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestTopologyTest {

  private static final String MAIN_ST = "50010-123-n-main-st";

  private final InMemoryStageCounters counters = new InMemoryStageCounters();
  private final IngestFixtures ingest = new IngestFixtures(counters);

  @AfterEach
  void close() {
    ingest.close();
  }

  @Test
  void shouldEmitMergedPropertyForValidListing() {
    ingest.reso("L1", listing("L1"));

    final KeyValue<String, Property> out = ingest.properties.readKeyValue();
    assertThat(out.key).isEqualTo(MAIN_ST);
    final Property p = out.value;
    assertThat(p.getIdKind()).isEqualTo(PropertyIdKind.ADDRESS);
    assertThat(p.getAddress().getLine()).isEqualTo("123 N MAIN ST");
    assertThat(p.getAddress().getCity()).isEqualTo("AMES");
    assertThat(p.getListing().getListPriceCents()).isEqualTo(35_000_000L);
    assertThat(p.getListing().getStandardStatus()).isEqualTo(ListingStatus.ACTIVE);
    assertThat(p.getCharacteristics().getLotSizeSqft()).isEqualTo(8000L);
    assertThat(p.getSources()).extracting(SourceRef::getSourceKey).containsExactly("reso:L1");
    assertThat(p.getUpdatedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(ingest.stored(MAIN_ST)).isEqualTo(p);
    assertThat(ingest.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldResolveListingAndCountySaleOfTheSameHouseToOneProperty() {
    ingest.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    ingest.county("APN-1", countyLine("APN-1", "4/15/2024", "\"$340,000\""));

    final Map<String, Property> latest = ingest.properties.readKeyValuesToMap();
    assertThat(latest).containsOnlyKeys(MAIN_ST);
    final Property p = latest.get(MAIN_ST);
    assertThat(p.getSales()).hasSize(1);
    assertThat(p.getSales().get(0).getSource()).isEqualTo(SourceFeed.RESO);
    assertThat(p.getLastSale().getClosePriceCents()).isEqualTo(34_000_000L);
    assertThat(p.getSources())
        .extracting(SourceRef::getSourceKey)
        .containsExactly("reso:L1", "county:APN-1:2024-04-15");
    assertThat(p.getCharacteristics().getLandUse()).isEqualTo("RES");
  }

  @Test
  void shouldCountSalesMoreThanSevenDaysApartTwice() {
    ingest.reso("L1", closed("L1", 340_000, "2024-04-10", "2024-04-11T09:00:00Z"));
    ingest.county("APN-1", countyLine("APN-1", "2024-04-18", "341000"));

    final Property p = ingest.stored(MAIN_ST);
    assertThat(p.getSales())
        .extracting(s -> s.getCloseDate().toString() + "/" + s.getSource())
        .containsExactly("2024-04-10/RESO", "2024-04-18/COUNTY");
    assertThat(p.getLastSale().getSource()).isEqualTo(SourceFeed.COUNTY);
  }

  @Test
  void shouldGiveGeoIdWithLotSizeWhenThereIsNoStreetAddress() {
    final ObjectNode ames = listing("A1");
    ames.remove("UnparsedAddress");
    ames.put("Latitude", 42.054035);
    ames.put("Longitude", -93.619754);
    ames.put("LotSizeSquareFeet", 31770);
    ingest.reso("A1", ames);

    assertThat(ingest.properties.readKeyValue().key).isEqualTo("geo-42.054035_-93.619754-l31770");
  }

  @Test
  void shouldSeparateTownhousesThatShareOneGeocodeByLotSize() {
    for (final int lot : new int[] {1470, 1533}) {
      final ObjectNode th = listing("T" + lot);
      th.remove("UnparsedAddress");
      th.put("Latitude", 42.009489);
      th.put("Longitude", -93.645743);
      th.put("LotSizeSquareFeet", lot);
      ingest.reso("T" + lot, th);
    }
    assertThat(ingest.properties.readKeyValuesToMap())
        .containsOnlyKeys("geo-42.009489_-93.645743-l1470", "geo-42.009489_-93.645743-l1533");
  }

  @Test
  void shouldSplitAnODataPageIntoOneRecordPerElement() {
    final ArrayNode page = ResoCollector.MAPPER.createArrayNode();
    final ObjectNode second = listing("L2");
    second.put("UnparsedAddress", "77 Elm Avenue");
    final ObjectNode broken = listing("L3");
    broken.put("ListPrice", "lots");
    page.add(listing("L1")).add(second).add(broken).add("not an object");
    final ObjectNode message = ResoCollector.MAPPER.createObjectNode();
    message.put("@odata.context", "$metadata#Property");
    message.set("value", page);
    ingest.reso.pipeInput("page-1", bytes(message), NOW);

    assertThat(ingest.properties.readKeyValuesToMap())
        .containsOnlyKeys(MAIN_ST, "50010-77-elm-ave");
    final List<DeadLetter> dead = ingest.deadLetters.readValuesToList();
    assertThat(dead)
        .extracting(DeadLetter::getReason)
        .containsExactly("WRONG_FIELD_TYPE", "MALFORMED_JSON");
    assertThat(text(dead.get(0).getOriginalValue()))
        .isEqualTo(new String(bytes(broken), StandardCharsets.UTF_8));
    assertThat(text(dead.get(1).getOriginalValue())).isEqualTo("\"not an object\"");
    assertThat(dead).allSatisfy(d -> assertThat(d.getSourceOffset()).isZero());
    assertThat(counters.in(Stages.COLLECT)).isEqualTo(1);
    assertThat(counters.out(Stages.COLLECT)).isEqualTo(3);
    assertThat(counters.deadLetters(Stages.COLLECT, "MALFORMED_JSON")).isEqualTo(1);
    assertThat(counters.deadLetters(Stages.PROCESS, "WRONG_FIELD_TYPE")).isEqualTo(1);
  }

  @Test
  void shouldNotEmitAgainForADuplicateEvenFromAnotherOffset() {
    ingest.reso("L1", listing("L1"));
    ingest.reso("L1", listing("L1"));
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"));
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"));

    assertThat(ingest.properties.readValuesToList()).hasSize(2);
    assertThat(counters.in(Stages.RESOLVE)).isEqualTo(4);
    assertThat(counters.drops(Stages.RESOLVE, "DUPLICATE")).isEqualTo(2);
    assertThat(counters.in(Stages.STORE)).isEqualTo(2);
    assertThat(counters.out(Stages.STORE)).isEqualTo(2);
  }

  @Test
  void shouldReplaceAListingWithANewerModificationTimestamp() {
    ingest.reso("L1", listing("L1"));
    final ObjectNode corrected = listing("L1");
    corrected.put("ListPrice", 339_000);
    corrected.put("ModificationTimestamp", "2024-05-02T08:00:00-05:00");
    ingest.reso("L1", corrected);

    final List<Property> out = ingest.properties.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).getListing().getListPriceCents()).isEqualTo(33_900_000L);
    assertThat(out.get(1).getUpdatedAt()).isEqualTo(Instant.parse("2024-05-02T13:00:00Z"));
  }

  @Test
  void shouldIgnoreAnOlderVersionArrivingLater() {
    final ObjectNode newer = listing("L1");
    newer.put("ModificationTimestamp", "2024-05-03T00:00:00Z");
    newer.put("ListPrice", 330_000);
    ingest.reso("L1", newer);
    ingest.reso("L1", listing("L1"));

    assertThat(ingest.properties.readValuesToList()).hasSize(1);
    assertThat(ingest.stored(MAIN_ST).getListing().getListPriceCents()).isEqualTo(33_000_000L);
  }

  @Test
  void shouldEmitATombstoneWhenTheOnlyListingIsDeleted() {
    ingest.reso("L1", listing("L1"));
    final ObjectNode delete = listing("L1");
    delete.put("StandardStatus", "Delete");
    delete.put("ModificationTimestamp", "2024-05-05T00:00:00Z");
    ingest.reso("L1", delete);

    final List<KeyValue<String, Property>> out = ingest.properties.readKeyValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).key).isEqualTo(MAIN_ST);
    assertThat(out.get(1).value).isNull();
    assertThat(ingest.stored(MAIN_ST)).isNull();
  }

  @Test
  void shouldNotResurrectADeletedListingWithAnOlderVersion() {
    final ObjectNode delete = listing("L1");
    delete.put("StandardStatus", "Delete");
    delete.put("ModificationTimestamp", "2024-05-05T00:00:00Z");
    ingest.reso("L1", delete);
    ingest.reso("L1", listing("L1"));

    assertThat(ingest.properties.isEmpty()).isTrue();
    assertThat(ingest.stored(MAIN_ST)).isNull();
  }

  @Test
  void shouldKeepCountyRecordsWhenTheListingIsDeleted() {
    ingest.reso("L1", listing("L1"));
    ingest.county("APN-1", countyLine("APN-1", "2020-01-02", "200000"));
    final ObjectNode delete = listing("L1");
    delete.put("StandardStatus", "Delete");
    delete.put("ModificationTimestamp", "2024-05-05T00:00:00Z");
    ingest.reso("L1", delete);

    final Property p = ingest.stored(MAIN_ST);
    assertThat(p.getListing()).isNull();
    assertThat(p.getSources()).extracting(SourceRef::getFeed).containsExactly(SourceFeed.COUNTY);
  }

  @Test
  void shouldReachTheSameBytesWhateverTheInterleavingOfTheFeeds() {
    // each feed keeps its own order, so every source record keeps its offset: full records compare
    final List<ObjectNode> resoRecords = new ArrayList<>();
    resoRecords.add(listing("L1"));
    resoRecords.add(closed("L1", 344_000, "2024-05-20", "2024-05-21T00:00:00Z"));
    final ObjectNode v2 = listing("L1");
    v2.put("ModificationTimestamp", "2024-05-25T00:00:00Z");
    v2.put("ListPrice", 345_000);
    resoRecords.add(v2);
    // the tie: same version, same record timestamp, another price; it decides the final listing
    final ObjectNode tie = listing("L1");
    tie.put("ModificationTimestamp", "2024-05-25T00:00:00Z");
    tie.put("ListPrice", 346_000);
    resoRecords.add(tie);
    final ObjectNode other = listing("L9");
    other.put("UnparsedAddress", "9 Oak Ct Unit 2");
    resoRecords.add(other);
    final ObjectNode deleteOther = listing("L9");
    deleteOther.put("StandardStatus", "Delete");
    deleteOther.put("ModificationTimestamp", "2024-05-02T00:00:00Z");
    resoRecords.add(deleteOther);
    final List<String> countyLines =
        List.of(
            countyLine("APN-1", "2024-05-22", "344000"),
            countyLine("APN-1", "2011-03-01", "150000"),
            countyLine("APN-1", "2011-03-01", "150000"));

    final Map<String, Property> expected = finalState(resoRecords, countyLines, null);
    assertThat(expected).containsOnlyKeys(MAIN_ST);
    final Property p = expected.get(MAIN_ST);
    assertThat(p.getSales()).hasSize(2);
    final long tieWinner = winnerOfTheTie(v2, tie);
    assertThat(p.getListing().getListPriceCents()).isEqualTo(tieWinner);
    // the duplicate county line keeps the first offset
    assertThat(p.getSources())
        .filteredOn(s -> s.getSourceKey().equals("county:APN-1:2011-03-01"))
        .extracting(SourceRef::getOffset)
        .containsExactly(1L);
    final Random random = new Random(42);
    for (int round = 0; round < 10; round++) {
      assertThat(finalState(resoRecords, countyLines, random)).isEqualTo(expected);
    }
  }

  /** The list price of whichever of two same-version listings wins on content. */
  private static long winnerOfTheTie(final ObjectNode a, final ObjectNode b) {
    final Map<String, Property> onlyA = finalState(List.of(a, b), List.of(), null);
    final Map<String, Property> onlyB = finalState(List.of(b, a), List.of(), null);
    final Property winnerAb = onlyA.get(MAIN_ST);
    final Property winnerBa = onlyB.get(MAIN_ST);
    assertThat(winnerAb.getListing()).isEqualTo(winnerBa.getListing());
    return winnerAb.getListing().getListPriceCents();
  }

  /**
   * The final property store after piping the records; with a random, the two feeds are interleaved
   * at random while each keeps its own order (so each record keeps its offset).
   */
  private static Map<String, Property> finalState(
      final List<ObjectNode> resoRecords, final List<String> countyLines, final Random random) {
    final List<Consumer<IngestFixtures>> inputs = new ArrayList<>();
    if (random == null) {
      resoRecords.forEach(r -> inputs.add(f -> f.reso("k", r)));
      countyLines.forEach(l -> inputs.add(f -> f.county("k", l)));
    } else {
      int r = 0;
      int c = 0;
      while (r < resoRecords.size() || c < countyLines.size()) {
        final boolean takeReso =
            c == countyLines.size() || (r < resoRecords.size() && random.nextBoolean());
        if (takeReso) {
          final ObjectNode json = resoRecords.get(r++);
          inputs.add(f -> f.reso("k", json));
        } else {
          final String line = countyLines.get(c++);
          inputs.add(f -> f.county("k", line));
        }
      }
    }
    try (IngestFixtures f = new IngestFixtures(new InMemoryStageCounters())) {
      inputs.forEach(i -> i.accept(f));
      final Map<String, Property> state = new TreeMap<>();
      try (KeyValueIterator<String, Property> it =
          f.driver.<String, Property>getKeyValueStore(StoreNames.PROPERTY).all()) {
        it.forEachRemaining(kv -> state.put(kv.key, kv.value));
      }
      // the last emitted value per key agrees with the store
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

  @Test
  void shouldSkipACountyHeaderLineWithoutDeadLettering() {
    ingest.county(
        "h", String.join(",", io.midcoast.topology.ingest.collect.CountyCollector.COLUMNS));

    assertThat(ingest.deadLetters.isEmpty()).isTrue();
    assertThat(ingest.properties.isEmpty()).isTrue();
    assertThat(counters.in(Stages.COLLECT)).isEqualTo(1);
    assertThat(counters.out(Stages.COLLECT)).isZero();
  }

  @Test
  void shouldDeadLetterWithOriginalKeyBytesOffsetAndTimestamp() {
    ingest.reso("L1", listing("L1"));
    final Instant when = Instant.parse("2024-06-01T10:00:00Z");
    ingest.county.pipeInput("bad-key", "x,y".getBytes(StandardCharsets.UTF_8), when);

    final DeadLetter d = ingest.deadLetters.readValue();
    assertThat(d.getReason()).isEqualTo("MALFORMED_CSV");
    assertThat(d.getStage()).isEqualTo("collect");
    assertThat(d.getSourceTopic()).isEqualTo("feeds.county.sale");
    assertThat(d.getSourcePartition()).isZero();
    assertThat(d.getSourceOffset()).isZero();
    assertThat(d.getSourceTimestamp()).isEqualTo(when);
    assertThat(text(d.getOriginalKey())).isEqualTo("bad-key");
    assertThat(text(d.getOriginalValue())).isEqualTo("x,y");
    assertThat(d.getDetail()).contains("16");
  }

  @Test
  void shouldDeadLetterTheSecondRecordWithItsOwnOffset() {
    ingest.reso("L1", listing("L1"));
    ingest.reso.pipeInput("L2", "{not json".getBytes(StandardCharsets.UTF_8), NOW);

    final DeadLetter d = ingest.deadLetters.readValue();
    assertThat(d.getReason()).isEqualTo("MALFORMED_JSON");
    assertThat(d.getSourceOffset()).isEqualTo(1);
    assertThat(text(d.getOriginalValue())).isEqualTo("{not json");
  }

  @Test
  void shouldCountEveryStage() {
    ingest.reso("L1", listing("L1"));
    ingest.reso("L1", listing("L1"));
    final ObjectNode bad = listing("L2");
    bad.put("BedroomsTotal", 400);
    ingest.reso("L2", bad);
    ingest.reso.pipeInput("L3", new byte[0], NOW);

    assertThat(counters.in(Stages.COLLECT)).isEqualTo(4);
    assertThat(counters.out(Stages.COLLECT)).isEqualTo(3);
    assertThat(counters.deadLetters(Stages.COLLECT, "EMPTY_RECORD")).isEqualTo(1);
    assertThat(counters.in(Stages.PROCESS)).isEqualTo(3);
    assertThat(counters.out(Stages.PROCESS)).isEqualTo(3);
    assertThat(counters.in(Stages.VALIDATE)).isEqualTo(3);
    assertThat(counters.out(Stages.VALIDATE)).isEqualTo(2);
    assertThat(counters.deadLetters(Stages.VALIDATE, "BEDROOMS_OUT_OF_RANGE")).isEqualTo(1);
    assertThat(counters.in(Stages.RESOLVE)).isEqualTo(2);
    assertThat(counters.out(Stages.RESOLVE)).isEqualTo(1);
    assertThat(counters.drops(Stages.RESOLVE, "DUPLICATE")).isEqualTo(1);
    assertThat(counters.in(Stages.STORE)).isEqualTo(1);
    assertThat(counters.out(Stages.STORE)).isEqualTo(1);
    assertThat(ingest.deadLetters.readValuesToList()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidListings")
  void shouldDeadLetterAListingThatBreaksARule(
      final String rule, final Consumer<ObjectNode> breakIt, final RejectReason reason) {
    final ObjectNode json = listing("L1");
    breakIt.accept(json);
    ingest.reso("L1", json);

    assertThat(ingest.properties.isEmpty()).isTrue();
    final DeadLetter d = ingest.deadLetters.readValue();
    assertThat(d.getReason()).isEqualTo(reason.name());
    assertThat(d.getStage()).isEqualTo(reason.stage());
    assertThat(text(d.getOriginalValue()))
        .isEqualTo(new String(bytes(json), StandardCharsets.UTF_8));
    assertThat(counters.deadLetters(reason.stage(), reason.name())).isEqualTo(1);
  }

  static Stream<Arguments> invalidListings() {
    return Stream.of(
        rule(
            "missing ListingKey", j -> j.remove("ListingKey"), RejectReason.MISSING_REQUIRED_FIELD),
        rule(
            "blank StandardStatus",
            j -> j.put("StandardStatus", " "),
            RejectReason.MISSING_REQUIRED_FIELD),
        rule(
            "missing ModificationTimestamp",
            j -> j.remove("ModificationTimestamp"),
            RejectReason.MISSING_REQUIRED_FIELD),
        rule(
            "unknown status",
            j -> j.put("StandardStatus", "Sold Out"),
            RejectReason.UNKNOWN_STATUS),
        rule("price as text", j -> j.put("ListPrice", "cheap"), RejectReason.WRONG_FIELD_TYPE),
        rule(
            "bedrooms as object", j -> j.putObject("BedroomsTotal"), RejectReason.WRONG_FIELD_TYPE),
        rule(
            "fractional bedrooms", j -> j.put("BedroomsTotal", 2.5), RejectReason.WRONG_FIELD_TYPE),
        rule("negative price", j -> j.put("ListPrice", -5), RejectReason.PRICE_OUT_OF_RANGE),
        rule(
            "original list price below 1,000 USD",
            j -> j.put("OriginalListPrice", 999),
            RejectReason.PRICE_OUT_OF_RANGE),
        rule(
            "price below 1,000 USD",
            j -> j.put("ListPrice", 999.99),
            RejectReason.PRICE_OUT_OF_RANGE),
        rule(
            "price above 1e9 USD",
            j -> j.put("ListPrice", 1_000_000_000.01),
            RejectReason.PRICE_OUT_OF_RANGE),
        rule(
            "tiny living area",
            j -> j.put("LivingArea", 10),
            RejectReason.LIVING_AREA_OUT_OF_RANGE),
        rule(
            "zero lot size",
            j -> j.put("LotSizeSquareFeet", 0),
            RejectReason.LOT_SIZE_OUT_OF_RANGE),
        rule("101 bedrooms", j -> j.put("BedroomsTotal", 101), RejectReason.BEDROOMS_OUT_OF_RANGE),
        rule(
            "negative bathrooms",
            j -> j.put("BathroomsTotalInteger", -1),
            RejectReason.BATHROOMS_OUT_OF_RANGE),
        rule("built 1599", j -> j.put("YearBuilt", 1599), RejectReason.YEAR_BUILT_OUT_OF_RANGE),
        rule(
            "built 3 years from now",
            j -> j.put("YearBuilt", 2027),
            RejectReason.YEAR_BUILT_OUT_OF_RANGE),
        rule(
            "101 full baths",
            j -> j.put("BathroomsFull", 101),
            RejectReason.BATHROOMS_OUT_OF_RANGE),
        rule(
            "negative half baths",
            j -> j.put("BathroomsHalf", -1),
            RejectReason.BATHROOMS_OUT_OF_RANGE),
        rule(
            "remodeled 1599",
            j -> j.put("YearBuiltEffective", 1599),
            RejectReason.YEAR_BUILT_EFFECTIVE_OUT_OF_RANGE),
        rule(
            "remodeled 3 years from now",
            j -> j.put("YearBuiltEffective", 2027),
            RejectReason.YEAR_BUILT_EFFECTIVE_OUT_OF_RANGE),
        rule(
            "negative finished basement",
            j -> j.put("BelowGradeFinishedArea", -1),
            RejectReason.BELOW_GRADE_AREA_OUT_OF_RANGE),
        rule(
            "huge unfinished basement",
            j -> j.put("BelowGradeUnfinishedArea", 100_001),
            RejectReason.BELOW_GRADE_AREA_OUT_OF_RANGE),
        rule(
            "101 fireplaces",
            j -> j.put("FireplacesTotal", 101),
            RejectReason.FIREPLACES_OUT_OF_RANGE),
        rule("negative rooms", j -> j.put("RoomsTotal", -1), RejectReason.ROOMS_OUT_OF_RANGE),
        rule("condition 0", j -> j.put("OverallCondition", 0), RejectReason.CONDITION_OUT_OF_RANGE),
        rule(
            "condition 11",
            j -> j.put("OverallCondition", 11),
            RejectReason.CONDITION_OUT_OF_RANGE),
        rule("cooling maybe", j -> j.put("CoolingYN", "maybe"), RejectReason.WRONG_FIELD_TYPE),
        rule(
            "basement in hectares",
            j -> {
              j.put("BelowGradeFinishedArea", 1);
              j.put("BelowGradeFinishedAreaUnits", "Hectares");
            },
            RejectReason.UNKNOWN_UNIT),
        rule(
            "close price on an active listing",
            j -> j.put("ClosePrice", 300000),
            RejectReason.CLOSE_PRICE_NOT_CLOSED),
        rule(
            "close date in the future",
            j -> {
              j.put("StandardStatus", "Closed");
              j.put("ClosePrice", 300000);
              j.put("CloseDate", "2024-06-03");
            },
            RejectReason.DATE_IN_FUTURE),
        rule(
            "contract date in the future",
            j -> j.put("ListingContractDate", "2024-06-05"),
            RejectReason.DATE_IN_FUTURE),
        rule(
            "modified in the future",
            j -> j.put("ModificationTimestamp", "2024-06-02T00:00:01Z"),
            RejectReason.DATE_IN_FUTURE),
        rule("latitude 91", j -> j.put("Latitude", 91), RejectReason.LATITUDE_OUT_OF_RANGE),
        rule(
            "longitude -181",
            j -> {
              j.put("Latitude", 42);
              j.put("Longitude", -181);
            },
            RejectReason.LONGITUDE_OUT_OF_RANGE),
        rule(
            "no location",
            j -> {
              j.remove("UnparsedAddress");
              j.remove("PostalCode");
            },
            RejectReason.NO_LOCATION),
        rule(
            "US-style CloseDate", j -> j.put("CloseDate", "06/15/2024"), RejectReason.INVALID_DATE),
        rule(
            "unparseable timestamp",
            j -> j.put("ModificationTimestamp", "yesterday"),
            RejectReason.INVALID_DATE),
        rule(
            "lot in hectares",
            j -> {
              j.remove("LotSizeSquareFeet");
              j.put("LotSizeArea", 1);
              j.put("LotSizeUnits", "Hectares");
            },
            RejectReason.UNKNOWN_UNIT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCountyLines")
  void shouldDeadLetterACountyLineThatBreaksARule(
      final String rule, final String line, final RejectReason reason) {
    ingest.county("c", line);

    assertThat(ingest.properties.isEmpty()).isTrue();
    final DeadLetter d = ingest.deadLetters.readValue();
    assertThat(d.getReason()).isEqualTo(reason.name());
    assertThat(text(d.getOriginalValue())).isEqualTo(line);
  }

  static Stream<Arguments> invalidCountyLines() {
    return Stream.of(
        Arguments.of(
            "missing apn",
            countyLine("", "2020-01-02", "200000"),
            RejectReason.MISSING_REQUIRED_FIELD),
        Arguments.of(
            "missing sale_date",
            countyLine("A", "", "200000"),
            RejectReason.MISSING_REQUIRED_FIELD),
        Arguments.of(
            "missing sale_price",
            countyLine("A", "2020-01-02", ""),
            RejectReason.MISSING_REQUIRED_FIELD),
        Arguments.of(
            "bad sale_date", countyLine("A", "2020-13-01", "200000"), RejectReason.INVALID_DATE),
        Arguments.of(
            "price as text", countyLine("A", "2020-01-02", "n/a"), RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "price of 5 USD", countyLine("A", "2020-01-02", "5"), RejectReason.PRICE_OUT_OF_RANGE),
        Arguments.of(
            "sale next week", countyLine("A", "2024-06-08", "200000"), RejectReason.DATE_IN_FUTURE),
        Arguments.of(
            "price above 1e9 USD",
            countyLine("A", "2020-01-02", "1000000000.01"),
            RejectReason.PRICE_OUT_OF_RANGE),
        Arguments.of(
            "tiny living area",
            county("A", 49, "8000", 1995, 3, "2", "42.0", "-93.6"),
            RejectReason.LIVING_AREA_OUT_OF_RANGE),
        Arguments.of(
            "zero lot size",
            county("A", 1500, "0", 1995, 3, "2", "42.0", "-93.6"),
            RejectReason.LOT_SIZE_OUT_OF_RANGE),
        Arguments.of(
            "101 bedrooms",
            county("A", 1500, "8000", 1995, 101, "2", "42.0", "-93.6"),
            RejectReason.BEDROOMS_OUT_OF_RANGE),
        Arguments.of(
            "101.5 bathrooms",
            county("A", 1500, "8000", 1995, 3, "101.5", "42.0", "-93.6"),
            RejectReason.BATHROOMS_OUT_OF_RANGE),
        Arguments.of(
            "built 1599",
            county("A", 1500, "8000", 1599, 3, "2", "42.0", "-93.6"),
            RejectReason.YEAR_BUILT_OUT_OF_RANGE),
        Arguments.of(
            "latitude 90.1",
            county("A", 1500, "8000", 1995, 3, "2", "90.1", "-93.6"),
            RejectReason.LATITUDE_OUT_OF_RANGE),
        Arguments.of(
            "longitude 180.5",
            county("A", 1500, "8000", 1995, 3, "2", "42.0", "180.5"),
            RejectReason.LONGITUDE_OUT_OF_RANGE),
        Arguments.of(
            "15 columns",
            "A,1 Main St,Ames,IA,50010,2020-01-02,200000,WD,1,1,1,1,1,1,1",
            RejectReason.MALFORMED_CSV),
        Arguments.of("unterminated quote", "A,\"1 Main St,Ames", RejectReason.MALFORMED_CSV),
        Arguments.of(
            "two lines",
            countyLine("A", "2020-01-02", "200000")
                + "\n"
                + countyLine("B", "2020-01-02", "200000"),
            RejectReason.MALFORMED_CSV),
        Arguments.of("blank", "   ", RejectReason.EMPTY_RECORD));
  }

  @Test
  void shouldDeadLetterJsonThatIsNotAnObject() {
    ingest.reso.pipeInput("k", "[1,2]".getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(ingest.deadLetters.readValue().getReason()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void shouldAcceptACountyLineWithUsDateAndFormattedPrice() {
    ingest.county("c", countyLine("APN-9", "1/2/2020", "\"$200,000.50\""));

    final Property p = ingest.stored(MAIN_ST);
    assertThat(p.getLastSale().getClosePriceCents()).isEqualTo(20_000_050L);
    assertThat(p.getLastSale().getCloseDate()).isEqualTo(LocalDate.of(2020, 1, 2));
    assertThat(p.getUpdatedAt()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
    assertThat(p.getSources().get(0).getSourceKey()).isEqualTo("county:APN-9:2020-01-02");
  }

  /** A county line of 123 N Main St with the given characteristics. */
  private static String county(
      final String apn,
      final int livingArea,
      final String lotSize,
      final int yearBuilt,
      final int bedrooms,
      final String bathrooms,
      final String latitude,
      final String longitude) {
    return String.join(
        ",",
        apn,
        "123 N Main St",
        "Ames",
        "IA",
        "50010",
        "2020-01-02",
        "200000",
        "WD",
        Integer.toString(livingArea),
        lotSize,
        Integer.toString(yearBuilt),
        Integer.toString(bedrooms),
        bathrooms,
        "RES",
        latitude,
        longitude);
  }

  @Test
  void shouldAcceptAListingWithEveryValueExactlyAtItsBounds() {
    final ObjectNode json = listing("L1");
    json.put("ListPrice", 1_000);
    json.put("OriginalListPrice", 1_000_000_000);
    json.put("LivingArea", 50);
    json.put("LotSizeSquareFeet", 435_600_000L);
    json.put("YearBuilt", 1600);
    json.put("BedroomsTotal", 100);
    json.put("BathroomsTotalInteger", 0);
    json.put("Latitude", 90);
    json.put("Longitude", -180);
    json.put("BathroomsFull", 100);
    json.put("BathroomsHalf", 0);
    json.put("YearBuiltEffective", 2026);
    json.put("BelowGradeFinishedArea", 0);
    json.put("BelowGradeUnfinishedArea", 100_000);
    json.put("FireplacesTotal", 100);
    json.put("RoomsTotal", 0);
    json.put("OverallCondition", 10);
    ingest.reso("L1", json);
    final ObjectNode other = listing("L2");
    other.put("UnparsedAddress", "77 Elm Avenue");
    other.put("YearBuiltEffective", 1600);
    other.put("OverallCondition", 1);
    ingest.reso("L2", other);

    assertThat(ingest.deadLetters.isEmpty()).isTrue();
    assertThat(ingest.stored("50010-77-elm-ave").getCharacteristics().getOverallCondition())
        .isEqualTo(1);
    final Property p = ingest.stored(MAIN_ST);
    assertThat(p.getCharacteristics().getBelowGradeUnfinishedAreaSqft()).isEqualTo(100_000);
    assertThat(p.getCharacteristics().getOverallCondition()).isEqualTo(10);
    assertThat(p.getListing().getListPriceCents()).isEqualTo(100_000L);
    assertThat(p.getListing().getOriginalListPriceCents()).isEqualTo(100_000_000_000L);
    assertThat(p.getCharacteristics().getYearBuilt()).isEqualTo(1600);
    assertThat(p.getAddress().getLatitude()).isEqualTo(90.0);
  }

  @Test
  void shouldAcceptACountyLineWithEveryValueExactlyAtItsBounds() {
    ingest.county("c", county("A", 100_000, "1", 2026, 0, "100", "-90", "180"));
    ingest.county("d", countyLine("B", "2020-01-02", "1000"));
    ingest.county("e", countyLine("C", "2020-01-03", "\"$1,000,000,000\""));

    assertThat(ingest.deadLetters.isEmpty()).isTrue();
    final Property p = ingest.stored(MAIN_ST);
    assertThat(p.getSales())
        .extracting(io.midcoast.schemas.Sale::getClosePriceCents)
        .contains(100_000L, 100_000_000_000L);
  }

  @Test
  void shouldConvertAcresAndSquareMetresToSquareFeetEndToEnd() {
    final ObjectNode acres = listing("L1");
    acres.remove("LotSizeSquareFeet");
    acres.put("LotSizeAcres", 0.25);
    acres.put("LivingArea", 100);
    acres.put("LivingAreaUnits", "Square Meters");
    ingest.reso("L1", acres);
    final ObjectNode area = listing("L2");
    area.put("UnparsedAddress", "77 Elm Avenue");
    area.remove("LotSizeSquareFeet");
    area.put("LotSizeArea", 1.5);
    area.put("LotSizeUnits", "Acres");
    ingest.reso("L2", area);

    final Property first = ingest.stored(MAIN_ST);
    assertThat(first.getCharacteristics().getLotSizeSqft()).isEqualTo(10_890L);
    assertThat(first.getCharacteristics().getLivingAreaSqft()).isEqualTo(1076);
    assertThat(ingest.stored("50010-77-elm-ave").getCharacteristics().getLotSizeSqft())
        .isEqualTo(65_340L);
  }

  @Test
  void shouldCarryTheExtendedFactsToPropertyStateAndKeepThemAcrossACountyRecord() {
    final ObjectNode json = closed("L1", 215_000, "2024-05-15", "2024-05-15T12:00:00Z");
    json.put("YearBuiltEffective", 2004);
    json.put("BelowGradeFinishedArea", 639);
    json.put("BelowGradeUnfinishedArea", 441);
    json.put("BathroomsFull", 2);
    json.put("BathroomsHalf", 0);
    json.put("FireplacesTotal", 2);
    json.put("RoomsTotal", 7);
    json.put("CoolingYN", true);
    json.put("ArchitecturalStyle", "One_Story");
    json.putArray("ConstructionMaterials").add("BrkFace");
    json.put("FoundationDetails", "CBlock");
    json.put("OverallCondition", 5);
    json.put("PoolPrivateYN", false);
    json.put("NewConstructionYN", "N");
    json.put("AttachedGarageYN", "Y");
    json.put("SpecialListingConditions", "RealEstateOwned");
    ingest.reso("L1", json);
    ingest.county("c", countyLine("APN-1", "2024-05-18", "215000"));

    final Property p = ingest.properties.readKeyValuesToMap().get(MAIN_ST);
    assertThat(p.getSources()).hasSize(2);
    final var c = p.getCharacteristics();
    assertThat(c.getYearBuiltEffective()).isEqualTo(2004);
    assertThat(c.getBelowGradeFinishedAreaSqft()).isEqualTo(639);
    assertThat(c.getBelowGradeUnfinishedAreaSqft()).isEqualTo(441);
    assertThat(c.getBathroomsFull()).isEqualTo(2);
    assertThat(c.getBathroomsHalf()).isZero();
    assertThat(c.getFireplacesTotal()).isEqualTo(2);
    assertThat(c.getRoomsTotal()).isEqualTo(7);
    assertThat(c.getCoolingYN()).isTrue();
    assertThat(c.getArchitecturalStyle()).isEqualTo("One_Story");
    assertThat(c.getConstructionMaterials()).isEqualTo("BrkFace");
    assertThat(c.getFoundationDetails()).isEqualTo("CBlock");
    assertThat(c.getOverallCondition()).isEqualTo(5);
    assertThat(c.getPoolPrivateYN()).isFalse();
    assertThat(c.getNewConstructionYN()).isFalse();
    assertThat(c.getAttachedGarageYN()).isTrue();
    assertThat(p.getListing().getSpecialListingConditions()).isEqualTo("RealEstateOwned");
  }

  @Test
  void shouldZeroPadAZipThatLostItsLeadingZerosEndToEnd() {
    final ObjectNode mls = listing("L1");
    mls.put("PostalCode", "2134");
    mls.put("UnparsedAddress", "10 Harvard Ave");
    ingest.reso("L1", mls);
    ingest.county("c", "APN-1,10 Harvard Avenue,Allston,MA,2134,2020-01-02,500000,WD,,,,,,,,");

    final Map<String, Property> latest = ingest.properties.readKeyValuesToMap();
    assertThat(latest).containsOnlyKeys("02134-10-harvard-ave");
    assertThat(latest.get("02134-10-harvard-ave").getAddress().getPostalCode()).isEqualTo("02134");
    assertThat(latest.get("02134-10-harvard-ave").getSources()).hasSize(2);
  }

  private static Arguments rule(
      final String name, final Consumer<ObjectNode> breakIt, final RejectReason reason) {
    return Arguments.of(name, breakIt, reason);
  }

  private static String text(final ByteBuffer buffer) {
    final ByteBuffer copy = buffer.duplicate();
    final byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
