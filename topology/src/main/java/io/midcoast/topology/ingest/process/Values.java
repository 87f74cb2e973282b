package io.midcoast.topology.ingest.process;

import io.midcoast.schemas.reso.ResoValues;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ingest's own value rules, beside the RESO value rules of {@link ResoValues} (schemas module,
 * used by both mappers for text, numbers, cents, whole numbers and rounding): county money and
 * county dates ({@link CountyMapper}) and postal codes (both feeds). Every method is pure; bad
 * input is a {@link Rejection}.
 */
public final class Values {

  private static final DateTimeFormatter US_DATE =
      DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern US_ZIP = Pattern.compile("(\\d{5})(?:-?\\d{4})?");
  private static final Pattern SHORT_ZIP = Pattern.compile("\\d{3,4}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Values() {}

  /**
   * County money: a decimal number that may carry a {@code $} and {@code ,} thousands separators
   * ({@code $1,234,567.89}); blank is null. Unlike {@link ResoValues#decimal}, a cell left blank by
   * removing them ({@code $}) is rejected, and the detail quotes the cell as written.
   */
  public static BigDecimal countyMoney(final String field, final String raw) {
    final String text = ResoValues.clean(raw);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.replace("$", "").replace(",", "").strip());
    } catch (final NumberFormatException e) {
      throw new Rejection(RejectReason.WRONG_FIELD_TYPE, field + "='" + text + "' is not a number");
    }
  }

  /** A county date: ISO-8601 ({@code 2010-06-15}) or US {@code M/D/YYYY} ({@code 6/15/2010}). */
  public static LocalDate countyDate(final String field, final String raw) {
    final String text = ResoValues.clean(raw);
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
    final String text = ResoValues.clean(raw);
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
