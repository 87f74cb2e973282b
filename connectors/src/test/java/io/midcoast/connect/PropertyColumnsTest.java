package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The sink's column names and types are exactly the columns of the {@code property} table: those
 * V1__property.sql creates, then those later migrations add (in that order, as Postgres lists
 * them). The sink binds columns by name, so its own column order does not have to match the
 * table's.
 */
class PropertyColumnsTest {

  private static final Pattern COLUMN =
      Pattern.compile("^\\s{4}([a-z_0-9]+)\\s+([a-z ]+?)(\\s+NOT NULL)?,?$", Pattern.MULTILINE);

  private static final Pattern ADDED_COLUMN =
      Pattern.compile(
          "^\\s{4}ADD COLUMN ([a-z_0-9]+)\\s+([a-z ]+?)(\\s+NOT NULL)?[,;]?$", Pattern.MULTILINE);

  /** The migrations that change the property table after V1 creates it, in order. */
  private static final List<String> ALTERATIONS =
      List.of("V3__property_characteristics.sql", "V8__property_last_sale_listing.sql");

  private final Map<String, String> config =
      SinkConnectors.propertySink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrations() throws IOException {
    final Map<String, String> columns = sinkColumns();

    assertThat(List.copyOf(columns.keySet()))
        .containsExactlyInAnyOrderElementsOf(List.copyOf(migrationColumns().keySet()));
  }

  @Test
  void shouldWriteEveryColumnWithItsMigrationType() throws IOException {
    assertThat(sinkColumns()).containsExactlyInAnyOrderEntriesOf(migrationColumns());
  }

  @Test
  void shouldWriteTheColumnsOfTheFirstMigrationInItsOrder() throws IOException {
    final List<String> created = List.copyOf(createdColumns().keySet());

    assertThat(sinkColumns().keySet().stream().filter(created::contains).toList())
        .containsExactlyElementsOf(created);
  }

  /** Column name → "sql type[ NOT NULL]", as the sink writes a full property. */
  private Map<String, String> sinkColumns() {
    final SnakeCaseColumnNamingStrategy naming = new SnakeCaseColumnNamingStrategy();
    naming.configure(config);
    final SinkRecord record;
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      record =
          pipeline.sinkRecord(
              SinkConnectors.PROPERTY_TOPIC, "p-1", Properties.encode(Properties.full("p-1")), 0L);
    }
    final Map<String, String> columns = new LinkedHashMap<>();
    for (final Field field : record.keySchema().fields()) {
      columns.put(naming.resolveColumnName(field.name()), sqlType(field.schema()) + " NOT NULL");
    }
    for (final Field field : record.valueSchema().fields()) {
      final String name = naming.resolveColumnName(field.name());
      assertThat(columns).as("column %s written twice", name).doesNotContainKey(name);
      columns.put(name, sqlType(field.schema()) + (field.schema().isOptional() ? "" : " NOT NULL"));
    }
    return columns;
  }

  private static String sqlType(final Schema schema) {
    if (Date.LOGICAL_NAME.equals(schema.name())) {
      return "date";
    }
    if (ZonedTimestamps.ZONED_TIMESTAMP.equals(schema.name())) {
      return "timestamptz";
    }
    return switch (schema.type()) {
      case INT32 -> "integer";
      case INT64 -> "bigint";
      case FLOAT64 -> "double precision";
      case BOOLEAN -> "boolean";
      case STRING -> ArraysToJson.JSON_SCHEMA_NAME.equals(schema.name()) ? "jsonb" : "text";
      default -> throw new AssertionError("unmapped Connect type " + schema);
    };
  }

  /**
   * Column name → "sql type[ NOT NULL]" of the property table after every migration, in table
   * order: the CREATE TABLE of V1__property.sql, then the ADD COLUMNs of {@link #ALTERATIONS}.
   */
  static Map<String, String> migrationColumns() throws IOException {
    final Map<String, String> columns = createdColumns();
    for (final String alteration : ALTERATIONS) {
      final Matcher matcher = ADDED_COLUMN.matcher(migration(alteration));
      while (matcher.find()) {
        assertThat(columns)
            .as("column %s added twice", matcher.group(1))
            .doesNotContainKey(matcher.group(1));
        columns.put(matcher.group(1), type(matcher));
      }
    }
    return columns;
  }

  /** Column name → "sql type[ NOT NULL]" of the CREATE TABLE in V1__property.sql. */
  private static Map<String, String> createdColumns() throws IOException {
    final String sql = migration("V1__property.sql");
    final int start = sql.indexOf("CREATE TABLE property (");
    final String table = sql.substring(start, sql.indexOf("\n);", start));
    final Map<String, String> columns = new LinkedHashMap<>();
    final Matcher matcher = COLUMN.matcher(table);
    while (matcher.find()) {
      columns.put(matcher.group(1), type(matcher));
    }
    return columns;
  }

  private static String type(final Matcher matcher) {
    return matcher.group(2).strip() + (matcher.group(3) != null ? " NOT NULL" : "");
  }

  private static String migration(final String file) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            PropertyColumnsTest.class.getResourceAsStream("/db/migration/" + file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
