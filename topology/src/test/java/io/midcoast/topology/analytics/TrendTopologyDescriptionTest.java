package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.monitor.StageCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrendTopologyDescriptionTest {

  private final String description =
      TrendTopology.topology(StageCounters.none()).describe().toString();

  @Test
  void shouldNameEveryProcessorStoreAndInternalTopic() {
    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    assertThat(MidcoastTopology.topology(StageCounters.none()).describe().toString())
        .doesNotContain("KSTREAM-")
        .doesNotContain("KTABLE-")
        .contains(MidcoastTopology.PROPERTY_STATE_SOURCE)
        .contains("ingest-store-property-state-sink");
  }

  @Test
  void shouldMatchThePinnedDescription() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/trend-topology.txt")) {
      assertThat(in).as("pinned description").isNotNull();
      final String pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(description.strip()).isEqualTo(pinned.strip());
    }
  }

  @Test
  void shouldExposeTheTrendStoreUnderItsContractName() {
    assertThat(StoreNames.TREND).isEqualTo("analytics-trend-store");
    assertThat(description)
        .contains("stores: [analytics-trend-property-contributions]")
        .contains("stores: [analytics-trend-store, analytics-trend-cell-aggregates]")
        .contains("analytics-trend-contributions-by-region-repartition")
        .contains("topic: analytics.trend");
  }
}
