package io.midcoast.embedded.faults;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Values as Postgres renders {@code column::text} in a UTC session ({@link ExpectedTable}). */
public final class PgText {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private PgText() {}

  /**
   * A {@code timestamptz}: {@code 2021-05-03 18:00:00+00}, with the fraction of a second (without
   * trailing zeros) when there is one.
   */
  public static String timestamp(final Instant instant) {
    if (instant == null) {
      return null;
    }
    final String fraction =
        instant.getNano() == 0
            ? ""
            : BigDecimal.valueOf(instant.getNano(), 9)
                .stripTrailingZeros()
                .toPlainString()
                .substring(1);
    return SECONDS.format(instant) + fraction + "+00";
  }

  /**
   * A {@code double precision} of at most 15 significant digits: its shortest decimal form, without
   * exponent ({@code 2}, {@code 44.9421}).
   */
  public static String decimal(final String decimal) {
    return decimal == null ? null : new BigDecimal(decimal).stripTrailingZeros().toPlainString();
  }

  /** A {@code double precision} value of a record. */
  public static String decimal(final Double value) {
    return value == null ? null : decimal(Double.toString(value));
  }
}
