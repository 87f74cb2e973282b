package io.midcoast.ml.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.reso.ResoFields;
import io.midcoast.schemas.reso.ResoValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns RESO Data Dictionary Property records (JSON) into {@link ClosedSale}s, reading each field
 * with the RESO field rules the ingest process stage uses too ({@link ResoFields}, schemas module;
 * see docs/ingest.md): City, StateOrProvince, CountyOrParish upper case; SubdivisionName verbatim;
 * LivingArea in LivingAreaUnits converted to square feet and rounded; money to cents. Only the
 * fields the price model reads are read; the extended fields of {@link ExtendedCharacteristics}
 * come from their RESO names.
 *
 * <p>Where this reader's rules differ from the ingest ({@code ResoMapper}), they are kept as the
 * price model was trained with them (each is marked below): CloseDate is the calendar date written
 * in the first ten characters (the ingest converts a date-time to its UTC date); StandardStatus is
 * {@code Closed} in any case only; the lot is LotSizeSquareFeet, else LotSizeAcres (the ingest also
 * reads LotSizeArea in LotSizeUnits); BelowGradeFinishedArea and BelowGradeUnfinishedArea are whole
 * square feet (the ingest reads their {@code ...Units} and rounds); a String List gives its first
 * raw value; an array or object in a Y/N field is unknown (the ingest rejects it).
 *
 * <p>Only closed sales are kept: StandardStatus {@code Closed} with ClosePrice and CloseDate.
 */
public final class ResoSales {

