package io.midcoast.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>Record pipeline of {@link #trendSink}: key (UTF-8 {@code
 * "<region_type>:<region_id>:<YYYY-MM>"}) → {@code StringConverter} → {@link SplitKey} (struct
 * {@code {region_type, region_id, month}}); value → {@link MidcoastAvroConverter} → {@code
 * ReplaceField$Value} (drops {@code regionType}, {@code regionId}, {@code month}: the key carries
 * them) → Debezium JDBC sink with {@link SnakeCaseColumnNamingStrategy}, upserting by the composite
 * primary key into table {@code market_trend}; a tombstone deletes the row.
 *
 * <p>{@link #all} lists every sink: the embedded stack submits each of them.
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

  /** Connector name of the {@code analytics.trend} → {@code market_trend} sink. */
  public static final String TREND_SINK_NAME = "midcoast-trend-sink";

  /** The source topic (Topics.ANALYTICS_TREND in the topology catalogue). */
  public static final String TREND_TOPIC = "analytics.trend";

  /** The target table, created by {@code V2__market_trend.sql}. */
  public static final String TREND_TABLE = "market_trend";

  /** The primary-key columns of {@link #TREND_TABLE}: the parts of the record key, in order. */
  public static final List<String> TREND_KEY_COLUMNS = List.of("region_type", "region_id", "month");

  private SinkConnectors() {}

  /**
   * Every sink connector of Midcoast, in creation order: {@link #propertySink}, {@link #trendSink}.
   * Each configuration holds its connector {@code name}.
   *
   * @param jdbcUrl Postgres JDBC URL
   * @param user database user with insert/update/delete rights on the tables
   * @param password its password
   */
  public static List<Map<String, String>> all(
      final String jdbcUrl, final String user, final String password) {
    return List.of(propertySink(jdbcUrl, user, password), trendSink(jdbcUrl, user, password));
  }

  /**
   * The configuration of the {@value #TREND_SINK_NAME} connector.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code market_trend}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> trendSink(
      final String jdbcUrl, final String user, final String password) {
    final Map<String, String> config = new LinkedHashMap<>();
    config.put("name", TREND_SINK_NAME);
    config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", TREND_TOPIC);

    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", MidcoastAvroConverter.class.getName());

    config.put("transforms", "key,dropKeyFields");
    config.put("transforms.key.type", SplitKey.class.getName());
    config.put("transforms.key." + SplitKey.FIELDS_CONFIG, String.join(",", TREND_KEY_COLUMNS));
    config.put("transforms.key." + SplitKey.SEPARATOR_CONFIG, ":");
    config.put(
        "transforms.dropKeyFields.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
    config.put("transforms.dropKeyFields.exclude", "regionType,regionId,month");

    jdbc(config, jdbcUrl, user, password);
    config.put("primary.key.fields", String.join(",", TREND_KEY_COLUMNS));
    config.put("collection.name.format", TREND_TABLE);
    config.put("column.naming.strategy", COLUMN_NAMING_STRATEGY);
    errors(config);
    return Collections.unmodifiableMap(config);
  }

  /** Connection, upsert-by-key and delete-on-tombstone settings shared by every sink. */
  private static void jdbc(
      final Map<String, String> config,
      final String jdbcUrl,
      final String user,
      final String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    config.put("connection.url", jdbcUrl);
    config.put("connection.username", user);
    config.put("connection.password", password);
    config.put("insert.mode", "upsert");
    config.put("delete.enabled", "true");
    config.put("primary.key.mode", "record_key");
    config.put("schema.evolution", "none");
    config.put("quote.identifiers", "false");
    config.put("use.time.zone", "UTC");
    config.put("use.reduction.buffer", "true");
  }

  private static void errors(final Map<String, String> config) {
    config.put("errors.tolerance", "none");
    config.put("errors.log.enable", "true");
    config.put("errors.log.include.messages", "false");
  }

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
