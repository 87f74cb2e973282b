package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSchemaIT {

  private EmbeddedPostgres postgres;
  private String jdbcUrl;

  @BeforeAll
  void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
  }

  @AfterAll
  void stopPostgres() throws Exception {
    postgres.close();
  }

  @Test
  void shouldCreateThePropertyTableOnceAndLeaveItAloneAfterwards() throws Exception {
    assertThat(PostgresSchema.migrate(jdbcUrl, "postgres", "")).isEqualTo(9);
    assertThat(PostgresSchema.migrate(jdbcUrl, "postgres", "")).isZero();

    assertThat(tableColumns(jdbcUrl, "property"))
        .containsExactlyEntriesOf(PropertyColumnsTest.migrationColumns());
    assertThat(primaryKey(jdbcUrl, "property")).containsExactly(SinkConnectors.PROPERTY_KEY_COLUMN);
    assertThat(indexes(jdbcUrl, "property"))
        .contains(
            "property_postal_code_idx",
            "property_city_idx",
            "property_subdivision_idx",
            "property_listing_status_price_idx",
            "property_last_sale_date_idx");
  }

  @Test
  void shouldCreateTheAnalyticsTablesWithTheColumnsTheirSinksWrite() throws Exception {
    // a database of its own: the other test counts the migrations of a fresh one
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
      connection.createStatement().execute("CREATE DATABASE analytics");
    }
    final String analyticsUrl = postgres.getJdbcUrl("postgres", "analytics");
    assertThat(PostgresSchema.migrate(analyticsUrl, "postgres", "")).isEqualTo(9);

    assertThat(tableColumns(analyticsUrl, SinkConnectors.ESTIMATE_TABLE))
        .containsExactlyEntriesOf(EstimateColumnsTest.migrationColumns());
    assertThat(primaryKey(analyticsUrl, SinkConnectors.ESTIMATE_TABLE))
        .containsExactly(SinkConnectors.PROPERTY_KEY_COLUMN);
    assertThat(indexes(analyticsUrl, SinkConnectors.ESTIMATE_TABLE))
        .contains("property_estimate_city_idx", "property_estimate_listed_idx");

    assertThat(tableColumns(analyticsUrl, SinkConnectors.SCORE_TABLE))
        .containsExactlyEntriesOf(ScoreColumnsTest.migrationColumns());
    assertThat(primaryKey(analyticsUrl, SinkConnectors.SCORE_TABLE))
        .containsExactly(SinkConnectors.PROPERTY_KEY_COLUMN);
    assertThat(indexes(analyticsUrl, SinkConnectors.SCORE_TABLE))
        .contains("property_score_investment_idx");

    assertThat(tableColumns(analyticsUrl, SinkConnectors.ACCURACY_TABLE))
        .containsExactlyEntriesOf(AccuracyColumnsTest.migrationColumns());
    assertThat(primaryKey(analyticsUrl, SinkConnectors.ACCURACY_TABLE))
        .containsExactly(SinkConnectors.ACCURACY_KEY_COLUMN);

    for (final String table :
        List.of(
            SinkConnectors.LEAD_TABLE,
            SinkConnectors.LEAD_SCORE_TABLE,
            SinkConnectors.LEAD_SCORE_HISTORY_TABLE)) {
      assertThat(tableColumns(analyticsUrl, table))
          .as(table)
          .containsExactlyEntriesOf(SinkColumns.created("V7__leads.sql", table));
    }
    assertThat(primaryKey(analyticsUrl, SinkConnectors.LEAD_TABLE))
        .containsExactly(SinkConnectors.LEAD_KEY_COLUMN);
    assertThat(primaryKey(analyticsUrl, SinkConnectors.LEAD_SCORE_TABLE))
        .containsExactly(SinkConnectors.LEAD_KEY_COLUMN);
    assertThat(primaryKey(analyticsUrl, SinkConnectors.LEAD_SCORE_HISTORY_TABLE))
        .containsExactlyInAnyOrderElementsOf(SinkConnectors.LEAD_SCORE_HISTORY_KEY_COLUMNS);
    assertThat(indexes(analyticsUrl, SinkConnectors.LEAD_SCORE_TABLE))
        .contains("lead_score_agent_idx");
  }

  /** Column name → "sql type[ NOT NULL]" as Postgres reports them. */
  private Map<String, String> tableColumns(final String url, final String table)
      throws SQLException {
    final Map<String, String> columns = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                        + " WHERE table_name = '"
                        + table
                        + "' ORDER BY ordinal_position")) {
      while (rs.next()) {
        final String type =
            switch (rs.getString(2)) {
              case "timestamp with time zone" -> "timestamptz";
              default -> rs.getString(2);
            };
        columns.put(rs.getString(1), type + ("NO".equals(rs.getString(3)) ? " NOT NULL" : ""));
      }
    }
    return columns;
  }

  private List<String> primaryKey(final String url, final String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        ResultSet rs = connection.getMetaData().getPrimaryKeys(null, "public", table)) {
      final List<String> columns = new ArrayList<>();
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
      return columns;
    }
  }

  private List<String> indexes(final String url, final String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT indexname FROM pg_indexes WHERE tablename = '" + table + "'")) {
      final List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }
}