  private static final Logger LOG = LoggerFactory.getLogger(ResoSales.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ResoSales() {}

  /** The closed sales of a RESO JSON-lines file (one Property record per line). */
  public static List<ClosedSale> readJsonLines(final Path file) throws IOException {
    final List<ClosedSale> sales = new ArrayList<>();
    int skipped = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        final JsonNode node = JSON.readTree(line);
        if (!(node instanceof ObjectNode record)) {
          skipped++;
          continue;
        }
        final Optional<ClosedSale> sale = closedSale(record);
        if (sale.isPresent()) {
          sales.add(sale.get());
        } else {
          skipped++;
        }
      }
    }
    LOG.info("read {} closed sales from {} ({} records skipped)", sales.size(), file, skipped);
    return List.copyOf(sales);
  }

  /**
   * The closed sale of a RESO record; empty when it is not a closed sale with price and date.
   *
   * @throws IllegalArgumentException when a field has the wrong type or an unknown unit, or
   *     CloseDate is not a date
   */
  public static Optional<ClosedSale> closedSale(final ObjectNode json) {
    final String status = ResoFields.text(json, "StandardStatus");
    final BigDecimal price = ResoFields.decimal(json, "ClosePrice");
    final String closeDate = ResoFields.text(json, "CloseDate");
    if (status == null
        || !status.equalsIgnoreCase("Closed") // training rule; the ingest: ResoValues.status
        || price == null
        || price.signum() <= 0
        || closeDate == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ClosedSale(
            String.valueOf(ResoFields.text(json, "ListingKey")),
            address(json),
            characteristics(json),
            extended(json),
            // training rule: the date as written; the ingest converts a date-time to its UTC date
            ResoValues.isoDate(
                "CloseDate", closeDate.length() > 10 ? closeDate.substring(0, 10) : closeDate),
            ResoValues.cents("ClosePrice", price)));
  }

  /** The canonical address of a RESO record (the fields the price model reads). */
  public static Address address(final ObjectNode json) {
    final Double latitude = ResoFields.number(json, "Latitude");
    final Double longitude = ResoFields.number(json, "Longitude");
    return Address.newBuilder()
        .setCity(upper(ResoFields.text(json, "City")))
        .setStateOrProvince(upper(ResoFields.text(json, "StateOrProvince")))
        .setCounty(upper(ResoFields.text(json, "CountyOrParish")))
        .setSubdivision(ResoFields.text(json, "SubdivisionName"))
        .setLatitude(latitude)
        .setLongitude(longitude)
        .build();
  }

  /** The canonical characteristics of a RESO record. */
  public static Characteristics characteristics(final ObjectNode json) {
    final Double garage = ResoFields.number(json, "GarageSpaces");
    final Integer living = ResoFields.area(json, "LivingArea");
    return Characteristics.newBuilder()
        .setPropertyType(ResoFields.text(json, "PropertyType"))
        .setPropertySubType(ResoFields.text(json, "PropertySubType"))
        .setBedrooms(ResoFields.wholeNumber(json, "BedroomsTotal"))
        .setBathrooms(ResoFields.wholeNumber(json, "BathroomsTotalInteger"))
        .setLivingAreaSqft(living)
        .setLotSizeSqft(lotSizeSqft(json))
        .setYearBuilt(ResoFields.wholeNumber(json, "YearBuilt"))
        .setZoning(ResoFields.text(json, "Zoning"))
        .setGarageSpaces(garage)
        .build();
  }

  /** The extended characteristics of a RESO record; all null when it has none. */
  public static ExtendedCharacteristics extended(final ObjectNode json) {
    return new ExtendedCharacteristics(
        ResoFields.wholeNumber(json, "YearBuiltEffective"),
        // training rule: whole square feet, no ...Units; the ingest: ResoFields.area
        ResoFields.wholeNumber(json, "BelowGradeFinishedArea"),
        ResoFields.wholeNumber(json, "BelowGradeUnfinishedArea"),
        ResoFields.wholeNumber(json, "BathroomsFull"),
        ResoFields.wholeNumber(json, "BathroomsHalf"),
        ResoFields.wholeNumber(json, "FireplacesTotal"),
        ResoFields.wholeNumber(json, "RoomsTotal"),
        yesNo(json, "CoolingYN"),
        first(json, "ArchitecturalStyle"),
        first(json, "ConstructionMaterials"),
        first(json, "FoundationDetails"),
        ResoFields.wholeNumber(json, "OverallCondition"),
        yesNo(json, "PoolPrivateYN"),
        yesNo(json, "NewConstructionYN"),
        yesNo(json, "AttachedGarageYN"),
        first(json, "SpecialListingConditions"));
  }

  /**
   * LotSizeSquareFeet, else LotSizeAcres × 43,560; rounded. Training rule: the ingest ({@link
   * ResoFields#lotSizeSqft}) also reads LotSizeArea in LotSizeUnits before LotSizeAcres.
   */
  private static Long lotSizeSqft(final ObjectNode json) {
    final BigDecimal squareFeet = ResoFields.decimal(json, "LotSizeSquareFeet");
    if (squareFeet != null) {
      return ResoValues.rounded("LotSizeSquareFeet", squareFeet);
    }
    final BigDecimal acres = ResoFields.decimal(json, "LotSizeAcres");
    return acres == null
        ? null
        : ResoValues.rounded("LotSizeAcres", acres.multiply(ResoValues.SQFT_PER_ACRE));
  }

  private static String upper(final String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }

  /**
   * First raw value of a RESO String List: the first element of a JSON array, or the text before
   * the first comma; stripped, blank is null. Training rule: the ingest keeps every value ({@link
   * ResoFields#list}) and live scoring takes the first of those ({@link
   * ExtendedCharacteristics#of}), which differs only when the first raw value is blank or itself
   * holds a comma.
   */
  private static String first(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node != null && node.isArray()) {
      return node.isEmpty() ? null : ResoValues.clean(node.get(0).asText());
    }
    final String text = ResoFields.text(json, field);
    if (text == null) {
      return null;
    }
    final int comma = text.indexOf(',');
    return ResoValues.clean(comma < 0 ? text : text.substring(0, comma));
  }

  /** A RESO Boolean ({@link ResoFields#yesNo}); training rule: an array or object is unknown. */
  private static Boolean yesNo(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    return node != null && node.isContainerNode() ? null : ResoFields.yesNo(json, field);
  }
}
