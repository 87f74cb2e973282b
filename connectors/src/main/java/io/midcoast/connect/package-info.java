/**
 * Everything Kafka Connect needs to sink Midcoast's result topics into Postgres with Debezium's
 * JDBC sink connector.
 *
 * <ul>
 *   <li>{@link io.midcoast.connect.MidcoastAvroConverter}: the value converter that reads Avro
 *       single-object encoding and resolves writer schemas from the released schemas.
 *   <li>{@link io.midcoast.connect.ArraysToJson}: a single message transform that turns array and
 *       map fields into JSON text (written to {@code jsonb} columns).
 *   <li>{@link io.midcoast.connect.SnakeCaseColumnNamingStrategy}: Debezium column naming that
 *       turns flattened camelCase field paths into snake_case column names.
 *   <li>{@link io.midcoast.connect.PostgresSchema}: the Flyway migrations that own every table the
 *       sink writes (Debezium never creates or alters tables).
 *   <li>{@link io.midcoast.connect.SinkConnectors}: the connector configurations, in code.
 * </ul>
 *
 * <p>See {@code docs/connect.md} for the pipeline, the column list and how to add a table.
 */
package io.midcoast.connect;
