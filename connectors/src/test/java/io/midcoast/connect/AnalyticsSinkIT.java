package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.PropertyScore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * analytics.estimate, analytics.score and analytics.estimate.accuracy records through the real
 * converter, the transforms of their sink configurations and Debezium's JdbcSinkConnectorTask into
 * a real Postgres migrated by PostgresSchema: rows are upserted by key and deleted by tombstones.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsSinkIT {

  /** The example query of docs/connect.md: listed properties estimated 10% or more above list. */
  static final String ESTIMATED_ABOVE_LIST =
      """
      SELECT e.property_id, p.address_line, e.list_price_cents, e.estimate_cents,
             round(100.0 * (e.estimate_cents - e.list_price_cents) / e.list_price_cents, 1)
               AS above_list_pct
        FROM property_estimate e
        LEFT JOIN property p USING (property_id)
       WHERE e.list_price_cents IS NOT NULL
         AND e.estimate_cents * 10 >= e.list_price_cents * 11
       ORDER BY above_list_pct DESC
      """;

  /** The module's documentation (the tests run in the module's folder). */
  private static final Path DOCS = Path.of("..", "docs", "connect.md");

  private static final Pattern SQL_BLOCK = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL);

  private EmbeddedPostgres postgres;
  private String jdbcUrl;
  private TimeZone defaultZone;

  @BeforeAll
  void start() throws Exception {
    // a worker JVM that is not on UTC must still store the right dates
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
  void shouldUpsertEstimatesAndDeleteThemOnTombstones() throws Exception {
    final Map<String, String> config = SinkConnectors.estimateSink(jdbcUrl, "postgres", "");
    try (DirectSink sink = new DirectSink(config, SinkConnectors.ESTIMATE_TOPIC)) {
      sink.put(
          sink.record("p-full", Analytics.fullEstimate("p-full")),
          sink.record("p-min", Analytics.minimalEstimate("p-min")));

      assertThat(column("SELECT property_id FROM property_estimate ORDER BY 1"))
          .containsExactly("p-full", "p-min");
      try (Connection connection = connect();
          ResultSet rs =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT *, jsonb_array_length(factors) AS factor_count,"
                          + " factors->0->>'name' AS first_factor,"
                          + " (factors->1->>'effect')::double precision AS second_effect"
                          + " FROM property_estimate WHERE property_id = 'p-full'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("model_id")).isEqualTo("price-gbt");
        assertThat(rs.getString("model_version")).isEqualTo("2010-06-01.1");
        assertThat(rs.getLong("estimate_cents")).isEqualTo(24_500_000L);
        assertThat(rs.getLong("low_cents")).isEqualTo(21_000_000L);
        assertThat(rs.getLong("high_cents")).isEqualTo(27_900_000L);
        assertThat(rs.getObject("as_of", LocalDate.class)).isEqualTo(Analytics.AS_OF);
        assertThat(rs.getString("city")).isEqualTo("AMES");
        assertThat(rs.getString("subdivision")).isEqualTo("North_Ames");
        assertThat(rs.getLong("region_price_per_sqft_cents")).isEqualTo(13_250L);
        assertThat(rs.getString("region_index_level")).isEqualTo("SUBDIVISION");
        assertThat(rs.getLong("list_price_cents")).isEqualTo(21_990_000L);
        assertThat(rs.getInt("factor_count")).isEqualTo(2);
        assertThat(rs.getString("first_factor")).isEqualTo("living_area");
        assertThat(rs.getDouble("second_effect")).isEqualTo(-0.031);
      }
      try (Connection connection = connect();
          ResultSet rs =
              connection
                  .createStatement()
                  .executeQuery(
                      "SELECT city, region_price_per_sqft_cents, region_index_level,"
                          + " list_price_cents, factors::text FROM property_estimate"
                          + " WHERE property_id = 'p-min'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isNull();
        assertThat(rs.getObject(2)).isNull();
        assertThat(rs.getString(3)).isEqualTo("UNKNOWN");
        assertThat(rs.getObject(4)).isNull();
        assertThat(rs.getString(5)).isEqualTo("[]");
      }
      try (Connection connection = connect();
          ResultSet rs = connection.createStatement().executeQuery(ESTIMATED_ABOVE_LIST)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("property_id")).isEqualTo("p-full");
        assertThat(rs.getBigDecimal("above_list_pct")).isEqualByComparingTo("11.4");
        assertThat(rs.next()).as("p-min is not listed").isFalse();
      }

      // tombstone, then an upsert and a tombstone of the same key in one batch
      sink.put(sink.tombstone("p-full"));
      assertThat(column("SELECT property_id FROM property_estimate")).containsExactly("p-min");
      sink.put(sink.record("p-full", Analytics.fullEstimate("p-full")), sink.tombstone("p-full"));
      assertThat(column("SELECT property_id FROM property_estimate")).containsExactly("p-min");
    }
  }

  @Test
  void shouldUpsertScoresAndDeleteThemOnTombstones() throws Exception {
    final Map<String, String> config = SinkConnectors.scoreSink(jdbcUrl, "postgres", "");
    final PropertyScore score = Analytics.fullScore("p-1");
    try (DirectSink sink = new DirectSink(config, SinkConnectors.SCORE_TOPIC)) {
      sink.put(sink.record("p-1", score), sink.record("p-2", Analytics.fullScore("p-2")));
      assertThat(scores("p-1")).containsExactly("72", "31", "18", "1", "2010-06-30");
      assertThat(
              column(
                  "SELECT investment_factors->0->>'name' || '=' || (investment_factors->0->>'effect')"
                      + " || ' ' || risk_factors::text || ' ' || development_factors::text"
                      + " FROM property_score WHERE property_id = 'p-1'"))
          .containsExactly("value_gap=11.5 [{\"name\": \"age\", \"effect\": 6.0}] []");

      sink.put(sink.record("p-1", PropertyScore.newBuilder(score).setRisk(64).build()));
      assertThat(scores("p-1")).containsExactly("72", "64", "18", "1", "2010-06-30");

      sink.put(sink.tombstone("p-1"));
      assertThat(column("SELECT property_id FROM property_score")).containsExactly("p-2");
      sink.put(sink.tombstone("p-2"));
      assertThat(column("SELECT property_id FROM property_score")).isEmpty();
    }
  }

  @Test
  void shouldUpsertAccuracyPerRegionAndDeleteItOnTombstones() throws Exception {
    final Map<String, String> config = SinkConnectors.accuracySink(jdbcUrl, "postgres", "");
    try (DirectSink sink = new DirectSink(config, SinkConnectors.ACCURACY_TOPIC)) {
      sink.put(
          sink.record("all", Analytics.fullAccuracy("all")),
          sink.record("city:AMES", Analytics.fullAccuracy("city:AMES")),
          sink.record("subdivision:North_Ames", Analytics.emptyAccuracy("subdivision:North_Ames")));

      assertThat(
              column(
                  "SELECT region || ' ' || samples || ' ' || coalesce(window_end::text, '-')"
                      + " || ' ' || coalesce(mdape_bps::text, '-')"
                      + " || ' ' || coalesce(within5_bps::text, '-')"
                      + " || ' ' || coalesce(within10_bps::text, '-')"
                      + " || ' ' || coalesce(within20_bps::text, '-')"
                      + " || ' ' || coalesce(in_interval_bps::text, '-')"
                      + " FROM estimate_accuracy ORDER BY region"))
          .containsExactly(
              "all 341 2010-07-30 812 3310 5870 8650 7180",
              "city:AMES 341 2010-07-30 812 3310 5870 8650 7180",
              "subdivision:North_Ames 0 - - - - - -");

      sink.put(sink.tombstone("city:AMES"));
      assertThat(column("SELECT region FROM estimate_accuracy ORDER BY region"))
          .containsExactly("all", "subdivision:North_Ames");
      sink.put(sink.tombstone("all"), sink.tombstone("subdivision:North_Ames"));
      assertThat(column("SELECT region FROM estimate_accuracy")).isEmpty();
    }
  }

  @Test
  void shouldRunTheExampleQueriesOfTheDocs() throws Exception {
    final String docs = Files.readString(DOCS);
    assertThat(docs).contains(ESTIMATED_ABOVE_LIST.strip());
    final Matcher block = SQL_BLOCK.matcher(docs);
    int statements = 0;
    while (block.find()) {
      for (final String sql : block.group(1).split(";")) {
        if (sql.isBlank()) {
          continue;
        }
        try (Connection connection = connect();
            ResultSet rs = connection.createStatement().executeQuery(sql)) {
          assertThat(rs.getMetaData().getColumnCount()).as(sql).isPositive();
          statements++;
        }
      }
    }
    assertThat(statements).isGreaterThanOrEqualTo(3);
  }

  private List<String> scores(final String propertyId) throws SQLException {
    return column(
            "SELECT concat_ws(',', investment, risk, development, formula_version, as_of)"
                + " FROM property_score WHERE property_id = '"
                + propertyId
                + "'")
        .stream()
        .flatMap(row -> List.of(row.split(",")).stream())
        .toList();
  }

  /** The first column of every row of a query. */
  private List<String> column(final String sql) throws SQLException {
    try (Connection connection = connect();
        ResultSet rs = connection.createStatement().executeQuery(sql)) {
      final List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }
}
