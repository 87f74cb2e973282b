package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The columns a sink writes and the columns a migration creates, both as column name → "sql type[
 * NOT NULL]", so that a test can require them to be equal.
 */
final class SinkColumns {

  private static final Pattern COLUMN =
      Pattern.compile("^\\s{4}([a-z_0-9]+)\\s+([a-z ]+?)(\\s+NOT NULL)?,?$", Pattern.MULTILINE);

  private static final Pattern ADDED_COLUMN =
      Pattern.compile(
          "^\\s{4}ADD COLUMN ([a-z_0-9]+)\\s+([a-z ]+?)(\\s+NOT NULL)?[,;]?$", Pattern.MULTILINE);

  private SinkColumns() {}

  /**
   * The columns the sink configured by {@code config} writes for one record, in the order the sink
   * sees its fields: the key columns (never null), then the value's.
   */
  static Map<String, String> written(
      final Map<String, String> config, final String topic, final String key, final byte[] value) {
    final SnakeCaseColumnNamingStrategy naming = new SnakeCaseColumnNamingStrategy();
    naming.configure(config);
    final SinkRecord record;
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      record = pipeline.sinkRecord(topic, key, value, 0L);
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

  /**
   * The columns of {@code CREATE TABLE <table> (...)} in the migration {@code file}, in order, then
   * those the {@code ADD COLUMN}s of the later migrations {@code alterations} add (in that order,
   * as Postgres lists them).
   */
  static Map<String, String> created(
      final String file, final String table, final String... alterations) {
    final String sql = migration(file);
    final String create = "CREATE TABLE " + table + " (";
    final int start = sql.indexOf(create);
    assertThat(start).as("%s creates table %s", file, table).isNotNegative();
    final Map<String, String> columns = new LinkedHashMap<>();
    final Matcher matcher = COLUMN.matcher(sql.substring(start, sql.indexOf("\n);", start)));
    while (matcher.find()) {
      columns.put(matcher.group(1), type(matcher));
    }
    for (final String alteration : alterations) {
      final Matcher added = ADDED_COLUMN.matcher(migration(alteration));
      while (added.find()) {
        assertThat(columns)
            .as("column %s added twice", added.group(1))
            .doesNotContainKey(added.group(1));
        columns.put(added.group(1), type(added));
      }
    }
    return columns;
  }

  private static String type(final Matcher matcher) {
    return matcher.group(2).strip() + (matcher.group(3) != null ? " NOT NULL" : "");
  }

  /** The SQL type Debezium's Postgres dialect binds a Connect field of this schema to. */
  static String sqlType(final Schema schema) {
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

  private static String migration(final String file) {
    try (InputStream in =
        Objects.requireNonNull(
            SinkColumns.class.getResourceAsStream("/db/migration/" + file), file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
