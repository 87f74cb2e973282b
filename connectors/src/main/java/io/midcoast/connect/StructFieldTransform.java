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
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A single message transform that rewrites some fields of a struct value, at any depth of nested
 * structs: the subclass says which field schemas it {@link #converts}, their new schema and how a
 * value is converted; this class walks the structs, caches the converted schemas, and passes
 * tombstones through. Values without a struct schema are rejected. No configuration.
 *
 * @param <R> the record type
 */
abstract class StructFieldTransform<R extends ConnectRecord<R>> implements Transformation<R> {

  private static final int SCHEMA_CACHE_SIZE = 64;

  private final Cache<Schema, Schema> schemas =
      new SynchronizedCache<>(new LRUCache<>(SCHEMA_CACHE_SIZE));

  /** Whether fields of this schema are rewritten. */
  abstract boolean converts(Schema schema);

  /** The schema a rewritten field gets. */
  abstract Schema convertedSchema(Schema schema);

  /** The rewritten value of a non-null field of a schema this transform {@link #converts}. */
  abstract Object convert(Schema schema, Object value);

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
          getClass().getSimpleName()
              + " needs a struct value with a schema on topic "
              + record.topic());
    }
    Schema updated = schemas.get(value.schema());
    if (updated == null) {
      updated = convertStructSchema(value.schema());
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

  private Schema convertStructSchema(final Schema struct) {
    final SchemaBuilder builder =
        SchemaBuilder.struct().name(struct.name()).version(struct.version()).doc(struct.doc());
    if (struct.isOptional()) {
      builder.optional();
    }
    for (final Field field : struct.fields()) {
      final Schema schema = field.schema();
      if (converts(schema)) {
        builder.field(field.name(), convertedSchema(schema));
      } else if (schema.type() == Schema.Type.STRUCT) {
        builder.field(field.name(), convertStructSchema(schema));
      } else {
        builder.field(field.name(), schema);
      }
    }
    return builder.build();
  }

  private Struct convertStruct(final Struct value, final Schema target) {
    final Struct out = new Struct(target);
    for (final Field field : value.schema().fields()) {
      final Object fieldValue = value.get(field);
      if (fieldValue == null) {
        continue;
      }
      final Schema schema = field.schema();
      if (converts(schema)) {
        out.put(field.name(), convert(schema, fieldValue));
      } else if (schema.type() == Schema.Type.STRUCT) {
        out.put(
            field.name(), convertStruct((Struct) fieldValue, target.field(field.name()).schema()));
      } else {
        out.put(field.name(), fieldValue);
      }
    }
    return out;
  }
}
