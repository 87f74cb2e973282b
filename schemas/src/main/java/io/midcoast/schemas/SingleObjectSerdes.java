package io.midcoast.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (2-byte marker, 8-byte CRC-64-AVRO fingerprint of the writer schema,
 * binary body). Writes with the current generated schema; reads any writer schema found in {@link
 * ReleasedSchemas}, resolved to the current one.
 */
final class SingleObjectSerdes implements RecordSerdes {

  static final SingleObjectSerdes INSTANCE =
      new SingleObjectSerdes(ReleasedSchemas.shipped().store());

  private final SchemaStore store;
  private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

  SingleObjectSerdes(final SchemaStore store) {
    this.store = store;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> Serde<T> serde(final Class<T> type) {
    return (Serde<T>) serdes.computeIfAbsent(type, t -> create(type));
  }

  private <T extends SpecificRecord> Serde<T> create(final Class<T> type) {
    final Schema schema = SpecificData.get().getSchema(type);
    // the generated class's own model carries the logical-type conversions (date, timestamp)
    final SpecificData model = SpecificData.getForClass(type);
    final BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
    final BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(model, schema, store);
    final Serializer<T> serializer =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            final ByteBuffer buffer = encoder.encode(value);
            final byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
          } catch (final IOException | RuntimeException e) {
            throw new SerializationException(
                "cannot encode " + type.getSimpleName() + " for topic " + topic, e);
          }
        };
    final Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return decoder.decode(bytes);
          } catch (final IOException | RuntimeException e) {
            throw new SerializationException(
                "cannot decode " + type.getSimpleName() + " from topic " + topic, e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
