package io.midcoast.connect;

import io.debezium.connector.jdbc.naming.ColumnNamingStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Debezium JDBC sink {@code column.naming.strategy}: maps the flattened camelCase field paths of
 * Midcoast records (produced by Connect's {@code Flatten} with delimiter {@code _}) to snake_case
 * column names.
 *
 * <p>{@code address_postalCode} → {@code address_postal_code}; {@code listing_listingKey} → {@code
 * listing_key} (a segment repeating its parent is collapsed); with {@value
 * #DROPPED_PREFIXES_CONFIG} {@code =characteristics_}, {@code characteristics_livingAreaSqft} →
 * {@code living_area_sqft}.
 *
 * <p>Configuration (read from the connector configuration Debezium passes to {@link
 * #configure(Map)}): {@value #DROPPED_PREFIXES_CONFIG}, a comma-separated list of field-path
 * prefixes removed before conversion (default: none).
 */
public final class SnakeCaseColumnNamingStrategy implements ColumnNamingStrategy {

  /** Connector property: comma-separated field-path prefixes removed from column names. */
  public static final String DROPPED_PREFIXES_CONFIG = "midcoast.column.naming.dropped.prefixes";

  private volatile List<String> droppedPrefixes = List.of();

  /** Creates a strategy without dropped prefixes; Debezium then calls {@link #configure(Map)}. */
  public SnakeCaseColumnNamingStrategy() {}

  @Override
  public void configure(final Map<String, String> properties) {
    final String value = properties.getOrDefault(DROPPED_PREFIXES_CONFIG, "");
    this.droppedPrefixes =
        Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
  }

  @Override
  public String resolveColumnName(final String fieldName) {
    return ColumnNames.column(fieldName, droppedPrefixes);
  }
}
