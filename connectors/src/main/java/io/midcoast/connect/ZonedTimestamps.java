package io.midcoast.connect;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

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
public final class ZonedTimestamps<R extends ConnectRecord<R>> extends StructFieldTransform<R> {

  /** Debezium's {@code io.debezium.time.ZonedTimestamp} logical name (an ISO-8601 string). */
  public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

  private static final Schema ZONED = zoned(false);
  private static final Schema OPTIONAL_ZONED = zoned(true);

  /** Created by Connect from the transform's class name. */
  public ZonedTimestamps() {}

  @Override
  boolean converts(final Schema schema) {
    return Timestamp.LOGICAL_NAME.equals(schema.name());
  }

  @Override
  Schema convertedSchema(final Schema schema) {
    return schema.isOptional() ? OPTIONAL_ZONED : ZONED;
  }

  @Override
  Object convert(final Schema schema, final Object value) {
    return ((java.util.Date) value).toInstant().toString();
  }

  private static Schema zoned(final boolean optional) {
    final SchemaBuilder builder = SchemaBuilder.string().name(ZONED_TIMESTAMP).version(1);
    return optional ? builder.optional().build() : builder.build();
  }
}
