package io.midcoast.topology.ingest.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.topology.ingest.RejectReason;
import io.midcoast.topology.ingest.Rejection;
import io.midcoast.topology.ingest.collect.ResoRecord;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Cleans one RESO Data Dictionary Property record. Numbers may be JSON numbers or numeric strings;
 * text fields may be strings or numbers; an object or array where a value belongs, or text that is
 * not a number, is {@code WRONG_FIELD_TYPE}. See docs/ingest.md for every field.
 *
 * <p>A record whose StandardStatus is {@code Delete} only needs ListingKey, StandardStatus and
 * ModificationTimestamp: every other field is ignored, and its propertyId is left to the resolve
 * stage (the property the listing was last seen at).
 */
public final class ResoMapper {

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
