package io.midcoast.connect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Single message transform that splits a composite string key such as {@code
 * "subdivision:North_Ames:2010-05"} into a struct of named string fields, so that a JDBC sink can
 * use them as a composite primary key ({@code primary.key.mode=record_key}) and delete by it on a
 * tombstone.
 *
 * <p>Configuration: {@value #FIELDS_CONFIG}, the comma-separated field names (at least two);
 * {@value #SEPARATOR_CONFIG}, the separator (default {@code :}). With n fields, the first n−2
 * fields end at the first separators, the last field starts after the last separator, and field n−1
 * takes everything between — it may itself contain the separator (a region id {@code "Old:Town"}).
 * A key with fewer than n−1 separators, or with an empty part, is a {@link DataException}. The
 * value is left as it is (tombstones included).
 *
 * @param <R> the record type
 */
public final class SplitKey<R extends ConnectRecord<R>> implements Transformation<R> {

  /** Comma-separated names of the key struct's fields. */
  public static final String FIELDS_CONFIG = "fields";

  /** The separator between the parts of the key (default {@code :}). */
  public static final String SEPARATOR_CONFIG = "separator";

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              FIELDS_CONFIG,
              ConfigDef.Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              ConfigDef.Importance.HIGH,
              "names of the key struct's fields, in key order")
          .define(
              SEPARATOR_CONFIG,
              ConfigDef.Type.STRING,
              ":",
              ConfigDef.Importance.LOW,
              "separator between the parts of the key");

  private List<String> fields;
  private String separator;
  private Schema schema;

  /** Created by Connect from the transform's class name. */
  public SplitKey() {}

  @Override
  public void configure(final Map<String, ?> configs) {
    final Map<String, Object> parsed = CONFIG.parse(configs);
    @SuppressWarnings("unchecked")
    final List<String> names = (List<String>) parsed.get(FIELDS_CONFIG);
    if (names.size() < 2) {
      throw new org.apache.kafka.common.config.ConfigException(
          FIELDS_CONFIG, names, "needs at least two field names");
    }
    this.fields = List.copyOf(names);
    this.separator = (String) parsed.get(SEPARATOR_CONFIG);
    if (separator.isEmpty()) {
      throw new org.apache.kafka.common.config.ConfigException(
          SEPARATOR_CONFIG, separator, "must not be empty");
    }
    final SchemaBuilder builder = SchemaBuilder.struct().name("io.midcoast.connect.SplitKey");
    fields.forEach(f -> builder.field(f, Schema.STRING_SCHEMA));
    this.schema = builder.build();
  }

  @Override
  public R apply(final R record) {
    if (!(record.key() instanceof String key)) {
      throw new DataException(
          "SplitKey needs a string key on topic " + record.topic() + ", got " + record.key());
    }
    final Struct struct = new Struct(schema);
    final String[] parts = split(key);
    for (int i = 0; i < parts.length; i++) {
      struct.put(fields.get(i), parts[i]);
    }
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        schema,
        struct,
        record.valueSchema(),
        record.value(),
        record.timestamp());
  }

  /** The parts of {@code key}, one per field. */
  String[] split(final String key) {
    final int n = fields.size();
    final String[] parts = new String[n];
    int start = 0;
    for (int i = 0; i < n - 2; i++) {
      final int at = key.indexOf(separator, start);
      if (at < 0) {
        throw malformed(key);
      }
      parts[i] = key.substring(start, at);
      start = at + separator.length();
    }
    final int last = key.lastIndexOf(separator);
    if (last < start) {
      throw malformed(key);
    }
    parts[n - 2] = key.substring(start, last);
    parts[n - 1] = key.substring(last + separator.length());
    if (Arrays.stream(parts).anyMatch(String::isEmpty)) {
      throw malformed(key);
    }
    return parts;
  }

  private DataException malformed(final String key) {
    return new DataException(
        "key '" + key + "' does not split into " + fields + " at '" + separator + "'");
  }

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public void close() {}
}
