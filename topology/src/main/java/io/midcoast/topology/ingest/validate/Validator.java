package io.midcoast.topology.ingest.validate;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.PropertyIdKind;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.Sale;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.SourceRef;
import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.process.NormalizedRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Validates a cleaned record and builds its observation. Rules run in this order; the first failure
 * is the reason:
 *
 * <ol>
 *   <li>{@code MISSING_REQUIRED_FIELD}: RESO ListingKey, StandardStatus, ModificationTimestamp;
 *       county apn, sale_date, sale_price.
 *   <li>{@code UNKNOWN_STATUS}: StandardStatus that is no RESO status.
 *   <li>{@code PRICE_OUT_OF_RANGE}: ListPrice, OriginalListPrice, ClosePrice, sale_price outside
 *       1,000 .. 1,000,000,000 USD.
 *   <li>{@code LIVING_AREA_OUT_OF_RANGE} 50 .. 100,000 sqft; {@code LOT_SIZE_OUT_OF_RANGE} 1 ..
 *       435,600,000 sqft; {@code BEDROOMS_OUT_OF_RANGE} and {@code BATHROOMS_OUT_OF_RANGE} (total,
 *       full, half) 0 .. 100; {@code YEAR_BUILT_OUT_OF_RANGE} and {@code
 *       YEAR_BUILT_EFFECTIVE_OUT_OF_RANGE} 1600 .. year of the Kafka timestamp + 2; {@code
 *       BELOW_GRADE_AREA_OUT_OF_RANGE} (finished, unfinished) 0 .. 100,000 sqft; {@code
 *       FIREPLACES_OUT_OF_RANGE} and {@code ROOMS_OUT_OF_RANGE} 0 .. 100; {@code
 *       CONDITION_OUT_OF_RANGE} 1 .. 10.
 *   <li>{@code CLOSE_PRICE_NOT_CLOSED}: ClosePrice on a listing that is not Closed.
 *   <li>{@code DATE_IN_FUTURE}: CloseDate, ListingContractDate, ModificationTimestamp, sale_date
 *       after the record's Kafka timestamp + 1 day (dates count from their start, UTC).
 *   <li>{@code LATITUDE_OUT_OF_RANGE} -90 .. 90; {@code LONGITUDE_OUT_OF_RANGE} -180 .. 180.
 * </ol>
 *
 * The rule on the Kafka timestamp, not the wall clock, keeps validation deterministic on replay.
 *
 * <p>A RESO Delete is checked for the required fields only (ListingKey, StandardStatus,
 * ModificationTimestamp) and for a ModificationTimestamp in the future (its version must be sound,
 * or it would shadow every later version); every other field is ignored. Its propertyId is left
 * empty: the resolve stage takes it from the last accepted version of the listing.
 */
public final class Validator {

  /** Lowest plausible price: 1,000 USD. */
  public static final long MIN_PRICE_CENTS = 1_000_00L;

  /** Highest plausible price: 1,000,000,000 USD. */
  public static final long MAX_PRICE_CENTS = 1_000_000_000_00L;

  static final int MIN_LIVING_AREA = 50;
  static final int MAX_LIVING_AREA = 100_000;
  static final long MIN_LOT_SIZE = 1;
  static final long MAX_LOT_SIZE = 435_600_000L;
  static final int MAX_ROOMS = 100;
  static final int MIN_YEAR_BUILT = 1600;
  static final int MAX_BELOW_GRADE_AREA = 100_000;
  static final int MIN_CONDITION = 1;
  static final int MAX_CONDITION = 10;
  static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

  /** The propertyId of a Delete before the resolve stage gives it the listing's property. */
  public static final String UNRESOLVED = "";

  private Validator() {}

