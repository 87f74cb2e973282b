package io.midcoast.schemas.reso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.reso.ResoFieldException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one RESO Data Dictionary Property record (a JSON object) by name, with the
 * value rules of {@link ResoValues}. Numbers may be JSON numbers or numeric strings; text fields
 * may be strings, numbers or Booleans; an absent field, JSON {@code null} and blank text are null.
 * An object or array where a value belongs, or text that does not parse, is a {@link
 * ResoFieldException}.
 */
public final class ResoFields {

  private ResoFields() {}

  /** A text field: strings, numbers and Booleans are accepted, trimmed, blank is null. */
  public static String text(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return ResoValues.clean(node.asText());
    }
    throw new ResoFieldException(
        Kind.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected text");
  }

  /** A numeric field: JSON numbers (exact) and numeric strings are accepted. */
  public static BigDecimal decimal(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return ResoValues.decimal(field, node.asText());
    }
    throw new ResoFieldException(
        Kind.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected a number");
  }

  /** A numeric field as a double (garage spaces, coordinates). */
  public static Double number(final ObjectNode json, final String field) {
    final BigDecimal value = decimal(json, field);
    return value == null ? null : value.doubleValue();
  }

  /** A whole-number field (bedrooms, year built); a fraction is {@code WRONG_FIELD_TYPE}. */
  public static Integer wholeNumber(final ObjectNode json, final String field) {
    return ResoValues.wholeNumber(field, decimal(json, field));
  }

  /** A money field (ListPrice, ClosePrice) in integer cents, rounded half-up. */
  public static Long cents(final ObjectNode json, final String field) {
    return ResoValues.cents(field, decimal(json, field));
  }

  /** A RESO Date field (CloseDate, ListingContractDate), see {@link ResoValues#isoDate}. */
  public static LocalDate isoDate(final ObjectNode json, final String field) {
    return ResoValues.isoDate(field, text(json, field));
  }

  /** A RESO Timestamp field (ModificationTimestamp), see {@link ResoValues#timestamp}. */
  public static Instant timestamp(final ObjectNode json, final String field) {
    return ResoValues.timestamp(field, text(json, field));
  }

  /**
   * An area field in its {@code <field>Units} (LivingArea in LivingAreaUnits,
   * BelowGradeFinishedArea in BelowGradeFinishedAreaUnits; square feet when absent), rounded
   * half-up to whole square feet.
   */
  public static Integer area(final ObjectNode json, final String field) {
    return ResoValues.roundedInt(
        field, ResoValues.squareFeet(field, decimal(json, field), text(json, field + "Units")));
  }

  /**
   * The lot size in whole square feet: LotSizeSquareFeet, else LotSizeArea in LotSizeUnits, else
   * LotSizeAcres; rounded half-up.
   */
  public static Long lotSizeSqft(final ObjectNode json) {
    final BigDecimal squareFeet = decimal(json, "LotSizeSquareFeet");
    if (squareFeet != null) {
      return ResoValues.rounded("LotSizeSquareFeet", squareFeet);
    }
    final BigDecimal area = decimal(json, "LotSizeArea");
    if (area != null) {
      return ResoValues.rounded(
          "LotSizeArea", ResoValues.squareFeet("LotSizeArea", area, text(json, "LotSizeUnits")));
    }
    final BigDecimal acres = decimal(json, "LotSizeAcres");
    return acres == null
        ? null
        : ResoValues.rounded("LotSizeAcres", acres.multiply(ResoValues.SQFT_PER_ACRE));
  }

  /**
   * A RESO Boolean: JSON {@code true}/{@code false}, or text {@code true}/{@code false}, {@code
   * Y}/{@code N}, {@code Yes}/{@code No}, {@code 1}/{@code 0} (any case).
   */
  public static Boolean yesNo(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual() || node.isNumber()) {
      return ResoValues.yesNo(field, node.asText());
    }
    throw new ResoFieldException(
        Kind.WRONG_FIELD_TYPE, field + " is " + node.getNodeType() + ", expected Y/N");
  }

  /**
   * A RESO String List (multi-select lookup): a JSON array of values or one comma-separated string.
   * Returned as one string, see {@link ResoValues#joinedList}; null when there is no value.
   */
  public static String list(final ObjectNode json, final String field) {
    final JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      final String text = text(json, field);
      return text == null ? null : ResoValues.joinedList(List.of(text));
    }
    final List<String> values = new ArrayList<>(node.size());
    for (final JsonNode element : node) {
      if (element.isNull()) {
        continue;
      }
      if (!(element.isTextual() || element.isNumber() || element.isBoolean())) {
        throw new ResoFieldException(
            Kind.WRONG_FIELD_TYPE,
            field + " holds " + element.getNodeType() + ", expected text values");
      }
      values.add(element.asText());
    }
    return ResoValues.joinedList(values);
  }
}
