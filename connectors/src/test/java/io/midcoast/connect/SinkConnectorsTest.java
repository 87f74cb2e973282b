package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConnectorsTest {

  private static final List<Map<String, String>> ALL =
      SinkConnectors.all("jdbc:postgresql://localhost:1/db", "u", "p");

  @Test
  void shouldNameTheColumnNamingStrategyClassThatExists() {
    assertThat(SinkConnectors.COLUMN_NAMING_STRATEGY)
        .isEqualTo(SnakeCaseColumnNamingStrategy.class.getName());
  }

  @Test
  void shouldUpsertByPropertyIdAndDeleteOnTombstones() {
    final Map<String, String> config =
        SinkConnectors.propertySink("jdbc:postgresql://localhost:1/db", "u", "p");
    assertThat(config)
        .containsEntry("topics", "property.state")
        .containsEntry("insert.mode", "upsert")
        .containsEntry("delete.enabled", "true")
        .containsEntry("primary.key.fields", "property_id")
        .containsEntry("schema.evolution", "none")
        .containsEntry("column.naming.strategy", SnakeCaseColumnNamingStrategy.class.getName())
        .containsEntry("transforms", "key,dropKeyFields,arrays,timestamps,flatten")
        .containsEntry("transforms.dropKeyFields.exclude", "propertyId")
        .containsEntry("transforms.flatten.delimiter", "_")
        .containsEntry(
            SnakeCaseColumnNamingStrategy.DROPPED_PREFIXES_CONFIG,
            SinkConnectors.PROPERTY_DROPPED_PREFIXES);
  }

  @Test
  void shouldListEverySinkOnceInCreationOrder() {
    assertThat(ALL)
        .extracting(c -> c.get("name"))
        .containsExactly(
            SinkConnectors.PROPERTY_SINK_NAME,
            SinkConnectors.TREND_SINK_NAME,
            SinkConnectors.ESTIMATE_SINK_NAME,
            SinkConnectors.SCORE_SINK_NAME,
            SinkConnectors.ACCURACY_SINK_NAME,
            SinkConnectors.LEAD_SINK_NAME,
            SinkConnectors.LEAD_SCORE_SINK_NAME,
            SinkConnectors.LEAD_SCORE_HISTORY_SINK_NAME);
    assertThat(ALL)
        .extracting(c -> c.get("topics"))
        .containsExactly(
            "property.state",
            "analytics.trend",
            "analytics.estimate",
            "analytics.score",
            "analytics.estimate.accuracy",
            "leads.profile",
            "leads.score",
            "leads.score");
    assertThat(ALL)
        .extracting(c -> c.get("collection.name.format"))
        .containsExactly(
            "property",
            "market_trend",
            "property_estimate",
            "property_score",
            "estimate_accuracy",
            "lead",
            "lead_score",
            "lead_score_history");
  }

  @Test
  void shouldGiveEverySinkTheSameConnectionUpsertDeleteAndErrorSettings() {
    for (final Map<String, String> config : ALL) {
      final boolean history =
          config.get("name").equals(SinkConnectors.LEAD_SCORE_HISTORY_SINK_NAME);
      assertThat(config)
          .as(config.get("name"))
          .containsEntry("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector")
          .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
          .containsEntry("value.converter", MidcoastAvroConverter.class.getName())
          .containsEntry("connection.url", "jdbc:postgresql://localhost:1/db")
          .containsEntry("connection.username", "u")
          .containsEntry("connection.password", "p")
          .containsEntry("insert.mode", "upsert")
          .containsEntry("delete.enabled", history ? "false" : "true")
          .containsEntry("primary.key.mode", history ? "kafka" : "record_key")
          .containsEntry("schema.evolution", "none")
          .containsEntry("use.time.zone", "UTC")
          .containsEntry("column.naming.strategy", SinkConnectors.COLUMN_NAMING_STRATEGY)
          .containsEntry("errors.tolerance", "none")
          // a Postgres restart is ridden out: 120 retries 2 s apart
          .containsEntry("flush.max.retries", "120")
          .containsEntry("flush.retry.delay.ms", "2000")
          .containsEntry("hibernate.c3p0.testConnectionOnCheckout", "true")
          .containsEntry("hibernate.dialect", SinkConnectors.POSTGRES_DIALECT);
    }
  }

  @Test
  void shouldConfigureEveryListedTransform() {
    for (final Map<String, String> config : ALL) {
      for (final String alias : config.get("transforms").split(",")) {
        assertThat(config).as(config.get("name")).containsKey("transforms." + alias + ".type");
      }
      assertThat(config.keySet())
          .filteredOn(k -> k.startsWith("transforms.") && k.endsWith(".type"))
          .hasSize(config.get("transforms").split(",").length);
    }
  }

  @Test
  void shouldKeepEveryScoreUpdateAsOneRowKeyedByItsKafkaCoordinates() {
    final Map<String, String> config =
        SinkConnectors.leadScoreHistorySink("jdbc:postgresql://localhost:1/db", "u", "p");
    assertThat(config)
        .containsEntry("topics", "leads.score")
        .containsEntry("insert.mode", "upsert")
        .containsEntry("primary.key.mode", "kafka")
        .containsEntry("delete.enabled", "false")
        .containsEntry("transforms", "arrays,timestamps")
        .doesNotContainKey("primary.key.fields");
  }

  @Test
  void shouldRequireConnectionSettings() {
    assertThatThrownBy(() -> SinkConnectors.scoreSink(null, "u", "p"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jdbcUrl");
  }
}
