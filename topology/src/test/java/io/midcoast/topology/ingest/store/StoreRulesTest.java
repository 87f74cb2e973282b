package io.midcoast.topology.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.config.IngestLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreRulesTest {

  private static final int MAX_SOURCES = IngestLimits.DEFAULT.maxSourcesPerProperty();

  private static PropertyObservation reso(
      final String key, final String modified, final Integer beds, final long offset) {
    final Instant version = Instant.parse(modified);
    return PropertyObservation.newBuilder()
        .setPropertyId("p")
        .setIdKind(PropertyIdKind.ADDRESS)
        .setSource(new SourceRef(SourceFeed.RESO, "reso:" + key, "t", 0, offset, version))
        .setAddress(Address.newBuilder().setCity("AMES").build())
        .setCharacteristics(Characteristics.newBuilder().setBedrooms(beds).build())
        .setListing(
            Listing.newBuilder()
                .setListingKey(key)
                .setStandardStatus(ListingStatus.ACTIVE)
                .setModificationTimestamp(version)
                .build())
        .build();
  }

  private static PropertyObservation county(
      final String apn, final String date, final Integer beds, final Integer year) {
    final LocalDate day = LocalDate.parse(date);
    final String key = "county:" + apn + ":" + date;
    return PropertyObservation.newBuilder()
        .setPropertyId("p")
        .setIdKind(PropertyIdKind.ADDRESS)
        .setSource(
            new SourceRef(
                SourceFeed.COUNTY,
                key,
                "c",
                0,
                0L,
                day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)))
        .setAddress(Address.newBuilder().setPostalCode("50010").build())
        .setCharacteristics(
            Characteristics.newBuilder().setBedrooms(beds).setYearBuilt(year).build())
        .setSale(new Sale(SourceFeed.COUNTY, key, day, 10_000_000L, "WD", null, null))
        .build();
  }

  private static PropertyAggregate apply(
      final PropertyAggregate current, final PropertyObservation observation) {
    return AggregateRules.apply(current, observation, MAX_SOURCES).aggregate();
  }

  private static PropertyObservation at(final PropertyObservation o, final long recordTimestamp) {
    return PropertyObservation.newBuilder(o)
        .setRecordTimestamp(Instant.ofEpochMilli(recordTimestamp))
        .build();
  }

  @Test
  void shouldTreatTheSameContentFromALaterOffsetAsADuplicate() {
    final PropertyAggregate agg = apply(null, reso("L", "2024-01-01T00:00:00Z", 3, 1));
    final AggregateRules.Outcome outcome =
        AggregateRules.apply(agg, reso("L", "2024-01-01T00:00:00Z", 3, 99), MAX_SOURCES);
    assertThat(outcome.changed()).isFalse();
    assertThat(outcome.dropReason()).isEqualTo("DUPLICATE");
  }

  @Test
  void shouldKeepTheFirstAcceptedCopyOfEqualContent() {
    final PropertyObservation late = reso("L", "2024-01-01T00:00:00Z", 3, 99);
    final PropertyObservation early = reso("L", "2024-01-01T00:00:00Z", 3, 1);
    assertThat(VersionOrder.sameContent(late, early)).isTrue();
    assertThat(VersionOrder.compare(early, late)).isZero();
    assertThat(AggregateRules.apply(apply(null, late), early, MAX_SOURCES).changed()).isFalse();
    assertThat(AggregateRules.apply(apply(null, early), late, MAX_SOURCES).changed()).isFalse();
  }

  @Test
  void shouldTreatACopyPublishedLaterAsTheSameContent() {
    final PropertyObservation first = reso("L", "2024-01-01T00:00:00Z", 3, 1);
    final PropertyObservation republished =
        PropertyObservation.newBuilder(reso("L", "2024-01-01T00:00:00Z", 3, 50))
            .setRecordTimestamp(first.getRecordTimestamp().plusSeconds(3600))
            .build();
    assertThat(VersionOrder.sameContent(first, republished)).isTrue();
    assertThat(VersionOrder.contentFingerprint(first))
        .isEqualTo(VersionOrder.contentFingerprint(republished));
  }

  @Test
  void shouldLetTheLaterPublishedRecordWinAtEqualVersion() {
    // a county correction: same apn and sale date (version), another price, published later
    final PropertyObservation original = at(county("A", "2020-01-01", 3, 1990), 1_000);
    final PropertyObservation correction = at(county("A", "2020-01-01", 4, 1990), 2_000);
    assertThat(VersionOrder.compare(correction, original)).isPositive();
    assertThat(VersionOrder.compare(original, correction)).isNegative();
    assertThat(apply(apply(null, original), correction).getObservations())
        .containsExactly(correction);
    final AggregateRules.Outcome late =
        AggregateRules.apply(apply(null, correction), original, MAX_SOURCES);
    assertThat(late.changed()).isFalse();
    assertThat(late.dropReason()).isEqualTo("STALE_VERSION");
  }

  @Test
  void shouldPreferTheVersionOverTheRecordTimestamp() {
    final PropertyObservation newer = at(reso("L", "2024-01-02T00:00:00Z", 3, 1), 1_000);
    final PropertyObservation olderPublishedLater =
        at(reso("L", "2024-01-01T00:00:00Z", 4, 2), 9_000);
    assertThat(VersionOrder.compare(newer, olderPublishedLater)).isPositive();
  }

  @Test
  void shouldBreakAFullTieOnContentWhateverTheOrder() {
    // same version, same record timestamp, different content: only the content can decide
    final PropertyObservation a = reso("L", "2024-01-01T00:00:00Z", 3, 1);
    final PropertyObservation b = reso("L", "2024-01-01T00:00:00Z", 4, 2);
    final int ab = VersionOrder.compare(a, b);
    assertThat(ab).isNotZero();
    assertThat(Integer.signum(VersionOrder.compare(b, a))).isEqualTo(-Integer.signum(ab));
    final PropertyObservation winner = ab > 0 ? a : b;
    final PropertyAggregate first = apply(apply(null, a), b);
    final PropertyAggregate second = apply(apply(null, b), a);
    assertThat(first == null ? List.of(a) : first.getObservations()).containsExactly(winner);
    assertThat(second == null ? List.of(b) : second.getObservations()).containsExactly(winner);
  }

  @Test
  void shouldLetADeleteWinAtEqualVersion() {
    final PropertyObservation live = reso("L", "2024-01-01T00:00:00Z", 3, 1);
    final PropertyObservation deleted =
        PropertyObservation.newBuilder(live).setDeleted(true).build();
    assertThat(VersionOrder.compare(deleted, live)).isPositive();
  }

  @Test
  void shouldOrderAnyPermutationToTheSameWinner() {
    final List<PropertyObservation> versions =
        new ArrayList<>(
            List.of(
                at(reso("L", "2024-01-01T00:00:00Z", 3, 5), 10),
                at(reso("L", "2024-01-01T00:00:00Z", 3, 2), 10),
                at(reso("L", "2024-01-01T00:00:00Z", 4, 3), 10),
                at(reso("L", "2024-01-01T00:00:00Z", 5, 4), 5),
                PropertyObservation.newBuilder(at(reso("L", "2023-12-01T00:00:00Z", 3, 1), 20))
                    .setDeleted(true)
                    .build()));
    PropertyAggregate expected = null;
    for (final PropertyObservation o : versions) {
      expected =
          AggregateRules.apply(expected, o, MAX_SOURCES).changed() ? apply(expected, o) : expected;
    }
    final Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      Collections.shuffle(versions, random);
      PropertyAggregate agg = null;
      for (final PropertyObservation o : versions) {
        final AggregateRules.Outcome outcome = AggregateRules.apply(agg, o, MAX_SOURCES);
        agg = outcome.changed() ? outcome.aggregate() : agg;
      }
      // the same winning content; only the lineage (Kafka position) of exact copies may depend on
      // arrival order (docs/ingest.md), and which content wins at a full tie depends on the schema
      // version (the content fingerprint covers the Avro bytes)
      assertThat(agg.getObservations()).hasSize(1);
      assertThat(VersionOrder.sameContent(agg.getObservations().get(0), winner(expected)))
          .as("permutation %d", i)
          .isTrue();
      assertThat(agg.getObservations().get(0).getRecordTimestamp())
          .isEqualTo(winner(expected).getRecordTimestamp());
    }
  }

  private static PropertyObservation winner(final PropertyAggregate aggregate) {
    assertThat(aggregate.getObservations()).hasSize(1);
    return aggregate.getObservations().get(0);
  }

  @Test
  void shouldCoalescePreferringTheNewestListingThenNewestCountyRecord() {
    final Property p =
        PropertyMerger.merge(
            "p",
            List.of(
                county("A", "2015-01-01", 9, 1990),
                county("A", "2020-01-01", 5, null),
                reso("OLD", "2023-01-01T00:00:00Z", 2, 0),
                reso("NEW", "2024-01-01T00:00:00Z", null, 0)));
    assertThat(p.getCharacteristics().getBedrooms()).isEqualTo(2);
    assertThat(p.getCharacteristics().getYearBuilt()).isEqualTo(1990);
    assertThat(p.getAddress().getCity()).isEqualTo("AMES");
    assertThat(p.getAddress().getPostalCode()).isEqualTo("50010");
    assertThat(p.getListing().getListingKey()).isEqualTo("NEW");
    assertThat(p.getSales())
        .extracting(Sale::getCloseDate)
        .containsExactly(LocalDate.parse("2015-01-01"), LocalDate.parse("2020-01-01"));
    assertThat(p.getLastSale().getCloseDate()).isEqualTo(LocalDate.parse("2020-01-01"));
    assertThat(p.getSources())
        .extracting(SourceRef::getSourceKey)
        .containsExactly("reso:NEW", "reso:OLD", "county:A:2015-01-01", "county:A:2020-01-01");
    assertThat(p.getUpdatedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void shouldCoalesceTheExtendedFactsLikeTheOthersAndTakeListingConditionsFromTheNewestListing() {
    final PropertyObservation older = reso("OLD", "2023-01-01T00:00:00Z", 3, 0);
    older.getCharacteristics().setYearBuiltEffective(1995);
    older.getCharacteristics().setBathroomsFull(1);
    older.getCharacteristics().setCoolingYN(false);
    older.getCharacteristics().setConstructionMaterials("Brick");
    older.getCharacteristics().setOverallCondition(4);
    older.getListing().setSpecialListingConditions("ShortSale");
    final PropertyObservation newer = reso("NEW", "2024-01-01T00:00:00Z", null, 0);
    newer.getCharacteristics().setBathroomsFull(2);
    newer.getCharacteristics().setCoolingYN(true);
    newer.getCharacteristics().setPoolPrivateYN(false);
    final PropertyObservation deed = county("A", "2020-01-01", 9, 1990);
    deed.getCharacteristics().setFireplacesTotal(1);

    final Property p = PropertyMerger.merge("p", List.of(deed, older, newer));

    final Characteristics c = p.getCharacteristics();
    assertThat(c.getBathroomsFull()).isEqualTo(2);
    assertThat(c.getCoolingYN()).isTrue();
    assertThat(c.getPoolPrivateYN()).isFalse();
    assertThat(c.getYearBuiltEffective()).isEqualTo(1995);
    assertThat(c.getConstructionMaterials()).isEqualTo("Brick");
    assertThat(c.getOverallCondition()).isEqualTo(4);
    assertThat(c.getFireplacesTotal()).isEqualTo(1);
    assertThat(c.getAttachedGarageYN()).isNull();
    assertThat(p.getListing().getListingKey()).isEqualTo("NEW");
    assertThat(p.getListing().getSpecialListingConditions())
        .as("a listing condition belongs to its listing: never coalesced from an older one")
        .isNull();
  }

  @Test
  void shouldMergeTheSameWhateverTheOrderOfObservations() {
    final List<PropertyObservation> observations =
        new ArrayList<>(
            List.of(
                county("A", "2015-01-01", 9, 1990),
                county("B", "2015-01-01", 8, 1991),
                reso("X", "2023-01-01T00:00:00Z", 2, 0),
                reso("Y", "2023-01-01T00:00:00Z", 3, 0)));
    final Property expected = PropertyMerger.merge("p", observations);
    final Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(observations, random);
      assertThat(PropertyMerger.merge("p", observations)).isEqualTo(expected);
    }
  }

  /** A closed MLS listing and its sale. */
  private static PropertyObservation closed(
      final String key,
      final String onMarket,
      final String contract,
      final String closeDate,
      final long listCents,
      final long closeCents) {
    final PropertyObservation o = reso(key, closeDate + "T12:00:00Z", 3, 0);
    final Listing listing = o.getListing();
    listing.setStandardStatus(ListingStatus.CLOSED);
    listing.setOnMarketDate(onMarket == null ? null : LocalDate.parse(onMarket));
    listing.setListingContractDate(contract == null ? null : LocalDate.parse(contract));
    listing.setCloseDate(LocalDate.parse(closeDate));
    listing.setListPriceCents(listCents);
    listing.setClosePriceCents(closeCents);
    o.setSale(
        Sale.newBuilder()
            .setSource(SourceFeed.RESO)
            .setSourceKey("reso:" + key)
            .setCloseDate(LocalDate.parse(closeDate))
            .setClosePriceCents(closeCents)
            .build());
    return o;
  }

  @Test
  void shouldCarryTheListPriceAndStartOfItsOwnListingOnEveryMlsSaleAfterARelisting() {
    final PropertyObservation first =
        closed("OLD", "2020-03-01", "2020-02-20", "2020-05-10", 20_000_000L, 21_000_000L);
    final PropertyObservation second =
        closed("NEW", null, "2024-01-15", "2024-04-01", 30_000_000L, 29_000_000L);
    final PropertyObservation relisted = reso("NEWER", "2024-09-01T00:00:00Z", 3, 0);
    final PropertyObservation deed = county("A", "2024-04-03", 3, null);
    final List<PropertyObservation> observations =
        new ArrayList<>(List.of(first, second, relisted, deed));
    final Property expected = PropertyMerger.merge("p", observations);

    assertThat(expected.getListing().getListingKey()).isEqualTo("NEWER");
    assertThat(expected.getSales())
        .extracting(Sale::getSourceKey, Sale::getListPriceCents, Sale::getListingStartDate)
        .as("OnMarketDate, else ListingContractDate; the deed of the second sale is merged away")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "reso:OLD", 20_000_000L, LocalDate.parse("2020-03-01")),
            org.assertj.core.groups.Tuple.tuple(
                "reso:NEW", 30_000_000L, LocalDate.parse("2024-01-15")));
    assertThat(expected.getLastSale()).isEqualTo(expected.getSales().get(1));
    assertThat(first.getSale().getListPriceCents())
        .as("the stored observation is not modified")
        .isNull();
    final Random random = new Random(11);
    for (int i = 0; i < 10; i++) {
      Collections.shuffle(observations, random);
      assertThat(PropertyMerger.merge("p", observations)).isEqualTo(expected);
    }
  }

  @Test
  void shouldLeaveACountySaleWithoutListingFacts() {
    final Property p = PropertyMerger.merge("p", List.of(county("A", "2020-01-01", 3, null)));
    assertThat(p.getSales().get(0).getListPriceCents()).isNull();
    assertThat(p.getSales().get(0).getListingStartDate()).isNull();
  }

  @Test
  void shouldGiveNoPropertyWhenOnlyDeletedObservationsRemain() {
    final PropertyObservation deleted =
        PropertyObservation.newBuilder(reso("L", "2024-01-01T00:00:00Z", 3, 1))
            .setDeleted(true)
            .build();
    assertThat(PropertyMerger.merge("p", List.of(deleted))).isNull();
  }
}
