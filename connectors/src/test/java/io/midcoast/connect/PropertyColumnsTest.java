package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sink's column names and types are exactly the columns of the {@code property} table: those
 * V1__property.sql creates, then those later migrations add (in that order, as Postgres lists
 * them). The sink binds columns by name, so its own column order does not have to match the
 * table's.
 */
class PropertyColumnsTest {

  /** The migrations that change the property table after V1 creates it, in order. */
  private static final String[] ALTERATIONS = {
    "V3__property_characteristics.sql", "V8__property_last_sale_listing.sql"
  };

  private final Map<String, String> config =
      SinkConnectors.propertySink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrations() {
    assertThat(List.copyOf(sinkColumns().keySet()))
        .containsExactlyInAnyOrderElementsOf(List.copyOf(migrationColumns().keySet()));
  }

  @Test
  void shouldWriteEveryColumnWithItsMigrationType() {
    assertThat(sinkColumns()).containsExactlyInAnyOrderEntriesOf(migrationColumns());
  }

  @Test
  void shouldWriteTheColumnsOfTheFirstMigrationInItsOrder() {
    final List<String> created =
        List.copyOf(SinkColumns.created("V1__property.sql", "property").keySet());

    assertThat(sinkColumns().keySet().stream().filter(created::contains).toList())
        .containsExactlyElementsOf(created);
  }

  /** Column name → "sql type[ NOT NULL]", as the sink writes a full property. */
  private Map<String, String> sinkColumns() {
    return SinkColumns.written(
        config, SinkConnectors.PROPERTY_TOPIC, "p-1", Properties.encode(Properties.full("p-1")));
  }

  /**
   * Column name → "sql type[ NOT NULL]" of the property table after every migration, in table
   * order: the CREATE TABLE of V1__property.sql, then the ADD COLUMNs of {@link #ALTERATIONS}.
   */
  static Map<String, String> migrationColumns() {
    return SinkColumns.created("V1__property.sql", "property", ALTERATIONS);
  }
}
