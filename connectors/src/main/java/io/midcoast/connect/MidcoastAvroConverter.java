package io.midcoast.connect;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import io.midcoast.schemas.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect converter for Midcoast records: Avro single-object encoding (marker {@code C3 01},
 * 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, Avro binary body).
 *
 * <p>{@link #toConnectData} looks the writer schema up in {@link ReleasedSchemas#shipped()},
 * resolves the record to the newest released version of the same record (so every record of a topic
 * has the same Connect schema, whichever release wrote it) and maps it to Connect data with
 * Apicurio's {@link AvroData}: {@code date} → Connect {@code Date}, {@code timestamp-millis} →
 * Connect {@code Timestamp}, {@code union {null, T}} → optional {@code T}, enums → {@code STRING},
 * nested records → {@code STRUCT}, arrays → {@code ARRAY}. A {@code null} value (tombstone) becomes
 * {@link SchemaAndValue#NULL}.
 *
 * <p>{@link #fromConnectData} encodes a Connect value back, provided its schema is one of the
 * released schemas (as produced by {@link #toConnectData}); anything else is a {@link
 * DataException}.
 *
 * <p>Bytes that are not single-object encoded, and fingerprints of schemas this plugin does not
 * ship, are {@link DataException}s naming the topic and the problem: with {@code
 * errors.tolerance=none} the task stops rather than skip records silently.
 */
public final class MidcoastAvroConverter implements Converter {

  private static final Logger LOG = LoggerFactory.getLogger(MidcoastAvroConverter.class);
  private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
  private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;
  private static final int SCHEMA_CACHE_SIZE = 64;

  private final ReleasedSchemas released;
  private final SchemaStore store;
  private final AvroData avroData;
  private final Map<String, BinaryMessageDecoder<GenericRecord>> decoders =
      new ConcurrentHashMap<>();
  private final Map<Long, BinaryMessageEncoder<GenericRecord>> encoders = new ConcurrentHashMap<>();

  /** A converter over the schemas shipped in {@code midcoast-schemas}, as Connect creates it. */
  public MidcoastAvroConverter() {
    this(ReleasedSchemas.shipped());
  }

  MidcoastAvroConverter(final ReleasedSchemas released) {
    this.released = released;
    this.store = released.store();
    this.avroData =
        new AvroData(
            new AvroDataConfig.Builder()
                .with(AvroDataConfig.SCHEMAS_CACHE_SIZE_CONFIG, SCHEMA_CACHE_SIZE)
                .with(AvroDataConfig.CONNECT_META_DATA_CONFIG, false)
                // keeps enums as enums on the way back, so fromConnectData finds the released
                // schema
                .with(AvroDataConfig.ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG, true)
                .build());
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    LOG.info(
        "Midcoast Avro converter ({}) reading {} released schemas",
        isKey ? "key" : "value",
        released.releases().size());
  }

  @Override
  public SchemaAndValue toConnectData(final String topic, final byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    final Schema writer = writerSchema(topic, value);
    final Schema reader = newestRelease(writer);
    final BinaryMessageDecoder<GenericRecord> decoder =
        decoders.computeIfAbsent(
            reader.getFullName(),
            name -> new BinaryMessageDecoder<>(GenericData.get(), reader, store));
    final GenericRecord record;
    try {
      record = decoder.decode(value);
    } catch (final IOException | RuntimeException e) {
      throw new DataException(
          "cannot decode "
              + writer.getFullName()
              + " (writer fingerprint "
              + hex(fingerprint(value))
              + ") from topic "
              + topic
              + ": "
              + e.getMessage(),
          e);
    }
    return avroData.toConnectData(reader, record);
  }

  @Override
  public byte[] fromConnectData(
      final String topic, final org.apache.kafka.connect.data.Schema schema, final Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null) {
      throw new DataException(
          "cannot encode a schemaless value for topic " + topic + ": a Connect schema is required");
    }
    final Object avro = avroData.fromConnectData(schema, value);
    if (!(avro instanceof GenericRecord record)) {
      throw new DataException(
          "cannot encode "
              + schema.type()
              + " for topic "
              + topic
              + ": only Midcoast records (Connect structs) are single-object encoded");
    }
    final long fingerprint = SchemaNormalization.parsingFingerprint64(record.getSchema());
    final Schema writer = store.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new DataException(
          "cannot encode "
              + schema.name()
              + " for topic "
              + topic
              + ": its schema (fingerprint "
              + hex(fingerprint)
              + ") is not a released Midcoast schema");
    }
    try {
      final ByteBuffer buffer =
          encoders
              .computeIfAbsent(
                  fingerprint, f -> new BinaryMessageEncoder<>(GenericData.get(), writer))
              .encode(record);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException | RuntimeException e) {
      throw new DataException(
          "cannot encode " + writer.getFullName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    }
  }

  private Schema writerSchema(final String topic, final byte[] value) {
    if (value.length < HEADER_LENGTH || value[0] != MARKER[0] || value[1] != MARKER[1]) {
      throw new DataException(
          "record on topic "
              + topic
              + " is not Avro single-object encoding: expected marker C3 01 and an 8-byte"
              + " schema fingerprint, got "
              + value.length
              + " bytes starting with "
              + HexFormat.of().withUpperCase().formatHex(value, 0, Math.min(value.length, 4)));
    }
    final long fingerprint = fingerprint(value);
    final Schema writer = store.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new DataException(
          "unknown writer schema fingerprint "
              + hex(fingerprint)
              + " on topic "
              + topic
              + ": not one of the "
              + released.releases().size()
              + " released Midcoast schemas shipped with this converter (deploy a plugin built"
              + " with the schema release that wrote it)");
    }
    return writer;
  }

  private Schema newestRelease(final Schema writer) {
    final List<ReleasedSchemas.Release> versions = released.of(writer.getName());
    return versions.stream()
        .filter(r -> r.schema().getFullName().equals(writer.getFullName()))
        .max(Comparator.comparingInt(ReleasedSchemas.Release::version))
        .map(ReleasedSchemas.Release::schema)
        .orElse(writer);
  }

  private static long fingerprint(final byte[] value) {
    return ByteBuffer.wrap(value, MARKER.length, Long.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .getLong();
  }

  private static String hex(final long fingerprint) {
    return String.format("%016x", fingerprint);
  }
}
