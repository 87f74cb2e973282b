package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The estimate sink writes exactly the columns V4__property_estimate.sql creates. */
class EstimateColumnsTest {

  private static final String TOPIC = SinkConnectors.ESTIMATE_TOPIC;

  private final Map<String, String> config =
      SinkConnectors.estimateSink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  static Map<String, String> migrationColumns() {
    return SinkColumns.created("V4__property_estimate.sql", SinkConnectors.ESTIMATE_TABLE);
  }

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrationInOrderWithTheirTypes() {
    final Map<String, String> columns =
        SinkColumns.written(config, TOPIC, "p-1", Analytics.encode(Analytics.fullEstimate("p-1")));

    assertThat(columns).containsExactlyEntriesOf(migrationColumns());
    assertThat(columns).containsEntry("factors", "jsonb NOT NULL");
  }

  @Test
  void shouldWriteTheSameColumnsForAnEstimateWithoutOptionalFields() {
    assertThat(
            SinkColumns.written(
                config, TOPIC, "p-2", Analytics.encode(Analytics.minimalEstimate("p-2"))))
        .containsExactlyEntriesOf(migrationColumns());
  }

  @Test
  void shouldWriteTheFactorsAsJsonAndTheRegionIndexLevelAsItsSymbol() {
    final SinkRecord record = sinkRecord("p-1", Analytics.encode(Analytics.fullEstimate("p-1")));
    final Struct value = (Struct) record.value();

    assertThat(value.getString("factors"))
        .isEqualTo(
            "[{\"name\":\"living_area\",\"effect\":0.125},"
                + "{\"name\":\"subdivision=North_Ames\",\"effect\":-0.031}]");
    assertThat(value.getString("regionIndexLevel")).isEqualTo("SUBDIVISION");
    assertThat(value.schema().field("propertyId")).as("carried by the key").isNull();
  }

  @Test
  void shouldHoistThePropertyIdIntoTheKeyEvenForATombstone() {
    final SinkRecord record = sinkRecord("p-1", null);

    assertThat(((Struct) record.key()).getString(SinkConnectors.PROPERTY_KEY_COLUMN))
        .isEqualTo("p-1");
    assertThat(record.value()).isNull();
    assertThat(config)
        .containsEntry("topics", "analytics.estimate")
        .containsEntry("primary.key.mode", "record_key")
        .containsEntry("primary.key.fields", "property_id")
        .containsEntry("delete.enabled", "true")
        .containsEntry("collection.name.format", "property_estimate");
  }

  private SinkRecord sinkRecord(final String key, final byte[] value) {
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      return pipeline.sinkRecord(TOPIC, key, value, 0L);
    }
  }
}
