package io.midcoast.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SingleObjectSerdesTest {

  private final Serde<DeadLetter> serde = RecordSerdes.singleObject().serde(DeadLetter.class);

  private static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason("MALFORMED_JSON")
        .setDetail("unexpected end of input")
        .setStage("collect")
        .setSourceTopic("feeds.reso.property")
        .setSourcePartition(2)
        .setSourceOffset(42L)
        .setOriginalKey(ByteBuffer.wrap("k".getBytes()))
        .setOriginalValue(ByteBuffer.wrap("{oops".getBytes()))
        .setSourceTimestamp(Instant.parse("2026-01-02T03:04:05Z"))
        .build();
  }

  @Test
  void shouldRoundTripARecord() {
    final byte[] bytes = serde.serializer().serialize("t", deadLetter());
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(deadLetter());
  }

  @Test
  void shouldRoundTripNestedOptionalLogicalTypes() {
    final Serde<Listing> listings = RecordSerdes.singleObject().serde(Listing.class);
    final Listing listing =
        Listing.newBuilder()
            .setListingKey("L1")
            .setStandardStatus(ListingStatus.CLOSED)
            .setClosePriceCents(21_500_000L)
            .setCloseDate(java.time.LocalDate.of(2010, 5, 15))
            .setListingContractDate(java.time.LocalDate.of(2010, 3, 1))
            .setModificationTimestamp(Instant.parse("2010-05-15T12:00:00Z"))
            .build();
    assertThat(
            listings.deserializer().deserialize("t", listings.serializer().serialize("t", listing)))
        .isEqualTo(listing);
  }

  @Test
  void shouldWriteTheSingleObjectHeaderWithTheSchemaFingerprint() {
    final byte[] bytes = serde.serializer().serialize("t", deadLetter());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    final long fingerprint =
        ByteBuffer.wrap(Arrays.copyOfRange(bytes, 2, 10))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .getLong();
    assertThat(fingerprint)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(DeadLetter.getClassSchema()));
  }

  @Test
  void shouldPassNullThroughForTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldRejectBytesWrittenWithAnUnknownSchema() throws Exception {
    final Schema unknown =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    final GenericRecord other = new GenericData.Record(unknown);
    other.put("x", 1);
    final ByteBuffer encoded =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(other);
    final byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("DeadLetter");
  }

  @Test
  void shouldReadDataWrittenWithAReleasedSchema() throws Exception {
    final Schema released = ReleasedSchemas.shipped().of("DeadLetter").get(0).schema();
    final byte[] current = serde.serializer().serialize("t", deadLetter());
    // decode with the released schema as a generic record, re-encode it, read it back as current
    final GenericRecord asReleased =
        new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(
                GenericData.get(), released, ReleasedSchemas.shipped().store())
            .decode(current);
    final ByteBuffer reencoded =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(asReleased);
    final byte[] bytes = new byte[reencoded.remaining()];
    reencoded.get(bytes);
    assertThat(serde.deserializer().deserialize("t", bytes).getReason())
        .isEqualTo("MALFORMED_JSON");
  }
}
