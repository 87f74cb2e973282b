package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.RegionType;
import io.midcoast.schemas.TrendCell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The trend sink's key and value columns are exactly the columns V2__market_trend.sql creates. */
class TrendColumnsTest {

  private static final Pattern COLUMN =
      Pattern.compile("^\\s{4}([a-z_0-9]+)\\s+([a-z ]+?)(\\s+NOT NULL)?,?$", Pattern.MULTILINE);

  private static final BinaryMessageEncoder<TrendCell> ENCODER =
      new BinaryMessageEncoder<>(
          SpecificData.getForClass(TrendCell.class), TrendCell.getClassSchema());

  private final Map<String, String> config =
      SinkConnectors.trendSink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  static TrendCell full() {
    return TrendCell.newBuilder()
        .setRegionType(RegionType.SUBDIVISION)
        .setRegionId("Old:Town")
        .setMonth("2010-05")
        .setClosedSales(3)
        .setMedianClosePriceCents(20_000_000L)
        .setMeanClosePriceCents(21_000_000L)
        .setMedianPricePerSqftCents(13_000L)
        .setNewListings(2)
        .setActiveInventoryMonthEnd(5)
        .setMedianDaysOnMarket(45)
        .setMedianSaleToListRatioBps(9_800)
        .setMonthsOfSupplyHundredths(167)
        .build();
  }

  static byte[] encode(final TrendCell cell) {
    try {
      final ByteBuffer buffer = ENCODER.encode(cell);
      final byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (final IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private SinkRecord sinkRecord(final String key, final byte[] value) {
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      return pipeline.sinkRecord(SinkConnectors.TREND_TOPIC, key, value, 0L);
    }
  }

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrationInOrderWithTheirTypes() throws IOException {
    final SnakeCaseColumnNamingStrategy naming = new SnakeCaseColumnNamingStrategy();
    naming.configure(config);
    final SinkRecord record = sinkRecord("subdivision:Old:Town:2010-05", encode(full()));
    final Map<String, String> columns = new LinkedHashMap<>();
    for (final Field field : record.keySchema().fields()) {
      columns.put(naming.resolveColumnName(field.name()), sqlType(field.schema()) + " NOT NULL");
    }
    for (final Field field : record.valueSchema().fields()) {
      final String name = naming.resolveColumnName(field.name());
      assertThat(columns).as("column %s written twice", name).doesNotContainKey(name);
      columns.put(name, sqlType(field.schema()) + (field.schema().isOptional() ? "" : " NOT NULL"));
    }
    assertThat(columns).containsExactlyEntriesOf(migrationColumns());
  }

  @Test
  void shouldSplitTheKeyIntoTheCompositePrimaryKeyEvenForATombstone() {
    final SinkRecord record = sinkRecord("subdivision:Old:Town:2010-05", null);
    final Struct key = (Struct) record.key();
    assertThat(key.getString("region_type")).isEqualTo("subdivision");
    assertThat(key.getString("region_id")).isEqualTo("Old:Town");
    assertThat(key.getString("month")).isEqualTo("2010-05");
    assertThat(record.value()).isNull();
    assertThat(config)
        .containsEntry("primary.key.mode", "record_key")
        .containsEntry("primary.key.fields", "region_type,region_id,month")
        .containsEntry("delete.enabled", "true")
        .containsEntry("collection.name.format", "market_trend");
  }

  @Test
  void shouldRejectAKeyThatDoesNotSplit() {
    assertThatThrownBy(() -> sinkRecord("city:2010-05", encode(full())))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("does not split");
  }

  private static String sqlType(final Schema schema) {
    return switch (schema.type()) {
      case INT32 -> "integer";
      case INT64 -> "bigint";
      case STRING -> "text";
      default -> throw new AssertionError("unmapped Connect type " + schema);
    };
  }

  /** Column name → "sql type[ NOT NULL]" of the CREATE TABLE in V2__market_trend.sql. */
  static Map<String, String> migrationColumns() throws IOException {
    final String sql;
    try (InputStream in =
        Objects.requireNonNull(
            TrendColumnsTest.class.getResourceAsStream("/db/migration/V2__market_trend.sql"))) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    final int start = sql.indexOf("CREATE TABLE market_trend (");
    final String table = sql.substring(start, sql.indexOf("\n);", start));
    final Map<String, String> columns = new LinkedHashMap<>();
    final Matcher matcher = COLUMN.matcher(table);
    while (matcher.find()) {
      columns.put(
          matcher.group(1),
          matcher.group(2).strip() + (matcher.group(3) != null ? " NOT NULL" : ""));
    }
    assertThat(List.copyOf(columns.keySet())).startsWith("region_type", "region_id", "month");
    return columns;
  }
}
