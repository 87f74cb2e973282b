package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * leads.profile and leads.score records through the real converter, the transforms of the lead sink
 * configurations and Debezium's JdbcSinkConnectorTask into a real Postgres migrated by
 * PostgresSchema: profiles and current scores are upserted by lead id, the history keeps one row
 * per record and a redelivered record does not add one.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadSinkIT {

  private EmbeddedPostgres postgres;
  private String jdbcUrl;
  private TimeZone defaultZone;

  @BeforeAll
  void start() throws Exception {
    defaultZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Chicago"));
    postgres = EmbeddedPostgres.builder().start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    PostgresSchema.migrate(jdbcUrl, "postgres", "");
  }

  @AfterAll
  void stop() throws Exception {
    postgres.close();
    TimeZone.setDefault(defaultZone);
  }

  @Test
  void shouldUpsertProfilesByLeadId() throws Exception {
    final Map<String, String> config = SinkConnectors.leadSink(jdbcUrl, "postgres", "");
    try (DirectSink sink = new DirectSink(config, SinkConnectors.LEAD_PROFILE_TOPIC)) {
      sink.put(
          sink.record("l-1", Leads.fullProfile("l-1")),
          sink.record("l-2", Leads.minimalProfile("l-2")));
      assertThat(
              column(
                  "SELECT concat_ws('|', lead_id, agent_id, budget_max_cents, pre_approved, status,"
                      + " to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'))"
                      + " FROM lead ORDER BY lead_id"))
          .containsExactly(
              "l-1|agent-7|32500000|t|qualified|2024-03-05T14:30:00.123",
              "l-2|f|new|2024-03-05T14:30:00.123");

      sink.put(
          sink.record(
              "l-2",
              io.midcoast.schemas.LeadProfile.newBuilder(Leads.minimalProfile("l-2"))
                  .setStatus("contacted")
                  .build()));
      assertThat(column("SELECT status FROM lead WHERE lead_id = 'l-2'"))
          .containsExactly("contacted");
      sink.put(sink.tombstone("l-1"));
      assertThat(column("SELECT lead_id FROM lead")).containsExactly("l-2");
    }
  }

  @Test
  void shouldKeepTheLatestScoreAndEveryUpdateOnceInTheHistory() throws Exception {
    try (DirectSink current =
            new DirectSink(
                SinkConnectors.leadScoreSink(jdbcUrl, "postgres", ""),
                SinkConnectors.LEAD_SCORE_TOPIC);
        DirectSink history =
            new DirectSink(
                SinkConnectors.leadScoreHistorySink(jdbcUrl, "postgres", ""),
                SinkConnectors.LEAD_SCORE_TOPIC)) {
      final List<SinkRecord> batch =
          List.of(
              current.record("s-1", Leads.score("s-1", 0.20, "1")),
              current.record("s-2", Leads.minimalScore("s-2")),
              current.record("s-1", Leads.score("s-1", 0.35, "2")));
      current.put(batch.toArray(SinkRecord[]::new));
      final List<SinkRecord> historyBatch =
          List.of(
              history.record("s-1", Leads.score("s-1", 0.20, "1")),
              history.record("s-2", Leads.minimalScore("s-2")),
              history.record("s-1", Leads.score("s-1", 0.35, "2")));
      history.put(historyBatch.toArray(SinkRecord[]::new));

      assertThat(
              column(
                  "SELECT lead_id || ' ' || probability || ' ' || model_version || ' '"
                      + " || jsonb_array_length(factors) || ' ' || coalesce(challenger_version, '-')"
                      + " FROM lead_score ORDER BY lead_id"))
          .containsExactly("s-1 0.35 2 2 3", "s-2 0.05 fallback 0 -");
      assertThat(
              column(
                  "SELECT lead_id || ' ' || probability || ' ' || connect_offset"
                      + " FROM lead_score_history ORDER BY connect_offset"))
          .containsExactly("s-1 0.2 0", "s-2 0.05 1", "s-1 0.35 2");
      assertThat(
              column(
                  "SELECT factors->0->>'feature' FROM lead_score_history ORDER BY connect_offset LIMIT 1"))
          .containsExactly("pre_approved");

      // Connect delivers the last two records again (at-least-once after a crash): no new rows
      history.put(historyBatch.get(1), historyBatch.get(2));
      assertThat(column("SELECT count(*) FROM lead_score_history")).containsExactly("3");
      // the next record is a new row
      history.put(history.record("s-2", Leads.score("s-2", 0.61, "2")));
      assertThat(
              column(
                  "SELECT string_agg(model_version, ',' ORDER BY as_of, connect_offset)"
                      + " FROM lead_score_history WHERE lead_id = 's-2'"))
          .containsExactly("fallback,2");
    }
  }

  private List<String> column(final String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        ResultSet rs = connection.createStatement().executeQuery(sql)) {
      final List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
