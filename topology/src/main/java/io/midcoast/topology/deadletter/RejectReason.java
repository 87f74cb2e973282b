package io.midcoast.topology.deadletter;

/**
 * Why a feed record was written to {@code ingest.dlq} instead of the property store: the {@code
 * reason} of a {@link io.midcoast.schemas.DeadLetter}. Codes are a public contract (dashboards and
 * replay tools match on them): add codes, never rename one. docs/ingest.md lists them too.
 *
 * <p>Rules run in stage order (collect, process, validate) and, inside the validate stage, in the
 * order of this enum; the first failing rule names the reason.
 */
public enum RejectReason {
  /** collect: the message has no value (null or empty bytes). */
  EMPTY_RECORD("collect", "the message value is null or empty"),
  /** collect: the RESO value is not a JSON object or an OData page of JSON objects. */
  MALFORMED_JSON(
      "collect", "the value is not valid JSON, or not an object / {\"value\":[objects]}"),
  /**
   * collect: a single RESO object or county line is larger than 256 KiB (an OData page may be
   * larger; each of its elements is bounded by {@link #FIELD_TOO_LONG}).
   */
  INPUT_TOO_LARGE("collect", "a single record is larger than 256 KiB"),
  /** collect: the county value is not one CSV line of exactly 16 columns. */
  MALFORMED_CSV("collect", "the value is not one CSV line of the 16 county columns"),
  /** process: a field has the wrong JSON type or does not parse as its type (number, integer). */
  WRONG_FIELD_TYPE("process", "a field has the wrong type or does not parse as a number"),
  /** process: a date or timestamp field is not an ISO date (county: also M/D/YYYY). */
  INVALID_DATE("process", "a date or timestamp does not parse"),
  /** process: LivingAreaUnits or LotSizeUnits names a unit that cannot be converted to sqft. */
  UNKNOWN_UNIT("process", "an area unit cannot be converted to square feet"),
  /** process: neither a street address with a postal code nor coordinates. */
  NO_LOCATION("process", "no street address with postal code and no coordinates"),
  /** validate: a required field is absent or blank. */
  MISSING_REQUIRED_FIELD(
      "validate",
      "RESO needs ListingKey, StandardStatus, ModificationTimestamp; county needs apn, sale_date,"
          + " sale_price"),
  /** validate: StandardStatus is not a RESO StandardStatus value. */
  UNKNOWN_STATUS("validate", "StandardStatus is not a known RESO status"),
  /** validate: a price is outside 1,000 USD .. 1,000,000,000 USD (negative included). */
  PRICE_OUT_OF_RANGE("validate", "a price is outside 1,000 .. 1,000,000,000 USD"),
  /** validate: living area outside 50 .. 100,000 sqft. */
  LIVING_AREA_OUT_OF_RANGE("validate", "living area is outside 50 .. 100,000 sqft"),
  /** validate: lot size outside 1 .. 435,600,000 sqft (10,000 acres). */
  LOT_SIZE_OUT_OF_RANGE("validate", "lot size is outside 1 .. 435,600,000 sqft"),
  /** validate: bedrooms outside 0 .. 100. */
  BEDROOMS_OUT_OF_RANGE("validate", "bedrooms are outside 0 .. 100"),
  /**
   * validate: bathrooms (BathroomsTotalInteger, BathroomsFull or BathroomsHalf) outside 0 .. 100.
   */
  BATHROOMS_OUT_OF_RANGE("validate", "bathrooms (total, full or half) are outside 0 .. 100"),
  /** validate: year built outside 1600 .. (year of the record's Kafka timestamp + 2). */
  YEAR_BUILT_OUT_OF_RANGE("validate", "year built is outside 1600 .. record year + 2"),
  /** validate: YearBuiltEffective outside 1600 .. (year of the record's Kafka timestamp + 2). */
  YEAR_BUILT_EFFECTIVE_OUT_OF_RANGE(
      "validate", "effective year built is outside 1600 .. record year + 2"),
  /** validate: BelowGradeFinishedArea or BelowGradeUnfinishedArea outside 0 .. 100,000 sqft. */
  BELOW_GRADE_AREA_OUT_OF_RANGE("validate", "a below-grade area is outside 0 .. 100,000 sqft"),
  /** validate: FireplacesTotal outside 0 .. 100. */
  FIREPLACES_OUT_OF_RANGE("validate", "fireplaces are outside 0 .. 100"),
  /** validate: RoomsTotal outside 0 .. 100. */
  ROOMS_OUT_OF_RANGE("validate", "rooms total is outside 0 .. 100"),
  /** validate: the local field OverallCondition outside 1 .. 10. */
  CONDITION_OUT_OF_RANGE("validate", "overall condition is outside 1 .. 10"),
  /** validate: a ClosePrice on a listing whose StandardStatus is not Closed. */
  CLOSE_PRICE_NOT_CLOSED("validate", "ClosePrice is only allowed when StandardStatus is Closed"),
  /**
   * validate: CloseDate, ListingContractDate, ModificationTimestamp or sale_date lies more than one
   * day after the record's Kafka timestamp.
   */
  DATE_IN_FUTURE("validate", "a date is more than 1 day after the record's Kafka timestamp"),
  /** validate: latitude outside -90 .. 90. */
  LATITUDE_OUT_OF_RANGE("validate", "latitude is outside -90 .. 90"),
  /** validate: longitude outside -180 .. 180. */
  LONGITUDE_OUT_OF_RANGE("validate", "longitude is outside -180 .. 180"),
  /** validate: a text field the record keeps is longer than 1,024 characters. */
  FIELD_TOO_LONG("validate", "a text field is longer than 1,024 characters"),
  /**
   * validate: a text field the record keeps holds a control character other than tab, line feed or
   * carriage return (U+0000..U+001F, U+007F); Postgres text cannot hold U+0000.
   */
  CONTROL_CHARACTER("validate", "a text field holds a control character (U+0000..U+001F, U+007F)"),
  /**
   * validate: a date or timestamp the record keeps lies before 1600-01-01 or after 9999-12-31 (ISO
   * dates parse with any signed year; Postgres dates start in 4713 BC).
   */
  DATE_OUT_OF_RANGE("validate", "a date is before 1600-01-01 or after 9999-12-31"),
  /**
   * store: the property already keeps {@code midcoast.ingest.max.sources.per.property} source
   * records (default 256) and this record is a new one; the dead letter names the source record's
   * topic, partition and offset (its bytes stay in the feed topic).
   */
  PROPERTY_TOO_MANY_SOURCES(
      "store", "the property already keeps the most source records allowed; this is a new one"),
  /**
   * store: with this record the property's source records would exceed {@code
   * midcoast.ingest.max.property.bytes} serialized (default 512 KiB); the dead letter names the
   * source record's topic, partition and offset.
   */
  PROPERTY_TOO_LARGE("store", "the property's source records would exceed the size allowed"),
  /** any stage: a Kafka record could not be deserialized (deserialization exception handler). */
  DESERIALIZATION_ERROR("any", "a record could not be deserialized"),
  /** any stage: an unexpected exception while processing (a defect; the record is kept). */
  PROCESSING_ERROR("any", "an unexpected exception while processing the record"),
  /**
   * any stage: an output record (e.g. to {@code property.state}) was refused by the broker as too
   * large (production exception handler); the dead letter holds the source record.
   */
  RECORD_TOO_LARGE("any", "an output record was too large for the broker"),
  /**
   * any stage: an output record could not be serialized (production exception handler); the dead
   * letter holds the source record.
   */
  SERIALIZATION_ERROR("any", "an output record could not be serialized");

  private final String stage;
  private final String description;

  RejectReason(final String stage, final String description) {
    this.stage = stage;
    this.description = description;
  }

  /** The stage that applies the rule: collect, process, validate, or any. */
  public String stage() {
    return stage;
  }

  /** What the rule rejects, in one sentence. */
  public String description() {
    return description;
  }
}
