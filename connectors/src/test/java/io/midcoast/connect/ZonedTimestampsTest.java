package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ZonedTimestampsTest {

  private static final Schema INNER =
      SchemaBuilder.struct()
          .name("Inner")
          .optional()
          .field("at", Timestamp.builder().optional().build())
          .build();
  private static final Schema VALUE =
      SchemaBuilder.struct()
          .name("Value")
          .field("updatedAt", Timestamp.SCHEMA)
          .field("inner", INNER)
          .field("count", Schema.INT32_SCHEMA)
          .build();

  private final ZonedTimestamps<SinkRecord> transform = new ZonedTimestamps<>();

  @Test
  void shouldWriteTimestampsAsUtcIsoStringsAtAnyDepth() {
    final Instant at = Instant.parse("2010-06-30T17:45:12.345Z");
    final Struct value =
        new Struct(VALUE)
            .put("updatedAt", java.util.Date.from(at))
            .put("inner", new Struct(INNER))
            .put("count", 7);

    final SinkRecord out = transform.apply(new SinkRecord("t", 0, null, null, VALUE, value, 0L));

    final Struct result = (Struct) out.value();
    result.validate();
    assertThat(result.getString("updatedAt")).isEqualTo("2010-06-30T17:45:12.345Z");
    assertThat(out.valueSchema().field("updatedAt").schema().name())
        .isEqualTo(ZonedTimestamps.ZONED_TIMESTAMP);
    assertThat(out.valueSchema().field("inner").schema().field("at").schema().isOptional())
        .isTrue();
    assertThat(result.getStruct("inner").get("at")).isNull();
    assertThat(result.getInt32("count")).isEqualTo(7);
  }

  @Test
  void shouldPassTombstonesThrough() {
    final SinkRecord tombstone = new SinkRecord("t", 0, null, "k", null, null, 0L);

    assertThat(transform.apply(tombstone)).isSameAs(tombstone);
  }
}
