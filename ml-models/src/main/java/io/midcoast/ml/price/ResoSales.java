package io.midcoast.ml.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns RESO Data Dictionary Property records (JSON) into {@link ClosedSale}s, with the field rules
 * of the ingest process stage ({@code io.midcoast.topology.ingest.process.ResoMapper}, see
 * docs/ingest.md): City, StateOrProvince, CountyOrParish upper case; SubdivisionName verbatim;
 * LivingArea in LivingAreaUnits converted to square feet and rounded; LotSizeSquareFeet, else
 * LotSizeAcres × 43,560; money to cents. ml-models cannot depend on the topology module (the
 * topology depends on ml-models for scoring), so the rules used here are restated, limited to the
 * fields the price model reads; the extended fields of {@link ExtendedCharacteristics} are read
 * from their RESO names.
 *
 * <p>Only closed sales are kept: StandardStatus {@code Closed} with ClosePrice and CloseDate.
 */
public final class ResoSales {

  private static final Logger LOG = LoggerFactory.getLogger(ResoSales.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final BigDecimal SQFT_PER_ACRE = BigDecimal.valueOf(43_560);
  private static final BigDecimal SQFT_PER_SQUARE_METER = new BigDecimal("10.76391041671");

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
   * @throws IllegalArgumentException when a field has the wrong type or an unknown unit
   */
  public static Optional<ClosedSale> closedSale(final ObjectNode json) {
    final String status = text(json, "StandardStatus");
    final BigDecimal price = decimal(json, "ClosePrice");
    final String closeDate = text(json, "CloseDate");
    if (status == null
        || !status.equalsIgnoreCase("Closed")
        || price == null
        || price.signum() <= 0
        || closeDate == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ClosedSale(
            String.valueOf(text(json, "ListingKey")),
            address(json),
            characteristics(json),
            extended(json),
            LocalDate.parse(closeDate.length() > 10 ? closeDate.substring(0, 10) : closeDate),
            price.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact()));
  }

  /** The canonical address of a RESO record (the fields the price model reads). */
  public static Address address(final ObjectNode json) {
    final BigDecimal latitude = decimal(json, "Latitude");
    final BigDecimal longitude = decimal(json, "Longitude");
    return Address.newBuilder()
        .setCity(upper(text(json, "City")))
        .setStateOrProvince(upper(text(json, "StateOrProvince")))
        .setCounty(upper(text(json, "CountyOrParish")))
        .setSubdivision(text(json, "SubdivisionName"))
        .setLatitude(latitude == null ? null : latitude.doubleValue())
        .setLongitude(longitude == null ? null : longitude.doubleValue())
        .build();
  }

  /** The canonical characteristics of a RESO record. */
  public static Characteristics characteristics(final ObjectNode json) {
    final BigDecimal garage = decimal(json, "GarageSpaces");
    final BigDecimal living =
        squareFeet("LivingArea", decimal(json, "LivingArea"), text(json, "LivingAreaUnits"));
    return Characteristics.newBuilder()
        .setPropertyType(text(json, "PropertyType"))
        .setPropertySubType(text(json, "PropertySubType"))
        .setBedrooms(whole(json, "BedroomsTotal"))
        .setBathrooms(whole(json, "BathroomsTotalInteger"))
        .setLivingAreaSqft(
            living == null ? null : living.setScale(0, RoundingMode.HALF_UP).intValueExact())
        .setLotSizeSqft(lotSizeSqft(json))
        .setYearBuilt(whole(json, "YearBuilt"))
        .setZoning(text(json, "Zoning"))
        .setGarageSpaces(garage == null ? null : garage.doubleValue())
        .build();
  }

  /** The extended characteristics of a RESO record; all null when it has none. */
  public static ExtendedCharacteristics extended(final ObjectNode json) {
    return new ExtendedCharacteristics(
        whole(json, "YearBuiltEffective"),
        whole(json, "BelowGradeFinishedArea"),
        whole(json, "BelowGradeUnfinishedArea"),
        whole(json, "BathroomsFull"),
        whole(json, "BathroomsHalf"),
        whole(json, "FireplacesTotal"),
        whole(json, "RoomsTotal"),
        yesNo(json, "CoolingYN"),
        first(json, "ArchitecturalStyle"),
        first(json, "ConstructionMaterials"),
        first(json, "FoundationDetails"),
        whole(json, "OverallCondition"),
        yesNo(json, "PoolPrivateYN"),
        yesNo(json, "NewConstructionYN"),
        yesNo(json, "AttachedGarageYN"),
        first(json, "SpecialListingConditions"));
  }

  private static Long lotSizeSqft(final ObjectNode json) {
    final BigDecimal squareFeet = decimal(json, "LotSizeSquareFeet");
    if (squareFeet != null) {
      return squareFeet.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    final BigDecimal acres = decimal(json, "LotSizeAcres");
    return acres == null
        ? null
        : acres.multiply(SQFT_PER_ACRE).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static BigDecimal squareFeet(
      final String field, final BigDecimal area, final String unit) {
    if (area == null || unit == null) {
      return area;
    }
    final String key = unit.toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", "");
    return switch (key) {
      case "SQUAREFEET", "SQUAREFOOT", "SQFT", "SF", "FT2" -> area;
      case "ACRES", "ACRE", "AC" -> area.multiply(SQFT_PER_ACRE);
      case "SQUAREMETERS", "SQUAREMETRES", "SQUAREMETER", "SQM", "M2" ->
          area.multiply(SQFT_PER_SQUARE_METER);
      default ->
          throw new IllegalArgumentException(
              field + " unit '" + unit + "' is not convertible to sqft");
    };
  }

  private static String upper(final String text) {
    return text == null ? null : text.toUpperCase(Locale.ROOT);
  }

  /** First value of a RESO string list (JSON array or comma-separated text). */
  private static String first(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node != null && node.isArray()) {
      return node.isEmpty() ? null : clean(node.get(0).asText());
    }
    final String text = text(json, field);
    if (text == null) {
      return null;
    }
    final int comma = text.indexOf(',');
    return clean(comma < 0 ? text : text.substring(0, comma));
  }

  private static Boolean yesNo(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    final String text = clean(node.asText());
    if (text == null) {
      return null;
    }
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "TRUE", "Y", "YES", "1" -> Boolean.TRUE;
      case "FALSE", "N", "NO", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(field + "='" + text + "' is not yes/no");
    };
  }

  private static Integer whole(final ObjectNode json, final String field) {
    final BigDecimal value = decimal(json, field);
    if (value == null) {
      return null;
    }
    try {
      return value.stripTrailingZeros().intValueExact();
    } catch (final ArithmeticException e) {
      throw new IllegalArgumentException(field + "=" + value + " is not an integer", e);
    }
  }

  private static String text(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isValueNode()) {
      return clean(node.asText());
    }
    throw new IllegalArgumentException(field + " is " + node.getNodeType() + ", expected text");
  }

  private static BigDecimal decimal(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    final String text = node.isTextual() ? clean(node.asText()) : null;
    if (node.isTextual() && text == null) {
      return null;
    }
    try {
      if (text != null) {
        return new BigDecimal(text);
      }
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(field + "='" + text + "' is not a number", e);
    }
    throw new IllegalArgumentException(field + " is " + node.getNodeType() + ", expected a number");
  }

  private static String clean(final String raw) {
    if (raw == null) {
      return null;
    }
    final String stripped = raw.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
