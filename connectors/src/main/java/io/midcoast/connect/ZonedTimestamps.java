package io.midcoast.connect;

import java.util.Map;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Single message transform that rewrites every Connect {@code Timestamp} field of a record value
 * (at any depth of nested structs) as an ISO-8601 UTC string ({@code 2010-06-01T08:00:00.500Z})
 * with the schema name {@value #ZONED_TIMESTAMP}, Debezium's logical type for a point in time.
 *
 * <p>Why: Debezium's JDBC sink binds a Connect {@code Timestamp} as a {@code LocalDateTime}, which
 * Postgres turns into a {@code timestamptz} using the session time zone, and the Postgres JDBC
 * driver sets that to the Connect worker JVM's default zone: a worker not running on UTC would
 * shift every instant. A {@value #ZONED_TIMESTAMP} is bound as an {@code OffsetDateTime}, exact in
 * any zone. Tombstones pass through unchanged.
 *
 * @param <R> the record type
 */
public final class ZonedTimestamps<R extends ConnectRecord<R>> implements Transformation<R> {

  /** Debezium's {@code io.debezium.time.ZonedTimestamp} logical name (an ISO-8601 string). */
  public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

  private static final Schema ZONED = zoned(false);
  private static final Schema OPTIONAL_ZONED = zoned(true);
  private static final int SCHEMA_CACHE_SIZE = 64;

  private final Cache<Schema, Schema> schemas =
      new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));

  /** Created by Connect from the transform's class name. */
  public ZonedTimestamps() {}

  @Override
  public void configure(final Map<String, ?> configs) {
    // no options
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public R apply(final R record) {
    if (record.value() == null) {
      return record;
    }
    if (record.valueSchema() == null || !(record.value() instanceof Struct value)) {
      throw new DataException(
          "ZonedTimestamps needs a struct value with a schema on topic " + record.topic());
    }
    Schema updated = schemas.get(value.schema());
    if (updated == null) {
      updated = convertSchema(value.schema());
      schemas.put(value.schema(), updated);
    }
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        updated,
        convertStruct(value, updated),
        record.timestamp());
  }

  @Override
  public void close() {
    // nothing to release
  }

  private static Schema convertSchema(final Schema struct) {
    final SchemaBuilder builder =
        SchemaBuilder.struct().name(struct.name()).version(struct.version()).doc(struct.doc());
    if (struct.isOptional()) {
      builder.optional();
    }
    for (final Field field : struct.fields()) {
      final Schema schema = field.schema();
      if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
        builder.field(field.name(), schema.isOptional() ? OPTIONAL_ZONED : ZONED);
      } else if (schema.type() == Schema.Type.STRUCT) {
        builder.field(field.name(), convertSchema(schema));
      } else {
        builder.field(field.name(), schema);
      }
    }
    return builder.build();
  }

  private static Struct convertStruct(final Struct value, final Schema target) {
    final Struct out = new Struct(target);
    for (final Field field : value.schema().fields()) {
      final Object fieldValue = value.get(field);
      if (fieldValue == null) {
        continue;
      }
      final Schema schema = field.schema();
      if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
        out.put(field.name(), ((java.util.Date) fieldValue).toInstant().toString());
      } else if (schema.type() == Schema.Type.STRUCT) {
        out.put(
            field.name(), convertStruct((Struct) fieldValue, target.field(field.name()).schema()));
      } else {
        out.put(field.name(), fieldValue);
      }
    }
    return out;
  }

  private static Schema zoned(final boolean optional) {
    final SchemaBuilder builder = SchemaBuilder.string().name(ZONED_TIMESTAMP).version(1);
    return optional ? builder.optional().build() : builder.build();
  }
}
