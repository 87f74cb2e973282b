package io.midcoast.topology.ingest.process;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parsing and cleaning of single field values. Every method is pure; bad input is a {@link
 * Rejection}.
 */
public final class Values {

  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern US_ZIP = Pattern.compile("(\\d{5})(?:-?\\d{4})?");
  private static final Pattern SHORT_ZIP = Pattern.compile("\\d{3,4}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Values() {}

  /** The trimmed string, or null when null or blank. */
  public static String clean(final String raw) {
    if (raw == null) {
      return null;
    }
    final String stripped = raw.strip();
    return stripped.isEmpty() ? null : stripped;
  }

  /**
   * A decimal number. County money may carry a leading {@code $} and {@code ,} thousands separators
   * when {@code lenientMoney} is set.
   */
  public static BigDecimal decimal(
      final String field, final String raw, final boolean lenientMoney) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    final String digits = lenientMoney ? text.replace("$", "").replace(",", "").strip() : text;
    try {
      return new BigDecimal(digits);
    } catch (final NumberFormatException e) {
      throw new Rejection(RejectReason.WRONG_FIELD_TYPE, field + "='" + text + "' is not a number");
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
      throw new Rejection(RejectReason.WRONG_FIELD_TYPE, field + "=" + amount + " overflows");
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
      throw new Rejection(
          RejectReason.WRONG_FIELD_TYPE, field + "=" + value + " is not an integer");
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
      throw new Rejection(RejectReason.WRONG_FIELD_TYPE, field + "=" + value + " overflows");
    }
  }

  /** A number rounded half-up to an int (living area). */
  public static Integer roundedInt(final String field, final BigDecimal value) {
    final Long rounded = rounded(field, value);
    if (rounded == null) {
      return null;
    }
    if (rounded > Integer.MAX_VALUE || rounded < Integer.MIN_VALUE) {
      throw new Rejection(RejectReason.WRONG_FIELD_TYPE, field + "=" + value + " overflows");
    }
    return rounded.intValue();
  }

  /** A county date: ISO-8601 ({@code 2010-06-15}) or US {@code M/D/YYYY} ({@code 6/15/2010}). */
  public static LocalDate countyDate(final String field, final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    try {
      return text.indexOf('/') >= 0 ? LocalDate.parse(text, US_DATE) : LocalDate.parse(text);
    } catch (final DateTimeParseException e) {
      throw new Rejection(
          RejectReason.INVALID_DATE, field + "='" + text + "' is not YYYY-MM-DD or M/D/YYYY");
    }
  }

  /**
   * A postal code: US ZIP and ZIP+4 become the five-digit ZIP ({@code 50010-1234} → {@code 50010});
   * three or four digits are a ZIP that lost its leading zeros ({@code 2134} → {@code 02134});
   * anything else is kept upper case with single spaces (non-US codes).
   */
  public static String postalCode(final String raw) {
    final String text = clean(raw);
    if (text == null) {
      return null;
    }
    final var zip = US_ZIP.matcher(text);
    if (zip.matches()) {
      return zip.group(1);
    }
    if (SHORT_ZIP.matcher(text).matches()) {
      return "0".repeat(5 - text.length()) + text;
    }
    return SPACES.matcher(text.toUpperCase(Locale.ROOT)).replaceAll(" ");
  }
}
