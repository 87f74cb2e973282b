package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.Property;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * property.state records through the real converter, the configured transforms and Debezium's
 * JdbcSinkConnectorTask into a real Postgres migrated by PostgresSchema: no broker needed.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertySinkIT {

  private static final String TOPIC = SinkConnectors.PROPERTY_TOPIC;

  private EmbeddedPostgres postgres;
  private String jdbcUrl;
  private Map<String, String> config;
  private TimeZone defaultZone;

  @BeforeAll
  void start() throws Exception {
    // a worker JVM that is not on UTC must still store the right instants
    defaultZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Chicago"));
    postgres = EmbeddedPostgres.builder().start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    PostgresSchema.migrate(jdbcUrl, "postgres", "");
    config = SinkConnectors.propertySink(jdbcUrl, "postgres", "");
  }

  @AfterAll
  void stop() throws Exception {
    postgres.close();
    TimeZone.setDefault(defaultZone);
  }

  @Test
  void shouldUpsertPropertiesAndDeleteThemOnTombstones() throws Exception {
    final Property full = Properties.full("p-full");
    final Property minimal = Properties.minimal("p-min");
    final Property changed =
        Property.newBuilder(full)
            .setListing(
                io.midcoast.schemas.Listing.newBuilder(full.getListing())
                    .setStandardStatus(ListingStatus.PENDING)
                    .setListPriceCents(19_900_000L)
                    .build())
            .build();

    final JdbcSinkConnectorTask task = new JdbcSinkConnectorTask();
    task.initialize(new TaskContext(TOPIC, config));
    task.start(config);
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      task.put(List.of(record(pipeline, "p-full", full, 0), record(pipeline, "p-min", minimal, 1)));
      task.preCommit(Map.of());

      assertThat(count()).isEqualTo(2);
      assertFullRow("CLOSED", 21_990_000L);
      assertMinimalRow();

      task.put(List.of(record(pipeline, "p-full", changed, 2)));
      assertFullRow("PENDING", 19_900_000L);
      assertThat(count()).isEqualTo(2);

      // tombstone, then an upsert and a tombstone of the same key in one batch
      task.put(List.of(pipeline.sinkRecord(TOPIC, "p-min", null, 3)));
      assertThat(count()).isEqualTo(1);
      task.put(
          List.of(
              record(pipeline, "p-min", minimal, 4),
              pipeline.sinkRecord(TOPIC, "p-full", null, 5)));
      assertThat(ids()).containsExactly("p-min");
    } finally {
      task.stop();
    }
  }

  private void assertFullRow(final String status, final long listPrice) throws SQLException {
    try (Connection connection = connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT * FROM property WHERE property_id = 'p-full'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("id_kind")).isEqualTo("ADDRESS");
      assertThat(rs.getString("address_postal_code")).isEqualTo("50010");
      assertThat(rs.getString("address_subdivision")).isEqualTo("North_Ames");
      assertThat(rs.getDouble("address_latitude")).isEqualTo(42.054035);
      assertThat(rs.getInt("bedrooms")).isEqualTo(3);
      assertThat(rs.getLong("lot_size_sqft")).isEqualTo(31_770L);
      assertThat(rs.getDouble("garage_spaces")).isEqualTo(2.0);
      assertThat(rs.getInt("year_built_effective")).isEqualTo(1985);
      assertThat(rs.getInt("below_grade_finished_area_sqft")).isEqualTo(639);
      assertThat(rs.getObject("cooling_yn")).isEqualTo(Boolean.TRUE);
      assertThat(rs.getObject("pool_private_yn")).isEqualTo(Boolean.FALSE);
      assertThat(rs.getString("construction_materials")).isEqualTo("BrkFace,VinylSd");
      assertThat(rs.getInt("overall_condition")).isEqualTo(5);
      assertThat(rs.getString("listing_special_listing_conditions")).isEqualTo("Standard");
      assertThat(rs.getString("listing_key")).isEqualTo("L-1001");
      assertThat(rs.getString("listing_standard_status")).isEqualTo(status);
      assertThat(rs.getLong("listing_list_price_cents")).isEqualTo(listPrice);
      assertThat(rs.getObject("listing_close_date", LocalDate.class))
          .isEqualTo(LocalDate.of(2010, 6, 28));
      assertThat(rs.getObject("listing_contract_date", LocalDate.class))
          .isEqualTo(LocalDate.of(2010, 4, 2));
      assertThat(rs.getObject("listing_modification_timestamp", OffsetDateTime.class).toInstant())
          .isEqualTo(Properties.MODIFIED_AT);
      assertThat(rs.getString("last_sale_source")).isEqualTo("RESO");
      assertThat(rs.getLong("last_sale_close_price_cents")).isEqualTo(21_500_000L);
      assertThat(rs.getObject("last_sale_close_date", LocalDate.class))
          .isEqualTo(LocalDate.of(2010, 6, 28));
      assertThat(rs.getObject("updated_at", OffsetDateTime.class).toInstant())
          .isEqualTo(Properties.UPDATED_AT);
      assertThat(rs.getString("sources"))
          .isEqualTo(
              "[{\"feed\": \"RESO\", \"topic\": \"feeds.reso.property\", \"offset\": 42,"
                  + " \"version\": \"2010-06-01T08:00:00.500Z\", \"partition\": 3,"
                  + " \"source_key\": \"reso:L-1001\"}]");
    }
    try (Connection connection = connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT jsonb_array_length(sales), (sales->0->>'close_price_cents')::bigint,"
                        + " sales->0->>'close_date' FROM property WHERE property_id = 'p-full'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getLong(2)).isEqualTo(17_250_000L);
      assertThat(rs.getString(3)).isEqualTo("2006-03-15");
    }
  }

  private void assertMinimalRow() throws SQLException {
    try (Connection connection = connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT id_kind, address_city, bedrooms, listing_key, last_sale_close_date,"
                        + " sales::text, updated_at FROM property WHERE property_id = 'p-min'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("GEO");
      assertThat(rs.getString(2)).isNull();
      assertThat(rs.getObject(3)).isNull();
      assertThat(rs.getString(4)).isNull();
      assertThat(rs.getObject(5)).isNull();
      assertThat(rs.getString(6)).isEqualTo("[]");
      assertThat(rs.getObject(7, OffsetDateTime.class).toInstant())
          .isEqualTo(Properties.UPDATED_AT);
    }
  }

  private long count() throws SQLException {
    try (Connection connection = connect();
        ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM property")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> ids() throws SQLException {
    try (Connection connection = connect();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT property_id FROM property ORDER BY property_id")) {
      final java.util.ArrayList<String> ids = new java.util.ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "postgres", "");
  }

  private static SinkRecord record(
      final SinkPipeline pipeline, final String key, final Property value, final long offset) {
    return pipeline.sinkRecord(TOPIC, key, Properties.encode(value), offset);
  }
}
