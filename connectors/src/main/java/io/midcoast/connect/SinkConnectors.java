package io.midcoast.connect;

import java.util.ArrayList;
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
 * <p>Every sink reads a UTF-8 string key ({@code StringConverter}) and an Avro value ({@link
 * MidcoastAvroConverter}), turns the key into a struct naming the primary-key column(s), drops the
 * value fields the key already carries ({@code ReplaceField$Value}), and ends in Debezium's JDBC
 * sink with {@link SnakeCaseColumnNamingStrategy}, upserting by the primary key ({@code
 * record_key}) into a table a Flyway migration created; a tombstone deletes the row.
 *
 * <p>Record pipeline of {@link #propertySink}: key (UTF-8 propertyId) → {@code HoistField$Key}
 * (struct {@code {property_id}}); value → {@code ReplaceField$Value} (drops {@code propertyId}) →
 * {@link ArraysToJson} ({@code sales}, {@code sources} as JSON) → {@link ZonedTimestamps} (instants
 * as ISO-8601 UTC strings Debezium binds exactly) → {@code Flatten$Value} (delimiter {@code _}) →
 * table {@code property}.
 *
 * <p>Record pipeline of {@link #trendSink}: key (UTF-8 {@code
 * "<region_type>:<region_id>:<YYYY-MM>"}) → {@link SplitKey} (struct {@code {region_type,
 * region_id, month}}); value → {@code ReplaceField$Value} (drops {@code regionType}, {@code
 * regionId}, {@code month}) → table {@code market_trend}.
 *
 * <p>Record pipelines of {@link #estimateSink} and {@link #scoreSink}: key (UTF-8 propertyId) →
 * {@code HoistField$Key} (struct {@code {property_id}}); value → {@code ReplaceField$Value} (drops
 * {@code propertyId}) → {@link ArraysToJson} (the factor arrays as JSON) → tables {@code
 * property_estimate}, {@code property_score}. {@link #accuracySink}: key (UTF-8 region, {@code
 * "all"}, {@code "city:AMES"}, ...) → {@code HoistField$Key} (struct {@code {region}}); value →
 * {@code ReplaceField$Value} (drops {@code region}) → table {@code estimate_accuracy}.
 *
 * <p>Record pipelines of the lead sinks: {@link #leadSink} (key leadId → {@code HoistField$Key}
 * {@code {lead_id}}; value {@code LeadProfile} → {@code ReplaceField$Value} (drops {@code leadId})
 * → {@link ZonedTimestamps} → table {@code lead}, upsert by lead_id); {@link #leadScoreSink} (key
 * leadId → {@code {lead_id}}; value {@code LeadScoreUpdate} → drops {@code leadId} → {@link
 * ArraysToJson} ({@code factors}) → {@link ZonedTimestamps} → table {@code lead_score}, upsert by
 * lead_id: the latest score); {@link #leadScoreHistorySink} (value {@code LeadScoreUpdate} → {@link
 * ArraysToJson} → {@link ZonedTimestamps} → table {@code lead_score_history}, one row per record,
 * primary key the record's Kafka coordinates ({@code primary.key.mode=kafka}: columns {@code
 * connect_topic}, {@code connect_partition}, {@code connect_offset}) upserted, so that a record
 * Connect delivers again after a crash rewrites its own row instead of adding one).
 *
 * <p>{@link #all} lists every sink: the embedded stack submits each of them. The source topics are
 * strings here (this module does not depend on the topology); {@code SinkTopicsTest} in {@code
 * deploy/embedded} checks that each is a topic of the topology's {@code Topics} catalogue.
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

  /** Connector name of the {@code analytics.estimate} → {@code property_estimate} sink. */
  public static final String ESTIMATE_SINK_NAME = "midcoast-estimate-sink";

  /** The source topic (Topics.ANALYTICS_ESTIMATE in the topology catalogue). */
  public static final String ESTIMATE_TOPIC = "analytics.estimate";

  /**
   * The target table, created by {@code V4__property_estimate.sql}; primary key {@value
   * #PROPERTY_KEY_COLUMN}.
   */
  public static final String ESTIMATE_TABLE = "property_estimate";

  /** Connector name of the {@code analytics.score} → {@code property_score} sink. */
  public static final String SCORE_SINK_NAME = "midcoast-score-sink";

  /** The source topic (Topics.ANALYTICS_SCORE in the topology catalogue). */
  public static final String SCORE_TOPIC = "analytics.score";

  /**
   * The target table, created by {@code V5__property_score.sql}; primary key {@value
   * #PROPERTY_KEY_COLUMN}.
   */
  public static final String SCORE_TABLE = "property_score";

  /** Connector name of the {@code analytics.estimate.accuracy} → {@code estimate_accuracy} sink. */
  public static final String ACCURACY_SINK_NAME = "midcoast-estimate-accuracy-sink";

  /** The source topic (Topics.ANALYTICS_ESTIMATE_ACCURACY in the topology catalogue). */
  public static final String ACCURACY_TOPIC = "analytics.estimate.accuracy";

  /** The target table, created by {@code V6__estimate_accuracy.sql}. */
  public static final String ACCURACY_TABLE = "estimate_accuracy";

  /**
   * The primary-key column of {@link #ACCURACY_TABLE}: the record key ({@code "all"}, {@code
   * "city:<city>"}, {@code "subdivision:<name>"}), hoisted into a struct.
   */
  public static final String ACCURACY_KEY_COLUMN = "region";

  /** Connector name of the {@code leads.profile} → {@code lead} sink. */
  public static final String LEAD_SINK_NAME = "midcoast-lead-sink";

  /** The source topic of {@link #LEAD_TABLE} (Topics.LEADS_PROFILE in the topology catalogue). */
  public static final String LEAD_PROFILE_TOPIC = "leads.profile";

  /** The current profile of every lead, created by {@code V7__leads.sql}. */
  public static final String LEAD_TABLE = "lead";

  /** The primary-key column of {@link #LEAD_TABLE} and {@link #LEAD_SCORE_TABLE}. */
  public static final String LEAD_KEY_COLUMN = "lead_id";

  /** Connector name of the {@code leads.score} → {@code lead_score} sink (latest score). */
  public static final String LEAD_SCORE_SINK_NAME = "midcoast-lead-score-sink";

  /** The source topic of the lead score tables (Topics.LEADS_SCORE in the topology catalogue). */
  public static final String LEAD_SCORE_TOPIC = "leads.score";

  /** The latest score of every lead, created by {@code V7__leads.sql}. */
  public static final String LEAD_SCORE_TABLE = "lead_score";

  /** Connector name of the {@code leads.score} → {@code lead_score_history} sink (append-only). */
  public static final String LEAD_SCORE_HISTORY_SINK_NAME = "midcoast-lead-score-history-sink";

  /** Every score update of every lead, created by {@code V7__leads.sql}. */
  public static final String LEAD_SCORE_HISTORY_TABLE = "lead_score_history";

  /**
   * The primary-key columns of {@link #LEAD_SCORE_HISTORY_TABLE}: the Kafka coordinates of the
   * record (Debezium's {@code __connect_topic}, {@code __connect_partition}, {@code
   * __connect_offset} through {@link SnakeCaseColumnNamingStrategy}).
   */
  public static final List<String> LEAD_SCORE_HISTORY_KEY_COLUMNS =
      List.of("connect_topic", "connect_partition", "connect_offset");

  /**
   * How long a sink keeps retrying a write that failed on a lost database connection before its
   * task fails (the task then needs {@code POST /connectors/<name>/restart?includeTasks=true}).
   */
  public static final int FLUSH_RETRY_SECONDS = 240;

  private static final int FLUSH_RETRY_DELAY_S = 2;

  /** Hibernate's dialect for Postgres, set so that a task can start while Postgres is down. */
  public static final String POSTGRES_DIALECT = "org.hibernate.dialect.PostgreSQLDialect";

  private static final String HOIST_KEY = "org.apache.kafka.connect.transforms.HoistField$Key";
  private static final String REPLACE_VALUE_FIELDS =
      "org.apache.kafka.connect.transforms.ReplaceField$Value";
  private static final String FLATTEN_VALUE = "org.apache.kafka.connect.transforms.Flatten$Value";

  private SinkConnectors() {}

  /**
   * Every sink connector of Midcoast, in creation order: {@link #propertySink}, {@link #trendSink},
   * {@link #estimateSink}, {@link #scoreSink}, {@link #accuracySink}, {@link #leadSink}, {@link
   * #leadScoreSink}, {@link #leadScoreHistorySink}. Each configuration holds its connector {@code
   * name}.
   *
   * @param jdbcUrl Postgres JDBC URL
   * @param user database user with insert/update/delete rights on the tables
   * @param password its password
   */
  public static List<Map<String, String>> all(
      final String jdbcUrl, final String user, final String password) {
    return List.of(
        propertySink(jdbcUrl, user, password),
        trendSink(jdbcUrl, user, password),
        estimateSink(jdbcUrl, user, password),
        scoreSink(jdbcUrl, user, password),
        accuracySink(jdbcUrl, user, password),
        leadSink(jdbcUrl, user, password),
        leadScoreSink(jdbcUrl, user, password),
        leadScoreHistorySink(jdbcUrl, user, password));
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
    return new Sink(PROPERTY_SINK_NAME, PROPERTY_TOPIC)
        .hoistKey(PROPERTY_KEY_COLUMN, "propertyId")
        .transform("arrays", ArraysToJson.class.getName())
        .transform("timestamps", ZonedTimestamps.class.getName())
        .transform("flatten", FLATTEN_VALUE, Map.of("delimiter", ColumnNames.DELIMITER))
        .into(PROPERTY_TABLE, List.of(PROPERTY_KEY_COLUMN))
        .with(SnakeCaseColumnNamingStrategy.DROPPED_PREFIXES_CONFIG, PROPERTY_DROPPED_PREFIXES)
        .build(jdbcUrl, user, password);
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
    return new Sink(TREND_SINK_NAME, TREND_TOPIC)
        .transform(
            "key",
            SplitKey.class.getName(),
            Map.of(
                SplitKey.FIELDS_CONFIG,
                String.join(",", TREND_KEY_COLUMNS),
                SplitKey.SEPARATOR_CONFIG,
                ":"))
        .dropValueFields("regionType,regionId,month")
        .into(TREND_TABLE, TREND_KEY_COLUMNS)
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #ESTIMATE_SINK_NAME} connector: {@code PriceEstimate}s into
   * {@code property_estimate}, {@code factors} as {@code jsonb}.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code property_estimate}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> estimateSink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(ESTIMATE_SINK_NAME, ESTIMATE_TOPIC)
        .hoistKey(PROPERTY_KEY_COLUMN, "propertyId")
        .transform("arrays", ArraysToJson.class.getName())
        .into(ESTIMATE_TABLE, List.of(PROPERTY_KEY_COLUMN))
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #SCORE_SINK_NAME} connector: {@code PropertyScore}s into
   * {@code property_score}, the three factor arrays as {@code jsonb}.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code property_score}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> scoreSink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(SCORE_SINK_NAME, SCORE_TOPIC)
        .hoistKey(PROPERTY_KEY_COLUMN, "propertyId")
        .transform("arrays", ArraysToJson.class.getName())
        .into(SCORE_TABLE, List.of(PROPERTY_KEY_COLUMN))
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #ACCURACY_SINK_NAME} connector: {@code EstimateAccuracy}
   * records into {@code estimate_accuracy}, one row per region.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code estimate_accuracy}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> accuracySink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(ACCURACY_SINK_NAME, ACCURACY_TOPIC)
        .hoistKey(ACCURACY_KEY_COLUMN, "region")
        .into(ACCURACY_TABLE, List.of(ACCURACY_KEY_COLUMN))
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #LEAD_SINK_NAME} connector: {@code LeadProfile}s into {@code
   * lead}, one row per lead.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code lead}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> leadSink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(LEAD_SINK_NAME, LEAD_PROFILE_TOPIC)
        .hoistKey(LEAD_KEY_COLUMN, "leadId")
        .transform("timestamps", ZonedTimestamps.class.getName())
        .into(LEAD_TABLE, List.of(LEAD_KEY_COLUMN))
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #LEAD_SCORE_SINK_NAME} connector: the latest {@code
   * LeadScoreUpdate} of every lead into {@code lead_score}, {@code factors} as {@code jsonb}.
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update/delete rights on {@code lead_score}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> leadScoreSink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(LEAD_SCORE_SINK_NAME, LEAD_SCORE_TOPIC)
        .hoistKey(LEAD_KEY_COLUMN, "leadId")
        .transform("arrays", ArraysToJson.class.getName())
        .transform("timestamps", ZonedTimestamps.class.getName())
        .into(LEAD_SCORE_TABLE, List.of(LEAD_KEY_COLUMN))
        .build(jdbcUrl, user, password);
  }

  /**
   * The configuration of the {@value #LEAD_SCORE_HISTORY_SINK_NAME} connector: every {@code
   * LeadScoreUpdate} as one row of {@code lead_score_history}, keyed by its Kafka coordinates
   * ({@code primary.key.mode=kafka}, upsert: a redelivered record rewrites its row; no deletes).
   *
   * @param jdbcUrl Postgres JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/midcoast}
   * @param user database user with insert/update rights on {@code lead_score_history}
   * @param password its password
   * @return an unmodifiable, ordered connector configuration (includes {@code name})
   */
  public static Map<String, String> leadScoreHistorySink(
      final String jdbcUrl, final String user, final String password) {
    return new Sink(LEAD_SCORE_HISTORY_SINK_NAME, LEAD_SCORE_TOPIC)
        .transform("arrays", ArraysToJson.class.getName())
        .transform("timestamps", ZonedTimestamps.class.getName())
        .intoByKafkaCoordinates(LEAD_SCORE_HISTORY_TABLE)
        .build(jdbcUrl, user, password);
  }

  /**
   * One sink's configuration, in the order a record goes through it: connector and converters,
   * transforms, then the Debezium JDBC settings every sink shares.
   */
  private static final class Sink {

    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> transforms = new ArrayList<>();
    private final Map<String, String> table = new LinkedHashMap<>();

    Sink(final String name, final String topic) {
      config.put("name", name);
      config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
      config.put("tasks.max", "1");
      config.put("topics", topic);
      config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
      config.put("value.converter", MidcoastAvroConverter.class.getName());
      config.put("transforms", "");
    }

    /**
     * Wraps the string key as a struct {@code {column}} (Debezium's {@code record_key} needs a
     * struct, and a tombstone has no value to take a key from) and drops {@code valueField}, which
     * the key already carries.
     */
    Sink hoistKey(final String column, final String valueField) {
      return transform("key", HOIST_KEY, Map.of("field", column)).dropValueFields(valueField);
    }

    /** Drops value fields (comma-separated) that the key already carries. */
    Sink dropValueFields(final String fields) {
      return transform("dropKeyFields", REPLACE_VALUE_FIELDS, Map.of("exclude", fields));
    }

    Sink transform(final String alias, final String type) {
      return transform(alias, type, Map.of());
    }

    Sink transform(final String alias, final String type, final Map<String, String> options) {
      transforms.add(alias);
      config.put("transforms." + alias + ".type", type);
      options.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(o -> config.put("transforms." + alias + "." + o.getKey(), o.getValue()));
      return this;
    }

    /** The target table and its primary-key columns, in key order. */
    Sink into(final String tableName, final List<String> keyColumns) {
      table.put("primary.key.fields", String.join(",", keyColumns));
      table.put("collection.name.format", tableName);
      table.put("column.naming.strategy", COLUMN_NAMING_STRATEGY);
      return this;
    }

    /**
     * The target table, keyed by the record's Kafka coordinates (topic, partition, offset): one row
     * per record, rewritten if the record is delivered again; tombstones are not deletes.
     */
    Sink intoByKafkaCoordinates(final String tableName) {
      table.put("primary.key.mode", "kafka");
      table.put("delete.enabled", "false");
      table.put("collection.name.format", tableName);
      table.put("column.naming.strategy", COLUMN_NAMING_STRATEGY);
      return this;
    }

    /** One more connector setting, after the table settings. */
    Sink with(final String key, final String value) {
      table.put(key, value);
      return this;
    }

    Map<String, String> build(final String jdbcUrl, final String user, final String password) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (table.isEmpty()) {
        throw new IllegalStateException("no table for sink " + config.get("name"));
      }
      final Map<String, String> out = new LinkedHashMap<>(config);
      if (transforms.isEmpty()) {
        out.remove("transforms");
      } else {
        out.put("transforms", String.join(",", transforms));
      }
      out.put("connection.url", jdbcUrl);
      out.put("connection.username", user);
      out.put("connection.password", password);
      out.put("insert.mode", "upsert");
      out.put("delete.enabled", "true");
      out.put("primary.key.mode", "record_key");
      out.put("schema.evolution", "none");
      out.put("quote.identifiers", "false");
      out.put("use.time.zone", "UTC");
      out.put("use.reduction.buffer", "true");
      // a lost connection to Postgres (restart, failover) is retried for FLUSH_RETRY_SECONDS before
      // the task fails, staying under the consumer's max.poll.interval.ms (300 s)
      out.put("flush.max.retries", Integer.toString(FLUSH_RETRY_SECONDS / FLUSH_RETRY_DELAY_S));
      out.put("flush.retry.delay.ms", Integer.toString(FLUSH_RETRY_DELAY_S * 1000));
      // after a Postgres restart the pool still holds connections the server closed; handing one
      // out failed the task ("terminating connection due to administrator command", which is not
      // retried): c3p0 checks each connection before handing it out
      out.put("hibernate.c3p0.testConnectionOnCheckout", "true");
      // Debezium asks Postgres whether the table exists on every put and does not retry a failure
      // to get a connection for it: with c3p0's default (30 acquire attempts 1 s apart) an outage
      // over 30 s failed the task for good. The pool now keeps trying for FLUSH_RETRY_SECONDS,
      // the same bound as the flush retries
      out.put("hibernate.c3p0.acquireRetryAttempts", Integer.toString(FLUSH_RETRY_SECONDS));
      out.put("hibernate.c3p0.acquireRetryDelay", "1000");
      // a task that starts while Postgres is down (Connect restarts tasks on every rebalance) needs
      // no database to pick its Hibernate dialect; its first query then waits in the pool above
      out.put("hibernate.dialect", POSTGRES_DIALECT);
      out.putAll(table);
      out.put("errors.tolerance", "none");
      out.put("errors.log.enable", "true");
      out.put("errors.log.include.messages", "false");
      return Collections.unmodifiableMap(out);
    }
  }
}
