package io.midcoast.schemas.reso;

import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.reso.ResoFieldException.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules for one RESO Data Dictionary value given as text or number: money in integer cents,
 * whole numbers, areas in square feet, dates, timestamps, Booleans, String Lists, StandardStatus.
 * Every method is pure; {@code field} only names the value in the message of a {@link
 * ResoFieldException}.
 */
public final class ResoValues {

  /** Square feet in one acre (exact). */
  public static final BigDecimal SQFT_PER_ACRE = BigDecimal.valueOf(43_560);

  /** Square feet in one square meter (1 / 0.3048²). */
  public static final BigDecimal SQFT_PER_SQUARE_METER = new BigDecimal("10.76391041671");

  private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
  private static final Map<String, ListingStatus> STATUSES =
      Arrays.stream(ListingStatus.values())
          .filter(s -> s != ListingStatus.UNKNOWN)
          .collect(Collectors.toMap(s -> s.name().replace("_", ""), Function.identity()));

  private ResoValues() {}

  /** The trimmed string, or null when null or blank. */
  public static String clean(final String raw) {
    if (raw == null) {
      return null;
    }
    final String stripped = raw.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  /** A decimal number written as text ({@code 215000}, {@code 0.5}, {@code 1e3}); blank is null. */
  public static BigDecimal decimal(final String field, final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (final NumberFormatException e) {
      throw new ResoFieldException(
          Kind.WRONG_FIELD_TYPE, field + "='" + text + "' is not a number");
    }
  }

  /** An amount of money in integer cents, rounded half-up; null stays null. */
  public static Long cents(final String field, final BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    try {
      return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (final ArithmeticException e) {
      throw new ResoFieldException(Kind.WRONG_FIELD_TYPE, field + "=" + amount + " overflows");
    }
  }

  /** A whole number; a fraction (3.5) is {@code WRONG_FIELD_TYPE}. */
  public static Integer wholeNumber(final String field, final BigDecimal value) {
    if (value == null) {
      return null;
    }
    try {
      return value.stripTrailingZeros().intValueExact();
    } catch (final ArithmeticException e) {
      throw new ResoFieldException(
          Kind.WRONG_FIELD_TYPE, field + "=" + value + " is not an integer");
    }
  }

  /** A number rounded half-up to a long (areas). */
  public static Long rounded(final String field, final BigDecimal value) {
    if (value == null) {
      return null;
    }
    try {
      return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (final ArithmeticException e) {
      throw new ResoFieldException(Kind.WRONG_FIELD_TYPE, field + "=" + value + " overflows");
    }
  }

  /** A number rounded half-up to an int (living area). */
  public static Integer roundedInt(final String field, final BigDecimal value) {
    final Long rounded = rounded(field, value);
    if (rounded == null) {
      return null;
    }
    if (rounded > Integer.MAX_VALUE || rounded < Integer.MIN_VALUE) {
      throw new ResoFieldException(Kind.WRONG_FIELD_TYPE, field + "=" + value + " overflows");
    }
    return rounded.intValue();
  }

  /**
   * An area converted to square feet. Units (case- and space-insensitive): square feet ({@code
   * Square Feet}, {@code SquareFeet}, {@code sqft}, {@code sf}), acres, square meters; a null unit
   * means square feet.
   */
  public static BigDecimal squareFeet(
      final String field, final BigDecimal area, final String unit) {
    if (area == null) {
      return null;
    }
    final String u = clean(unit);
    if (u == null) {
      return area;
    }
    final String key =
        SEPARATORS.matcher(u.toUpperCase(Locale.ROOT)).replaceAll("").replace(".", "");
    return switch (key) {
      case "SQUAREFEET", "SQUAREFOOT", "SQFT", "SF", "FT2" -> area;
      case "ACRES", "ACRE", "AC" -> area.multiply(SQFT_PER_ACRE);
      case "SQUAREMETERS", "SQUAREMETRES", "SQUAREMETER", "SQM", "M2" ->
          area.multiply(SQFT_PER_SQUARE_METER);
      default ->
          throw new ResoFieldException(
              Kind.UNKNOWN_UNIT, field + " unit '" + u + "' is not convertible to sqft");
    };
  }

  /** An ISO-8601 calendar date ({@code 2010-06-15}); a date-time gives its own calendar date. */
  public static LocalDate isoDate(final String field, final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() > 10 && text.charAt(10) == 'T') {
        return timestampText(text).atOffset(ZoneOffset.UTC).toLocalDate();
      }
      return LocalDate.parse(text);
    } catch (final DateTimeParseException e) {
      throw new ResoFieldException(Kind.INVALID_DATE, field + "='" + text + "' is not an ISO date");
    }
  }

  /**
   * An instant: ISO instant ({@code 2010-06-15T12:00:00Z}), offset date-time ({@code
   * 2010-06-15T07:00:00-05:00}) or, without zone, a UTC local date-time.
   */
  public static Instant timestamp(final String field, final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    try {
      return timestampText(text);
    } catch (final DateTimeParseException e) {
      throw new ResoFieldException(
          Kind.INVALID_DATE, field + "='" + text + "' is not an ISO date-time");
    }
  }

  private static Instant timestampText(final String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (final DateTimeParseException e) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }

  /**
   * A RESO Boolean given as text: {@code true}/{@code false}, {@code Y}/{@code N}, {@code
   * Yes}/{@code No}, {@code 1}/{@code 0}, any case; blank is null; anything else is {@code
   * WRONG_FIELD_TYPE}.
   */
  public static Boolean yesNo(final String field, final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "TRUE", "Y", "YES", "1" -> Boolean.TRUE;
      case "FALSE", "N", "NO", "0" -> Boolean.FALSE;
      default ->
          throw new ResoFieldException(
              Kind.WRONG_FIELD_TYPE, field + "='" + text + "' is not Y/N (true/false)");
    };
  }

  /**
   * The values of a RESO String List as one string: every value (a JSON array element, or a part of
   * a comma-separated string) is split at commas, trimmed, blanks dropped, and the rest joined with
   * {@code ,} (no spaces) in feed order: {@code ["Brick", " Vinyl Siding "]} and {@code "Brick,
   * Vinyl Siding"} both give {@code Brick,Vinyl Siding}. Null when no value remains.
   */
  public static String joinedList(final Iterable<String> values) {
    final StringBuilder joined = new StringBuilder();
    for (final String value : values) {
      if (value == null) {
        continue;
      }
      for (final String part : value.split(",", -1)) {
        final String cleaned = clean(part);
        if (cleaned != null) {
          if (joined.length() > 0) {
            joined.append(',');
          }
          joined.append(cleaned);
        }
      }
    }
    return joined.length() == 0 ? null : joined.toString();
  }

  /**
   * A RESO StandardStatus, insensitive to case, spaces, underscores and hyphens ({@code "Active
   * Under Contract"}, {@code "ActiveUnderContract"}, {@code "ACTIVE_UNDER_CONTRACT"}); {@code
   * Cancelled} is {@code CANCELED}. Null when the value is not a known status.
   */
  public static ListingStatus status(final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    final String key = SEPARATORS.matcher(text.toUpperCase(Locale.ROOT)).replaceAll("");
    return STATUSES.get(key.equals("CANCELLED") ? "CANCELED" : key);
  }
}
