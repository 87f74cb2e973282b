package io.midcoast.topology.ingest.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.collect.ResoRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cleans one RESO Data Dictionary Property record. Numbers may be JSON numbers or numeric strings;
 * text fields may be strings or numbers; an object or array where a value belongs, or text that is
 * not a number, is {@code WRONG_FIELD_TYPE}. See docs/ingest.md for every field.
 *
 * <p>Besides the core fields it reads the extended physical facts: YearBuiltEffective,
 * BelowGradeFinishedArea/BelowGradeUnfinishedArea (in their {@code ...Units}, like LivingArea),
 * BathroomsFull, BathroomsHalf, FireplacesTotal, RoomsTotal, the Booleans CoolingYN, PoolPrivateYN,
 * NewConstructionYN, AttachedGarageYN, the String Lists ArchitecturalStyle, ConstructionMaterials,
 * FoundationDetails and (on the listing) SpecialListingConditions, and the local, non-RESO field
 * {@value #OVERALL_CONDITION}.
 *
 * <p>A record whose StandardStatus is {@code Delete} only needs ListingKey, StandardStatus and
 * ModificationTimestamp: every other field is ignored, and its propertyId is left to the resolve
 * stage (the property the listing was last seen at).
 */
public final class ResoMapper {

  /**
   * The overall condition rating 1 (very poor) .. 10 (very excellent). Not a RESO Data Dictionary
   * field: RESO {@code PropertyCondition} is a lookup (Fixer, Updated/Remodeled, ...) without a
   * rating, so feeds that have a rating send it under this local name.
   */
  public static final String OVERALL_CONDITION = "OverallCondition";

  private ResoMapper() {}

  /**
   * The cleaned record.
   *
   * @throws Rejection on a wrong field type, bad date, unknown unit or no location
   */
  public static NormalizedRecord map(final ResoRecord record) {
    final ObjectNode json = record.fields();
    final String rawStatus = text(json, "StandardStatus");
    final ListingStatus status = Values.status(rawStatus);
    if (status == ListingStatus.DELETE) {
      return delete(json, rawStatus);
    }
    final NormalizedStreet street = street(json);
    final String postal = Values.postalCode(text(json, "PostalCode"));
    final BigDecimal latitudeDecimal = decimal(json, "Latitude");
    final BigDecimal longitudeDecimal = decimal(json, "Longitude");
    final Double latitude = latitudeDecimal == null ? null : latitudeDecimal.doubleValue();
    final Double longitude = longitudeDecimal == null ? null : longitudeDecimal.doubleValue();
    final Long lotSize = lotSizeSqft(json);
    final Address address =
        Address.newBuilder()
            .setStreetNumber(street.number())
            .setStreetName(street.street())
            .setUnitNumber(street.unit())
            .setLine(street.line())
            .setCity(upper(text(json, "City")))
            .setStateOrProvince(upper(text(json, "StateOrProvince")))
            .setPostalCode(postal)
            .setCounty(upper(text(json, "CountyOrParish")))
            .setSubdivision(text(json, "SubdivisionName"))
            .setLatitude(latitude)
            .setLongitude(longitude)
            .build();
    final Double garage = number(json, "GarageSpaces");
    final Characteristics characteristics =
        Characteristics.newBuilder()
            .setPropertyType(text(json, "PropertyType"))
            .setPropertySubType(text(json, "PropertySubType"))
            .setBedrooms(Values.wholeNumber("BedroomsTotal", decimal(json, "BedroomsTotal")))
            .setBathrooms(
                Values.wholeNumber("BathroomsTotalInteger", decimal(json, "BathroomsTotalInteger")))
            .setLivingAreaSqft(
                Values.roundedInt(
                    "LivingArea",
                    Values.squareFeet(
                        "LivingArea", decimal(json, "LivingArea"), text(json, "LivingAreaUnits"))))
            .setLotSizeSqft(lotSize)
            .setYearBuilt(Values.wholeNumber("YearBuilt", decimal(json, "YearBuilt")))
            .setZoning(text(json, "Zoning"))
            .setGarageSpaces(garage)
            .setYearBuiltEffective(
                Values.wholeNumber("YearBuiltEffective", decimal(json, "YearBuiltEffective")))
            .setBelowGradeFinishedAreaSqft(area(json, "BelowGradeFinishedArea"))
            .setBelowGradeUnfinishedAreaSqft(area(json, "BelowGradeUnfinishedArea"))
            .setBathroomsFull(Values.wholeNumber("BathroomsFull", decimal(json, "BathroomsFull")))
            .setBathroomsHalf(Values.wholeNumber("BathroomsHalf", decimal(json, "BathroomsHalf")))
            .setFireplacesTotal(
                Values.wholeNumber("FireplacesTotal", decimal(json, "FireplacesTotal")))
            .setRoomsTotal(Values.wholeNumber("RoomsTotal", decimal(json, "RoomsTotal")))
            .setCoolingYN(yesNo(json, "CoolingYN"))
            .setArchitecturalStyle(list(json, "ArchitecturalStyle"))
            .setConstructionMaterials(list(json, "ConstructionMaterials"))
            .setFoundationDetails(list(json, "FoundationDetails"))
            .setOverallCondition(
                Values.wholeNumber(OVERALL_CONDITION, decimal(json, OVERALL_CONDITION)))
            .setPoolPrivateYN(yesNo(json, "PoolPrivateYN"))
            .setNewConstructionYN(yesNo(json, "NewConstructionYN"))
            .setAttachedGarageYN(yesNo(json, "AttachedGarageYN"))
            .build();
    final var id =
        PropertyIds.derive(street, postal, latitudeDecimal, longitudeDecimal, lotSize)
            .orElseThrow(
                () ->
                    new Rejection(
                        RejectReason.NO_LOCATION,
                        "no street address with PostalCode and no Latitude/Longitude"));
    return new NormalizedRecord(
        SourceFeed.RESO,
        id,
        address,
        characteristics,
        text(json, "ListingKey"),
        rawStatus,
        status,
        Values.timestamp("ModificationTimestamp", text(json, "ModificationTimestamp")),
        Values.cents("ListPrice", decimal(json, "ListPrice")),
        Values.cents("OriginalListPrice", decimal(json, "OriginalListPrice")),
        Values.cents("ClosePrice", decimal(json, "ClosePrice")),
        Values.isoDate("CloseDate", text(json, "CloseDate")),
        Values.isoDate("ListingContractDate", text(json, "ListingContractDate")),
        Values.isoDate("OnMarketDate", text(json, "OnMarketDate")),
        text(json, "ListAgentKey"),
        list(json, "SpecialListingConditions"),
        null,
        null,
        null,
        null);
  }

  /** A Delete: only ListingKey, StandardStatus, ModificationTimestamp; no propertyId yet. */
  private static NormalizedRecord delete(final ObjectNode json, final String rawStatus) {
    return new NormalizedRecord(
        SourceFeed.RESO,
        null,
        new Address(),
        new Characteristics(),
        text(json, "ListingKey"),
        rawStatus,
        ListingStatus.DELETE,
        Values.timestamp("ModificationTimestamp", text(json, "ModificationTimestamp")),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static NormalizedStreet street(final ObjectNode json) {
    final String streetName = text(json, "StreetName");
    if (streetName != null) {
      return AddressNormalizer.fromParts(
          text(json, "StreetNumber"),
          text(json, "StreetDirPrefix"),
          streetName,
          text(json, "StreetSuffix"),
          text(json, "StreetDirSuffix"),
          text(json, "UnitNumber"));
    }
    return AddressNormalizer.normalize(text(json, "UnparsedAddress"));
  }

  /** LotSizeSquareFeet, else LotSizeArea in LotSizeUnits, else LotSizeAcres; rounded sqft. */
  private static Long lotSizeSqft(final ObjectNode json) {
    final BigDecimal squareFeet = decimal(json, "LotSizeSquareFeet");
    if (squareFeet != null) {
      return Values.rounded("LotSizeSquareFeet", squareFeet);
    }
    final BigDecimal area = decimal(json, "LotSizeArea");
    if (area != null) {
      return Values.rounded(
          "LotSizeArea", Values.squareFeet("LotSizeArea", area, text(json, "LotSizeUnits")));
    }
    final BigDecimal acres = decimal(json, "LotSizeAcres");
    return acres == null
        ? null
        : Values.rounded("LotSizeAcres", acres.multiply(Values.SQFT_PER_ACRE));
  }

  /** A RESO area field in its {@code <field>Units} (square feet when absent), rounded sqft. */
  private static Integer area(final ObjectNode json, final String field) {
    return Values.roundedInt(
        field, Values.squareFeet(field, decimal(json, field), text(json, field + "Units")));
  }

  /**
   * A RESO Boolean: JSON {@code true}/{@code false}, or text {@code true}/{@code false}, {@code
   * Y}/{@code N}, {@code Yes}/{@code No}, {@code 1}/{@code 0} (any case).
   */
  static Boolean yesNo(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() || node.isNumber()) {
      return Values.yesNo(field, node.asText());
    }
    throw new Rejection(
        RejectReason.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected Y/N");
  }

  /**
   * A RESO String List (multi-select lookup): a JSON array of values or one comma-separated string.
   * Returned as one string, see {@link Values#joinedList}; null when there is no value.
   */
  static String list(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      final String text = text(json, field);
      return text == null ? null : Values.joinedList(List.of(text));
    }
    final List<String> values = new ArrayList<>(node.size());
    for (final JsonNode element : node) {
      if (element.isNull()) {
        continue;
      }
      if (!(element.isTextual() || element.isNumber() || element.isBoolean())) {
        throw new Rejection(
            RejectReason.WRONG_FIELD_TYPE,
            field + " holds " + element.getNodeType() + ", expected text values");
      }
      values.add(element.asText());
    }
    return Values.joinedList(values);
  }

  private static String upper(final String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }

  /** A text field: strings and numbers are accepted, trimmed, blank is null. */
  static String text(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return Values.clean(node.asText());
    }
    throw new Rejection(
        RejectReason.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected text");
  }

  /** A numeric field: JSON numbers (exact) and numeric strings are accepted. */
  static BigDecimal decimal(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return Values.decimal(field, node.asText(), false);
    }
    throw new Rejection(
        RejectReason.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected a number");
  }

  private static Double number(final ObjectNode json, final String field) {
    final BigDecimal value = decimal(json, field);
    return value == null ? null : value.doubleValue();
  }
}