  /**
   * Validates and builds the observation.
   *
   * @param record the cleaned record
   * @param source its provenance (topic, partition, offset, Kafka timestamp)
   * @throws Rejection when a rule fails
   */
  public static PropertyObservation validate(
      final NormalizedRecord record, final Provenance source) {
    final boolean reso = record.feed() == SourceFeed.RESO;
    final Instant kafkaTime = Instant.ofEpochMilli(source.timestamp());
    final Instant latest = kafkaTime.plus(FUTURE_TOLERANCE);
    if (reso && record.status() == ListingStatus.DELETE) {
      required(record.listingKey(), "ListingKey");
      required(record.modificationTimestamp(), "ModificationTimestamp");
      notFuture(record.modificationTimestamp(), latest);
      return deleteObservation(record, source);
    }
    if (reso) {
      required(record.listingKey(), "ListingKey");
      required(record.rawStatus(), "StandardStatus");
      required(record.modificationTimestamp(), "ModificationTimestamp");
      if (record.status() == null) {
        throw new Rejection(
            RejectReason.UNKNOWN_STATUS,
            "StandardStatus='" + record.rawStatus() + "' is not a RESO status");
      }
    } else {
      required(record.apn(), "apn");
      required(record.saleDate(), "sale_date");
      required(record.salePriceCents(), "sale_price");
    }
    price(record.listPriceCents(), "ListPrice");
    price(record.originalListPriceCents(), "OriginalListPrice");
    price(record.closePriceCents(), "ClosePrice");
    price(record.salePriceCents(), "sale_price");
    final Characteristics c = record.characteristics();
    range(
        c.getLivingAreaSqft(),
        MIN_LIVING_AREA,
        MAX_LIVING_AREA,
        RejectReason.LIVING_AREA_OUT_OF_RANGE,
        "living area");
    range(
        c.getLotSizeSqft(),
        MIN_LOT_SIZE,
        MAX_LOT_SIZE,
        RejectReason.LOT_SIZE_OUT_OF_RANGE,
        "lot size");
    range(c.getBedrooms(), 0, MAX_ROOMS, RejectReason.BEDROOMS_OUT_OF_RANGE, "bedrooms");
    range(c.getBathrooms(), 0, MAX_ROOMS, RejectReason.BATHROOMS_OUT_OF_RANGE, "bathrooms");
    range(c.getBathroomsFull(), 0, MAX_ROOMS, RejectReason.BATHROOMS_OUT_OF_RANGE, "BathroomsFull");
    range(c.getBathroomsHalf(), 0, MAX_ROOMS, RejectReason.BATHROOMS_OUT_OF_RANGE, "BathroomsHalf");
    final int maxYear = kafkaTime.atOffset(ZoneOffset.UTC).getYear() + 2;
    range(
        c.getYearBuilt(),
        MIN_YEAR_BUILT,
        maxYear,
        RejectReason.YEAR_BUILT_OUT_OF_RANGE,
        "year built");
    range(
        c.getYearBuiltEffective(),
        MIN_YEAR_BUILT,
        maxYear,
        RejectReason.YEAR_BUILT_EFFECTIVE_OUT_OF_RANGE,
        "YearBuiltEffective");
    range(
        c.getBelowGradeFinishedAreaSqft(),
        0,
        MAX_BELOW_GRADE_AREA,
        RejectReason.BELOW_GRADE_AREA_OUT_OF_RANGE,
        "BelowGradeFinishedArea");
    range(
        c.getBelowGradeUnfinishedAreaSqft(),
        0,
        MAX_BELOW_GRADE_AREA,
        RejectReason.BELOW_GRADE_AREA_OUT_OF_RANGE,
        "BelowGradeUnfinishedArea");
    range(
        c.getFireplacesTotal(),
        0,
        MAX_ROOMS,
        RejectReason.FIREPLACES_OUT_OF_RANGE,
        "FireplacesTotal");
    range(c.getRoomsTotal(), 0, MAX_ROOMS, RejectReason.ROOMS_OUT_OF_RANGE, "RoomsTotal");
    range(
        c.getOverallCondition(),
        MIN_CONDITION,
        MAX_CONDITION,
        RejectReason.CONDITION_OUT_OF_RANGE,
        "OverallCondition");
    if (record.closePriceCents() != null && record.status() != ListingStatus.CLOSED) {
      throw new Rejection(
          RejectReason.CLOSE_PRICE_NOT_CLOSED,
          "ClosePrice on a listing with StandardStatus '" + record.rawStatus() + "'");
    }
    notFuture(record.closeDate(), "CloseDate", latest);
    notFuture(record.listingContractDate(), "ListingContractDate", latest);
    notFuture(record.saleDate(), "sale_date", latest);
    notFuture(record.modificationTimestamp(), latest);
    final Address a = record.address();
    range(a.getLatitude(), -90, 90, RejectReason.LATITUDE_OUT_OF_RANGE, "latitude");
    range(a.getLongitude(), -180, 180, RejectReason.LONGITUDE_OUT_OF_RANGE, "longitude");
    return reso ? resoObservation(record, source) : countyObservation(record, source);
  }

