package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.Property;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MidcoastAvroConverterTest {

  private static final String TOPIC = "property.state";

  private final MidcoastAvroConverter converter = new MidcoastAvroConverter();

  @BeforeEach
  void configure() {
    converter.configure(Map.of(), false);
  }

  @Test
  void shouldMapEveryFieldOfAFullProperty() {
    final SchemaAndValue data = converter.toConnectData(TOPIC, Properties.encode(full()));

    assertThat(data.schema().name()).isEqualTo("io.midcoast.schemas.Property");
    final Struct value = (Struct) data.value();
    value.validate();
    assertThat(value.getString("propertyId")).isEqualTo("p-1");
    assertThat(value.getString("idKind")).isEqualTo("ADDRESS");
    assertThat(value.getStruct("address").getString("postalCode")).isEqualTo("50010");
    assertThat(value.getStruct("address").getFloat64("latitude")).isEqualTo(42.054035);
    assertThat(value.getStruct("characteristics").getInt64("lotSizeSqft")).isEqualTo(31_770L);
    final Struct listing = value.getStruct("listing");
    assertThat(listing.getString("standardStatus")).isEqualTo("CLOSED");
    assertThat(listing.getInt64("listPriceCents")).isEqualTo(21_990_000L);
    assertThat(listing.schema().field("closeDate").schema().name()).isEqualTo(Date.LOGICAL_NAME);
    assertThat(day(listing.get("closeDate"))).isEqualTo(LocalDate.of(2010, 6, 28));
    assertThat(listing.schema().field("modificationTimestamp").schema().name())
        .isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(((java.util.Date) listing.get("modificationTimestamp")).toInstant())
        .isEqualTo(Properties.MODIFIED_AT);
    assertThat(value.getStruct("lastSale").getInt64("closePriceCents")).isEqualTo(21_500_000L);
    final List<Struct> sales = value.getArray("sales");
    assertThat(sales).hasSize(2);
    assertThat(sales.get(0).getString("source")).isEqualTo("COUNTY");
    assertThat(day(sales.get(0).get("closeDate"))).isEqualTo(LocalDate.of(2006, 3, 15));
    assertThat(((Struct) value.getArray("sources").get(0)).getInt64("offset")).isEqualTo(42L);
    assertThat(((java.util.Date) value.get("updatedAt")).toInstant())
        .isEqualTo(Properties.UPDATED_AT);
  }

  @Test
  void shouldRoundTripAFullPropertyThroughConnectData() throws Exception {
    final Property property = full();
    final SchemaAndValue data = converter.toConnectData(TOPIC, Properties.encode(property));

    final byte[] bytes = converter.fromConnectData(TOPIC, data.schema(), data.value());

    assertThat(bytes).isEqualTo(Properties.encode(property));
    assertThat(decode(bytes)).isEqualTo(property);
  }

  @Test
  void shouldMapNullOptionalsToOptionalFieldsWithNullValues() throws Exception {
    final Property property = Properties.minimal("p-2");
    final SchemaAndValue data = converter.toConnectData(TOPIC, Properties.encode(property));

    final Struct value = (Struct) data.value();
    value.validate();
    assertThat(value.get("listing")).isNull();
    assertThat(value.get("lastSale")).isNull();
    assertThat(data.schema().field("listing").schema().isOptional()).isTrue();
    assertThat(value.getStruct("address").get("city")).isNull();
    assertThat(value.getStruct("characteristics").get("bedrooms")).isNull();
    assertThat(value.getArray("sales")).isEmpty();
    assertThat(decode(converter.fromConnectData(TOPIC, data.schema(), data.value())))
        .isEqualTo(property);
  }

  @Test
  void shouldGiveEveryRecordOfATopicTheSameConnectSchema() {
    final Schema full = converter.toConnectData(TOPIC, Properties.encode(full())).schema();
    final Schema minimal =
        converter.toConnectData(TOPIC, Properties.encode(Properties.minimal("p-3"))).schema();

    assertThat(minimal).isEqualTo(full);
  }

  @Test
  void shouldTurnATombstoneIntoNullSchemaAndValue() {
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(converter.fromConnectData(TOPIC, null, null)).isNull();
  }

  @Test
  void shouldRejectAnUnknownFingerprintNamingIt() {
    final byte[] bytes = Properties.encode(full());
    Arrays.fill(bytes, 2, 10, (byte) 0x5A);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, bytes))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("unknown writer schema fingerprint 5a5a5a5a5a5a5a5a")
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("released");
  }

  @Test
  void shouldRejectBytesThatAreNotSingleObjectEncoding() {
    final byte[] json =
        "{\"propertyId\":\"p-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, json))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not Avro single-object encoding")
        .hasMessageContaining("7B227072");
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {(byte) 0xC3, 0x01, 0}))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("3 bytes");
  }

  @Test
  void shouldRejectATruncatedBody() {
    final byte[] bytes = Properties.encode(full());
    final byte[] truncated = Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("cannot decode io.midcoast.schemas.Property");
  }

  @Test
  void shouldRefuseToEncodeAStructWhoseSchemaIsNotReleased() {
    final Schema schema =
        org.apache.kafka.connect.data.SchemaBuilder.struct()
            .name("io.midcoast.schemas.Property")
            .field("propertyId", Schema.STRING_SCHEMA)
            .build();

    assertThatThrownBy(
            () ->
                converter.fromConnectData(TOPIC, schema, new Struct(schema).put("propertyId", "x")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("is not a released Midcoast schema");
  }

  private static Property full() {
    return Properties.full("p-1");
  }

  private static LocalDate day(final Object connectDate) {
    return LocalDate.ofInstant(((java.util.Date) connectDate).toInstant(), ZoneOffset.UTC);
  }

  private static Property decode(final byte[] bytes) throws java.io.IOException {
    return new BinaryMessageDecoder<Property>(
            SpecificData.getForClass(Property.class), Property.getClassSchema())
        .decode(bytes);
  }
}
