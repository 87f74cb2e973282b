package io.midcoast.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Single message transform that replaces every {@code ARRAY} and {@code MAP} field of a record
 * value (at any depth of nested structs) by its JSON text, so that a flat table can hold it in a
 * {@code jsonb} column.
 *
 * <p>JSON keys of nested structs are snake_case ({@code closePriceCents} → {@code
 * close_price_cents}), like the column names; Connect {@code Date} values become {@code
 * "YYYY-MM-DD"}, {@code Timestamp} values ISO-8601 instants, {@code Decimal} values JSON numbers,
 * bytes base64 strings. The new fields are {@code STRING}s named {@value #JSON_SCHEMA_NAME} (a sink
 * that does not know the name writes them as text). An optional array stays optional (a null array
 * is a SQL {@code NULL}; an empty one is {@code []}). Tombstones pass through unchanged. Values
 * without a schema are rejected.
 *
 * <p>Place it before {@code org.apache.kafka.connect.transforms.Flatten$Value} in the chain.
 *
 * @param <R> the record type
 */
public final class ArraysToJson<R extends ConnectRecord<R>> extends StructFieldTransform<R> {

  /** Name of the (string) Connect schema of the JSON text fields this transform produces. */
  public static final String JSON_SCHEMA_NAME = "io.midcoast.connect.Json";

  private static final Schema JSON_SCHEMA = jsonSchema(false);
  private static final Schema OPTIONAL_JSON_SCHEMA = jsonSchema(true);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Created by Connect from the transform's class name. */
  public ArraysToJson() {}

  @Override
  boolean converts(final Schema schema) {
    return schema.type() == Schema.Type.ARRAY || schema.type() == Schema.Type.MAP;
  }

  @Override
  Schema convertedSchema(final Schema schema) {
    return schema.isOptional() ? OPTIONAL_JSON_SCHEMA : JSON_SCHEMA;
  }

  @Override
  Object convert(final Schema schema, final Object value) {
    return toJsonText(schema, value);
  }

  private static String toJsonText(final Schema schema, final Object value) {
    try {
      return JSON.writeValueAsString(toJson(schema, value));
    } catch (final JsonProcessingException e) {
      throw new DataException("cannot write " + schema + " as JSON", e);
    }
  }

  /** The JSON form of one Connect value. */
  static JsonNode toJson(final Schema schema, final Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Date.LOGICAL_NAME -> {
          return NODES.textNode(
              LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
        }
        case Timestamp.LOGICAL_NAME -> {
          return NODES.textNode(
              Instant.ofEpochMilli(((java.util.Date) value).getTime()).toString());
        }
        case Time.LOGICAL_NAME -> {
          return NODES.textNode(
              LocalTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
        }
        case Decimal.LOGICAL_NAME -> {
          return NODES.numberNode((BigDecimal) value);
        }
        default -> {
          // not a logical type: fall through to the physical type
        }
      }
    }
    return switch (schema.type()) {
      case INT8 -> NODES.numberNode((Byte) value);
      case INT16 -> NODES.numberNode((Short) value);
      case INT32 -> NODES.numberNode((Integer) value);
      case INT64 -> NODES.numberNode((Long) value);
      case FLOAT32 -> NODES.numberNode((Float) value);
      case FLOAT64 -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case STRING -> NODES.textNode((String) value);
      case BYTES ->
          NODES.textNode(
              Base64.getEncoder()
                  .encodeToString(
                      value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value));
      case ARRAY -> {
        final ArrayNode array = NODES.arrayNode();
        for (final Object element : (Collection<?>) value) {
          array.add(toJson(schema.valueSchema(), element));
        }
        yield array;
      }
      case MAP -> {
        final ObjectNode object = NODES.objectNode();
        for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          object.set(
              String.valueOf(entry.getKey()), toJson(schema.valueSchema(), entry.getValue()));
        }
        yield object;
      }
      case STRUCT -> {
        final Struct struct = (Struct) value;
        final ObjectNode object = NODES.objectNode();
        for (final Field field : schema.fields()) {
          object.set(
              ColumnNames.snakeCase(field.name()), toJson(field.schema(), struct.get(field)));
        }
        yield object;
      }
    };
  }

  private static Schema jsonSchema(final boolean optional) {
    final SchemaBuilder builder =
        SchemaBuilder.string().name(JSON_SCHEMA_NAME).version(1).doc("JSON text");
    return optional ? builder.optional().build() : builder.build();
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