  private static PropertyObservation resoObservation(
      final NormalizedRecord r, final Provenance source) {
    final String sourceKey = "reso:" + r.listingKey();
    final Listing listing =
        Listing.newBuilder()
            .setListingKey(r.listingKey())
            .setStandardStatus(r.status())
            .setRawStatus(r.rawStatus())
            .setListPriceCents(r.listPriceCents())
            .setOriginalListPriceCents(r.originalListPriceCents())
            .setClosePriceCents(r.closePriceCents())
            .setCloseDate(r.closeDate())
            .setListingContractDate(r.listingContractDate())
            .setOnMarketDate(r.onMarketDate())
            .setListAgentKey(r.listAgentKey())
            .setModificationTimestamp(r.modificationTimestamp())
            .setSpecialListingConditions(r.specialListingConditions())
            .build();
    final Sale sale =
        r.status() == ListingStatus.CLOSED && r.closePriceCents() != null && r.closeDate() != null
            ? Sale.newBuilder()
                .setSource(SourceFeed.RESO)
                .setSourceKey(sourceKey)
                .setCloseDate(r.closeDate())
                .setClosePriceCents(r.closePriceCents())
                .build()
            : null;
    return observation(r, source, sourceKey, r.modificationTimestamp())
        .setListing(listing)
        .setSale(sale)
        .setDeleted(r.status() == ListingStatus.DELETE)
        .build();
  }

  /** A Delete: the listing key, status and version only; propertyId resolved later. */
  private static PropertyObservation deleteObservation(
      final NormalizedRecord r, final Provenance source) {
    final Listing listing =
        Listing.newBuilder()
            .setListingKey(r.listingKey())
            .setStandardStatus(ListingStatus.DELETE)
            .setRawStatus(r.rawStatus())
            .setModificationTimestamp(r.modificationTimestamp())
            .build();
    return observation(r, source, "reso:" + r.listingKey(), r.modificationTimestamp())
        .setPropertyId(UNRESOLVED)
        .setIdKind(PropertyIdKind.UNKNOWN)
        .setListing(listing)
        .setDeleted(true)
        .build();
  }

  private static PropertyObservation countyObservation(
      final NormalizedRecord r, final Provenance source) {
    final String sourceKey = "county:" + r.apn() + ":" + r.saleDate();
    final Sale sale =
        Sale.newBuilder()
            .setSource(SourceFeed.COUNTY)
            .setSourceKey(sourceKey)
            .setCloseDate(r.saleDate())
            .setClosePriceCents(r.salePriceCents())
            .setDocumentType(r.documentType())
            .build();
    return observation(r, source, sourceKey, r.saleDate().atStartOfDay().toInstant(ZoneOffset.UTC))
        .setSale(sale)
        .build();
  }

  private static PropertyObservation.Builder observation(
      final NormalizedRecord r,
      final Provenance source,
      final String sourceKey,
      final Instant version) {
    final PropertyObservation.Builder builder = PropertyObservation.newBuilder();
    if (r.propertyId() != null) {
      builder.setPropertyId(r.propertyId().id()).setIdKind(r.propertyId().kind());
    }
    return builder
        .setRecordTimestamp(Instant.ofEpochMilli(Math.max(0, source.timestamp())))
        .setSource(
            SourceRef.newBuilder()
                .setFeed(r.feed())
                .setSourceKey(sourceKey)
                .setTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setVersion(version)
                .build())
        .setAddress(r.address())
        .setCharacteristics(r.characteristics());
  }

  private static void required(final Object value, final String field) {
    if (value == null) {
      throw new Rejection(RejectReason.MISSING_REQUIRED_FIELD, field + " is missing");
    }
  }

  private static void price(final Long cents, final String field) {
    if (cents != null && (cents < MIN_PRICE_CENTS || cents > MAX_PRICE_CENTS)) {
      throw new Rejection(
          RejectReason.PRICE_OUT_OF_RANGE,
          field + "=" + BigDecimal.valueOf(cents, 2) + " USD is outside 1000..1000000000");
    }
  }

  private static void range(
      final Number value,
      final double min,
      final double max,
      final RejectReason reason,
      final String field) {
    if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
      throw new Rejection(
          reason, field + "=" + value + " is outside " + fmt(min) + ".." + fmt(max));
    }
  }

  private static String fmt(final double bound) {
    return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
  }

  private static void notFuture(final Instant timestamp, final Instant latest) {
    if (timestamp != null && timestamp.isAfter(latest)) {
      throw new Rejection(
          RejectReason.DATE_IN_FUTURE,
          "ModificationTimestamp=" + timestamp + " is after " + latest);
    }
  }

  private static void notFuture(final LocalDate date, final String field, final Instant latest) {
    if (date != null && date.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(latest)) {
      throw new Rejection(RejectReason.DATE_IN_FUTURE, field + "=" + date + " is after " + latest);
    }
  }
}
