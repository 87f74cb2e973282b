package io.midcoast.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The naming rules shared by {@link SnakeCaseColumnNamingStrategy} (column names) and {@link
 * ArraysToJson} (JSON keys): a pure function of a field name.
 */
final class ColumnNames {

  /** The delimiter Connect's {@code Flatten} transform is configured with. */
  static final String DELIMITER = "_";

  private ColumnNames() {}

  /**
   * The snake_case form of one camelCase name: {@code postalCode} becomes {@code postal_code},
   * {@code listPriceCents} becomes {@code list_price_cents}, {@code HTTPServer} becomes {@code
   * http_server}. Names already in snake_case are returned lower-cased.
   */
  static String snakeCase(final String name) {
    final StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      final char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        final char previous = name.charAt(i - 1);
        final boolean nextIsLower =
            i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(previous)
            || Character.isDigit(previous)
            || (Character.isUpperCase(previous) && nextIsLower)) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
            out.append('_');
          }
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The column name of a flattened field path such as {@code address_postalCode}.
   *
   * <ol>
   *   <li>A leading prefix from {@code droppedPrefixes} is removed ({@code
   *       characteristics_bedrooms} becomes {@code bedrooms}).
   *   <li>Every {@value #DELIMITER}-separated segment is turned into snake_case.
   *   <li>A segment that repeats its parent is collapsed: {@code listing_listingKey} becomes {@code
   *       listing_key}, not {@code listing_listing_key}.
   * </ol>
   */
  static String column(final String fieldPath, final List<String> droppedPrefixes) {
    String path = fieldPath;
    for (final String prefix : droppedPrefixes) {
      if (!prefix.isEmpty() && path.startsWith(prefix) && path.length() > prefix.length()) {
        path = path.substring(prefix.length());
        break;
      }
    }
    final List<String> segments = new ArrayList<>();
    for (final String raw : path.split(DELIMITER)) {
      if (raw.isEmpty()) {
        continue;
      }
      final String segment = snakeCase(raw);
      final int last = segments.size() - 1;
      if (last >= 0
          && (segment.equals(segments.get(last))
              || segment.startsWith(segments.get(last) + DELIMITER))) {
        segments.set(last, segment);
      } else {
        segments.add(segment);
      }
    }
    return String.join(DELIMITER, segments);
  }
}
