package io.midcoast.topology.ingest.process;

import static io.midcoast.schemas.reso.ResoFields.area;
import static io.midcoast.schemas.reso.ResoFields.cents;
import static io.midcoast.schemas.reso.ResoFields.decimal;
import static io.midcoast.schemas.reso.ResoFields.isoDate;
import static io.midcoast.schemas.reso.ResoFields.list;
import static io.midcoast.schemas.reso.ResoFields.text;
import static io.midcoast.schemas.reso.ResoFields.timestamp;
import static io.midcoast.schemas.reso.ResoFields.wholeNumber;
import static io.midcoast.schemas.reso.ResoFields.yesNo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.SourceFeed;
import io.midcoast.schemas.reso.ResoFieldException;
import io.midcoast.schemas.reso.ResoFields;
import io.midcoast.schemas.reso.ResoValues;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.collect.ResoRecord;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Cleans one RESO Data Dictionary Property record. Each field is read with the shared RESO field
 * rules ({@link ResoFields}, schemas module: numbers may be JSON numbers or numeric strings; text
 * fields may be strings or numbers); a value they cannot read is rejected with the matching reason:
 * an object or array where a value belongs, or text that is not a number, is {@code
 * WRONG_FIELD_TYPE}, a bad date {@code INVALID_DATE}, an unknown area unit {@code UNKNOWN_UNIT}.
 * This class adds the ingest's own rules: address and postal-code normalization and the propertyId.
 * See docs/ingest.md for every field.
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
    try {
      return map(record.fields());
    } catch (final ResoFieldException e) {
      throw Rejection.of(e);
    }
  }

  private static NormalizedRecord map(final ObjectNode json) {
    final String rawStatus = text(json, "StandardStatus");
    final ListingStatus status = ResoValues.status(rawStatus);
    if (status == ListingStatus.DELETE) {
      return delete(json, rawStatus);
    }
    final NormalizedStreet street = street(json);
    final String postal = Values.postalCode(text(json, "PostalCode"));
    final BigDecimal latitudeDecimal = decimal(json, "Latitude");
    final BigDecimal longitudeDecimal = decimal(json, "Longitude");
    final Double latitude = latitudeDecimal == null ? null : latitudeDecimal.doubleValue();
    final Double longitude = longitudeDecimal == null ? null : longitudeDecimal.doubleValue();
    final Long lotSize = ResoFields.lotSizeSqft(json);
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
    final Double garage = ResoFields.number(json, "GarageSpaces");
    final Characteristics characteristics =
        Characteristics.newBuilder()
            .setPropertyType(text(json, "PropertyType"))
            .setPropertySubType(text(json, "PropertySubType"))
            .setBedrooms(wholeNumber(json, "BedroomsTotal"))
            .setBathrooms(wholeNumber(json, "BathroomsTotalInteger"))
            .setLivingAreaSqft(area(json, "LivingArea"))
            .setLotSizeSqft(lotSize)
            .setYearBuilt(wholeNumber(json, "YearBuilt"))
            .setZoning(text(json, "Zoning"))
            .setGarageSpaces(garage)
            .setYearBuiltEffective(wholeNumber(json, "YearBuiltEffective"))
            .setBelowGradeFinishedAreaSqft(area(json, "BelowGradeFinishedArea"))
            .setBelowGradeUnfinishedAreaSqft(area(json, "BelowGradeUnfinishedArea"))
            .setBathroomsFull(wholeNumber(json, "BathroomsFull"))
            .setBathroomsHalf(wholeNumber(json, "BathroomsHalf"))
            .setFireplacesTotal(wholeNumber(json, "FireplacesTotal"))
            .setRoomsTotal(wholeNumber(json, "RoomsTotal"))
            .setCoolingYN(yesNo(json, "CoolingYN"))
            .setArchitecturalStyle(list(json, "ArchitecturalStyle"))
            .setConstructionMaterials(list(json, "ConstructionMaterials"))
            .setFoundationDetails(list(json, "FoundationDetails"))
            .setOverallCondition(wholeNumber(json, OVERALL_CONDITION))
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
        timestamp(json, "ModificationTimestamp"),
        cents(json, "ListPrice"),
        cents(json, "OriginalListPrice"),
        cents(json, "ClosePrice"),
        isoDate(json, "CloseDate"),
        isoDate(json, "ListingContractDate"),
        isoDate(json, "OnMarketDate"),
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
        timestamp(json, "ModificationTimestamp"),
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

  private static String upper(final String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }
}
