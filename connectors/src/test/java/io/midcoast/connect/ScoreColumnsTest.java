package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The score sink writes exactly the columns V5__property_score.sql creates. */
class ScoreColumnsTest {

  private static final String TOPIC = SinkConnectors.SCORE_TOPIC;

  private final Map<String, String> config =
      SinkConnectors.scoreSink("jdbc:postgresql://localhost/midcoast", "midcoast", "secret");

  static Map<String, String> migrationColumns() {
    return SinkColumns.created("V5__property_score.sql", SinkConnectors.SCORE_TABLE);
  }

  @Test
  void shouldWriteExactlyTheColumnsOfTheMigrationInOrderWithTheirTypes() {
    final Map<String, String> columns =
        SinkColumns.written(config, TOPIC, "p-1", Analytics.encode(Analytics.fullScore("p-1")));

    assertThat(columns).containsExactlyEntriesOf(migrationColumns());
    assertThat(columns)
        .containsEntry("investment_factors", "jsonb NOT NULL")
        .containsEntry("risk_factors", "jsonb NOT NULL")
        .containsEntry("development_factors", "jsonb NOT NULL");
  }

  @Test
  void shouldWriteEveryFactorListAsJsonAnEmptyOneAsAnEmptyArray() {
    final Struct value =
        (Struct) sinkRecord("p-1", Analytics.encode(Analytics.fullScore("p-1"))).value();

    assertThat(value.getString("investmentFactors"))
        .isEqualTo(
            "[{\"name\":\"value_gap\",\"effect\":11.5},{\"name\":\"price_cut\",\"effect\":2.0}]");
    assertThat(value.getString("riskFactors")).isEqualTo("[{\"name\":\"age\",\"effect\":6.0}]");
    assertThat(value.getString("developmentFactors")).isEqualTo("[]");
  }

  @Test
  void shouldHoistThePropertyIdIntoTheKeyEvenForATombstone() {
    final SinkRecord record = sinkRecord("p-1", null);

    assertThat(((Struct) record.key()).getString(SinkConnectors.PROPERTY_KEY_COLUMN))
        .isEqualTo("p-1");
    assertThat(record.value()).isNull();
    assertThat(config)
        .containsEntry("topics", "analytics.score")
        .containsEntry("primary.key.fields", "property_id")
        .containsEntry("delete.enabled", "true")
        .containsEntry("collection.name.format", "property_score");
  }

  private SinkRecord sinkRecord(final String key, final byte[] value) {
    try (SinkPipeline pipeline = new SinkPipeline(config)) {
      return pipeline.sinkRecord(TOPIC, key, value, 0L);
    }
  }
}
