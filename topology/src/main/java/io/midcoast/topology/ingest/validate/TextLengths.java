package io.midcoast.topology.ingest.validate;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The {@code FIELD_TOO_LONG} rule: no text an observation keeps is longer than {@link #MAX_CHARS}.
 * It bounds what one source record adds to the state of its property, whatever fields the feed
 * fills: RESO's data dictionary caps the fields Midcoast keeps (addresses, codes, lookups) at 255
 * characters or fewer, so 1,024 leaves room for joined multi-value lookups.
 */
final class TextLengths {

  /** The longest text a kept field may hold. */
  static final int MAX_CHARS = 1_024;

  private TextLengths() {}

  /**
   * Checks every text field of {@code record}, nested records and arrays included.
   *
   * @throws Rejection {@code FIELD_TOO_LONG} naming the first field that is too long
   */
  static void check(final SpecificRecord record) {
    check(record, "");
  }

  private static void check(final SpecificRecord record, final String path) {
    for (final Schema.Field field : record.getSchema().getFields()) {
      checkValue(record.get(field.pos()), path + field.name());
    }
  }

  private static void checkValue(final Object value, final String path) {
    if (value instanceof CharSequence text) {
      if (text.length() > MAX_CHARS) {
        throw new Rejection(
            RejectReason.FIELD_TOO_LONG,
            path + " has " + text.length() + " characters (at most " + MAX_CHARS + ")");
      }
    } else if (value instanceof SpecificRecord nested) {
      check(nested, path + ".");
    } else if (value instanceof Collection<?> items) {
      for (final Object item : items) {
        checkValue(item, path + "[]");
      }
    }
  }
}
