package io.midcoast.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka Connect sink connector configurations of Midcoast, in code: submit them to a Connect
 * worker ({@code PUT /connectors/<name>/config}) whose {@code plugin.path} holds the folder
 * assembled in {@code connectors/target/connect-plugin}.
 *
 * <p>Record pipeline of {@link #propertySink}: key (UTF-8 propertyId) → {@code StringConverter} →
 * {@code HoistField$Key} (struct {@code {property_id}}); value → {@link MidcoastAvroConverter} →
 * {@code ReplaceField$Value} (drops {@code propertyId}, the key carries it) → {@link ArraysToJson}
 * ({@code sales}, {@code sources} as JSON) → {@link ZonedTimestamps} (instants as ISO-8601 UTC
 * strings Debezium binds exactly) → {@code Flatten$Value} (delimiter {@code _}) → Debezium JDBC
 * sink with {@link SnakeCaseColumnNamingStrategy}, upserting by primary key into table {@code
 * property}; a tombstone deletes the row.
 */
public final class SinkConnectors {

  /** Connector name of the {@code property.state} → {@code property} sink. */
  public static final String PROPERTY_SINK_NAME = "midcoast-property-sink";

  /**
   * {@link SnakeCaseColumnNamingStrategy}, by name: naming the class literal would load Debezium's
   * interface in every JVM that builds this config (the launcher has no Debezium on its classpath).
   */
  static final String COLUMN_NAMING_STRATEGY = "io.midcoast.connect.SnakeCaseColumnNamingStrategy";

  /** The source topic (Topics.PROPERTY_STATE in the topology catalogue). */
  public static final String PROPERTY_TOPIC = "property.state";

  /** The target table, created by {@code V1__property.sql}. */
  public static final String PROPERTY_TABLE = "property";

  /** The primary-key column of {@link #PROPERTY_TABLE}: the record key, hoisted into a struct. */
  public static final String PROPERTY_KEY_COLUMN = "property_id";

  /** Field-path prefixes dropped from column names: characteristics are top-level facts. */
  public static final String PROPERTY_DROPPED_PREFIXES = "characteristics_";

  private SinkConnectors() {}

  /**
   * The configuration of the {@value #PROPERTY_SINK_NAME} connector.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code property}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> propertySink(
      final String jdbcUrl, final String user, final String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    final Map<String, String> config = new LinkedHashMap<>();
    config.put("name", PROPERTY_SINK_NAME);
    config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", PROPERTY_TOPIC);

    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", MidcoastAvroConverter.class.getName());

    config.put("transforms", "key,dropId,arrays,timestamps,flatten");
    config.put("transforms.key.type", "org.apache.kafka.connect.transforms.HoistField$Key");
    config.put("transforms.key.field", PROPERTY_KEY_COLUMN);
    config.put("transforms.dropId.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
    config.put("transforms.dropId.exclude", "propertyId");
    config.put("transforms.arrays.type", ArraysToJson.class.getName());
    config.put("transforms.timestamps.type", ZonedTimestamps.class.getName());
    config.put("transforms.flatten.type", "org.apache.kafka.connect.transforms.Flatten$Value");
    config.put("transforms.flatten.delimiter", ColumnNames.DELIMITER);

    config.put("connection.url", jdbcUrl);
    config.put("connection.username", user);
    config.put("connection.password", password);
    config.put("insert.mode", "upsert");
    config.put("delete.enabled", "true");
    config.put("primary.key.mode", "record_key");
    config.put("primary.key.fields", PROPERTY_KEY_COLUMN);
    config.put("collection.name.format", PROPERTY_TABLE);
    config.put("schema.evolution", "none");
    config.put("quote.identifiers", "false");
    config.put("use.time.zone", "UTC");
    config.put("use.reduction.buffer", "true");
    config.put("column.naming.strategy", COLUMN_NAMING_STRATEGY);
    config.put(SnakeCaseColumnNamingStrategy.DROPPED_PREFIXES_CONFIG, PROPERTY_DROPPED_PREFIXES);

    config.put("errors.tolerance", "none");
    config.put("errors.log.enable", "true");
    config.put("errors.log.include.messages", "false");
    return Collections.unmodifiableMap(config);
  }
}
