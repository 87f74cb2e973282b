package io.midcoast.serving.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Avro records as the JSON bodies of the API: records become objects, optional fields that
 * are null are left out, enums become their symbol, dates ISO dates ({@code 2010-05-15}),
 * timestamps ISO instants, bytes base64. Field names are the schema's.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** The JSON view of one record. */
  public static ObjectNode toJson(final IndexedRecord record) {
    final ObjectNode node = NODES.objectNode();
    for (final Schema.Field field : record.getSchema().getFields()) {
      final Object value = record.get(field.pos());
      if (value != null) {
        node.set(field.name(), value(value));
      }
    }
    return node;
  }

  private static JsonNode value(final Object value) {
    if (value instanceof IndexedRecord record) {
      return toJson(record);
    }
    if (value instanceof Collection<?> items) {
      final ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(item == null ? NODES.nullNode() : value(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      final ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(k.toString(), v == null ? NODES.nullNode() : value(v)));
      return object;
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof ByteBuffer buffer) {
      final ByteBuffer copy = buffer.duplicate();
      final byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof LocalDate || value instanceof Instant || value instanceof Enum<?>) {
      return NODES.textNode(value.toString());
    }
    return NODES.textNode(value.toString());
  }
}
