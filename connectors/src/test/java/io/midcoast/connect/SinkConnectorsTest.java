package io.midcoast.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConnectorsTest {

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
        .containsEntry("column.naming.strategy", SnakeCaseColumnNamingStrategy.class.getName());
  }
}
