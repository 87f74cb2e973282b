package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The lead sinks write exactly the columns V7__leads.sql creates. */
class LeadColumnsTest {

  private static final String URL = "jdbc:postgresql://localhost/midcoast";

  @Test
  void shouldWriteExactlyTheColumnsOfTheLeadTable() {
    final Map<String, String> columns =
        SinkColumns.written(
            SinkConnectors.leadSink(URL, "u", "p"),
            SinkConnectors.LEAD_PROFILE_TOPIC,
            "l-1",
            Analytics.encode(Leads.fullProfile("l-1")));

    assertThat(columns)
        .containsExactlyEntriesOf(SinkColumns.created("V7__leads.sql", SinkConnectors.LEAD_TABLE));
    assertThat(columns)
        .containsEntry("lead_id", "text NOT NULL")
        .containsEntry("updated_at", "timestamptz NOT NULL");
  }

  @Test
  void shouldWriteExactlyTheColumnsOfTheCurrentScoreTable() {
    final Map<String, String> columns =
        SinkColumns.written(
            SinkConnectors.leadScoreSink(URL, "u", "p"),
            SinkConnectors.LEAD_SCORE_TOPIC,
            "l-1",
            Analytics.encode(Leads.score("l-1", 0.42, "2")));

    assertThat(columns)
        .containsExactlyEntriesOf(
            SinkColumns.created("V7__leads.sql", SinkConnectors.LEAD_SCORE_TABLE));
    assertThat(columns).containsEntry("factors", "jsonb NOT NULL");
  }

  @Test
  void shouldWriteTheKafkaCoordinatesThenEveryScoreFieldIntoTheHistoryTable() {
    final Map<String, String> config = SinkConnectors.leadScoreHistorySink(URL, "u", "p");
    final SnakeCaseColumnNamingStrategy naming = new SnakeCaseColumnNamingStrategy();
    naming.configure(config);
    final SinkRecord record =
        sinkRecord(config, "l-1", Analytics.encode(Leads.score("l-1", 0.42, "2")));
    final Map<String, String> columns = new LinkedHashMap<>();
    columns.put(naming.resolveColumnName("__connect_topic"), "text NOT NULL");
    columns.put(naming.resolveColumnName("__connect_partition"), "integer NOT NULL");
    columns.put(naming.resolveColumnName("__connect_offset"), "bigint NOT NULL");
    for (final Field field : record.valueSchema().fields()) {
      columns.put(
          naming.resolveColumnName(field.name()),
          SinkColumns.sqlType(field.schema()) + (field.schema().isOptional() ? "" : " NOT NULL"));
    }

    assertThat(columns.keySet())
        .startsWith(SinkConnectors.LEAD_SCORE_HISTORY_KEY_COLUMNS.toArray(String[]::new));
    assertThat(columns)
        .containsExactlyEntriesOf(
            SinkColumns.created("V7__leads.sql", SinkConnectors.LEAD_SCORE_HISTORY_TABLE));
  }

  @Test
  void shouldWriteTheFactorsAsJsonAndNoFactorsAsAnEmptyArray() {
    final Map<String, String> config = SinkConnectors.leadScoreSink(URL, "u", "p");
    final Struct full =
        (Struct) sinkRecord(config, "l-1", Analytics.encode(Leads.score("l-1", 0.42, "2"))).value();
    final Struct minimal =
        (Struct) sinkRecord(config, "l-2", Analytics.encode(Leads.minimalScore("l-2"))).value();

    assertThat(full.getString("factors"))
        .isEqualTo(
            "[{\"feature\":\"pre_approved\",\"value\":1.0,\"contribution\":0.84},"
                + "{\"feature\":\"days_since_last_activity\",\"value\":12.0,\"contribution\":-0.3}]");
    assertThat(minimal.getString("factors")).isEqualTo("[]");
    assertThat(full.getString("asOf")).isEqualTo("2024-03-05T14:30:00.123Z");
  }

  private static SinkRecord sinkRecord(
      final Map<String, String> config, final String key, final byte[] value) {
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      return pipeline.sinkRecord(config.get("topics"), key, value, 0L);
    }
  }
}
