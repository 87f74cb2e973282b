package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The estimate-accuracy sink writes exactly the columns V6__estimate_accuracy.sql creates and
 * V9__estimate_accuracy_interval.sql adds.
 */
class AccuracyColumnsTest {

  private static final String TOPIC = SinkConnectors.ACCURACY_TOPIC;

  private final Map<String, String> config =
      SinkConnectors.accuracySink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  static Map<String, String> migrationColumns() {
    return SinkColumns.created(
        "V6__estimate_accuracy.sql",
        SinkConnectors.ACCURACY_TABLE,
        "V9__estimate_accuracy_interval.sql");
  }

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrationInOrderWithTheirTypes() {
    final Map<String, String> columns =
        SinkColumns.written(
            config, TOPIC, "city:AMES", Analytics.encode(Analytics.fullAccuracy("city:AMES")));

    assertThat(columns).containsExactlyEntriesOf(migrationColumns());
    assertThat(columns)
        .containsKeys("within5_bps", "within10_bps", "within20_bps", "in_interval_bps");
  }

  @Test
  void shouldWriteTheSameColumnsForARegionWithoutSamples() {
    assertThat(
            SinkColumns.written(
                config, TOPIC, "all", Analytics.encode(Analytics.emptyAccuracy("all"))))
        .containsExactlyEntriesOf(migrationColumns());
  }

  @Test
  void shouldHoistTheWholeRegionKeyEvenForATombstone() {
    final SinkRecord record;
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      record = pipeline.sinkRecord(TOPIC, "subdivision:North_Ames", null, 0L);
    }

    assertThat(((Struct) record.key()).getString(SinkConnectors.ACCURACY_KEY_COLUMN))
        .isEqualTo("subdivision:North_Ames");
    assertThat(record.value()).isNull();
    assertThat(config)
        .containsEntry("topics", "analytics.estimate.accuracy")
        .containsEntry("primary.key.fields", "region")
        .containsEntry("delete.enabled", "true")
        .containsEntry("collection.name.format", "estimate_accuracy")
        .containsEntry("transforms", "key,dropKeyFields");
  }
}
