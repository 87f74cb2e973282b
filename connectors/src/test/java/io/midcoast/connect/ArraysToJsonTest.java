package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArraysToJsonTest {

  private static final Schema SALE =
      SchemaBuilder.struct()
          .name("Sale")
          .field("closeDate", Date.SCHEMA)
          .field("closePriceCents", Schema.INT64_SCHEMA)
          .field("recordedAt", Timestamp.builder().optional().build())
          .field("documentType", Schema.OPTIONAL_STRING_SCHEMA)
          .build();
  private static final Schema INNER =
      SchemaBuilder.struct()
          .name("Inner")
          .optional()
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
          .field("amount", Decimal.builder(2).optional().build())
          .build();
  private static final Schema VALUE =
      SchemaBuilder.struct()
          .name("Value")
          .field("id", Schema.STRING_SCHEMA)
          .field("sales", SchemaBuilder.array(SALE).build())
          .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
          .field("inner", INNER)
          .build();

  private final ArraysToJson<SinkRecord> transform = new ArraysToJson<>();

  @AfterEach
  void close() {
    transform.close();
  }

  @Test
  void shouldWriteArraysAndMapsAsJsonTextWithSnakeCaseKeys() {
    final Struct sale =
        new Struct(SALE)
            .put(
                "closeDate",
                new java.util.Date(Instant.parse("2010-06-28T00:00:00Z").toEpochMilli()))
            .put("closePriceCents", 21_500_000L)
            .put("recordedAt", java.util.Date.from(Instant.parse("2010-06-30T17:45:12.345Z")));
    final Struct value =
        new Struct(VALUE)
            .put("id", "p-1")
            .put("sales", List.of(sale))
            .put("attributes", Map.of("garage", 2))
            .put(
                "inner",
                new Struct(INNER)
                    .put("tags", List.of("a", "b"))
                    .put("amount", new BigDecimal("1.50")));

    final SinkRecord out = transform.apply(record(VALUE, value));

    final Struct result = (Struct) out.value();
    result.validate();
    assertThat(out.valueSchema().field("sales").schema().type()).isEqualTo(Schema.Type.STRING);
    assertThat(out.valueSchema().field("sales").schema().name())
        .isEqualTo(ArraysToJson.JSON_SCHEMA_NAME);
    assertThat(out.valueSchema().field("sales").schema().isOptional()).isFalse();
    assertThat(result.getString("sales"))
        .isEqualTo(
            "[{\"close_date\":\"2010-06-28\",\"close_price_cents\":21500000,"
                + "\"recorded_at\":\"2010-06-30T17:45:12.345Z\",\"document_type\":null}]");
    assertThat(result.getString("attributes")).isEqualTo("{\"garage\":2}");
    assertThat(out.valueSchema().field("inner").schema().field("tags").schema().isOptional())
        .isTrue();
    assertThat(result.getStruct("inner").getString("tags")).isEqualTo("[\"a\",\"b\"]");
    assertThat(result.getStruct("inner").get("amount")).isEqualTo(new BigDecimal("1.50"));
    assertThat(result.getString("id")).isEqualTo("p-1");
  }

  @Test
  void shouldWriteAnEmptyArrayAsEmptyJsonAndANullOneAsNull() {
    final Struct value =
        new Struct(VALUE)
            .put("id", "p-2")
            .put("sales", List.of())
            .put("attributes", Map.of())
            .put("inner", new Struct(INNER));

    final Struct result = (Struct) transform.apply(record(VALUE, value)).value();

    assertThat(result.getString("sales")).isEqualTo("[]");
    assertThat(result.getStruct("inner").get("tags")).isNull();
  }

  @Test
  void shouldPassTombstonesThrough() {
    final SinkRecord tombstone = record(null, null);

    assertThat(transform.apply(tombstone)).isSameAs(tombstone);
  }

  @Test
  void shouldRejectSchemalessValues() {
    assertThatThrownBy(() -> transform.apply(record(null, Map.of("a", 1))))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("needs a struct value with a schema");
  }

  private static SinkRecord record(final Schema schema, final Object value) {
    return new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", schema, value, 0L);
  }
}
