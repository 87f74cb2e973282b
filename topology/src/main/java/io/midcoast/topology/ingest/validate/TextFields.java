package io.midcoast.topology.ingest.validate;

import io.midcoast.topology.deadletter.ControlCharacters;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rules on every field an observation keeps, whatever fields the feed fills, nested records and
 * arrays included; they run in this order, the first failure is the reason:
 *
 * <ol>
 *   <li>{@code FIELD_TOO_LONG}: a text longer than {@link #MAX_CHARS}. It bounds what one source
 *       record adds to the state of its property: RESO's data dictionary caps the fields Midcoast
 *       keeps (addresses, codes, lookups) at 255 characters or fewer, so 1,024 leaves room for
 *       joined multi-value lookups.
 *   <li>{@code CONTROL_CHARACTER}: a text holding a control character other than tab, line feed or
 *       carriage return (U+0000..U+001F, U+007F). Postgres text cannot hold U+0000 at all: one such
 *       character in a city once stopped every sink that carries the city.
 *   <li>{@code DATE_OUT_OF_RANGE}: a date or timestamp before {@link #MIN_DATE} or after {@link
 *       #MAX_DATE}. ISO dates parse with any signed year ({@code -5000-01-01}); Postgres dates
 *       start in 4713 BC, and no real-estate record predates 1600.
 * </ol>
 */
final class TextFields {

  /** The longest text a kept field may hold. */
  static final int MAX_CHARS = 1_024;

  /** The earliest date a kept field may hold: as for year built. */
  static final LocalDate MIN_DATE = LocalDate.of(Validator.MIN_YEAR_BUILT, 1, 1);

  /** The latest date a kept field may hold: four-digit years only. */
  static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

  private TextFields() {}

  /**
   * Checks every field of {@code record}.
   *
   * @throws Rejection naming the rule and the first field that breaks it
   */
  static void check(final SpecificRecord record) {
    final List<Field> fields = new ArrayList<>();
    collect(record, "", fields);
    for (final Field f : fields) {
      if (f.value() instanceof CharSequence text && text.length() > MAX_CHARS) {
        throw new Rejection(
            RejectReason.FIELD_TOO_LONG,
            f.path() + " has " + text.length() + " characters (at most " + MAX_CHARS + ")");
      }
    }
    for (final Field f : fields) {
      if (f.value() instanceof CharSequence text) {
        final int at = ControlCharacters.indexIn(text);
        if (at >= 0) {
          throw new Rejection(
              RejectReason.CONTROL_CHARACTER,
              f.path() + " holds the control character " + ControlCharacters.describe(text, at));
        }
      }
    }
    for (final Field f : fields) {
      final LocalDate date = dateOf(f.value());
      if (date != null && (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE))) {
        throw new Rejection(
            RejectReason.DATE_OUT_OF_RANGE,
            f.path() + "=" + f.value() + " is outside " + MIN_DATE + ".." + MAX_DATE);
      }
    }
  }

  private static LocalDate dateOf(final Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof Instant instant) {
      // Instant.MIN/MAX lie beyond LocalDate's range: clamp before converting.
      if (instant.isBefore(MIN_DATE.atStartOfDay(ZoneOffset.UTC).toInstant())) {
        return MIN_DATE.minusDays(1);
      }
      if (instant.isAfter(MAX_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
        return MAX_DATE.plusDays(1);
      }
      return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
    return null;
  }

  private static void collect(
      final SpecificRecord record, final String path, final List<Field> out) {
    for (final Schema.Field field : record.getSchema().getFields()) {
      collectValue(record.get(field.pos()), path + field.name(), out);
    }
  }

  private static void collectValue(final Object value, final String path, final List<Field> out) {
    if (value instanceof SpecificRecord nested) {
      collect(nested, path + ".", out);
    } else if (value instanceof Collection<?> items) {
      for (final Object item : items) {
        collectValue(item, path + "[]", out);
      }
    } else if (value != null) {
      out.add(new Field(path, value));
    }
  }

  private record Field(String path, Object value) {}
}
