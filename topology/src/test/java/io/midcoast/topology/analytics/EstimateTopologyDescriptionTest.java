package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.monitor.StageCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EstimateTopologyDescriptionTest {

  private final String description =
      EstimateTopology.topology(StageCounters.none(), EstimateFixtures.MODEL).describe().toString();

  @Test
  void shouldNameEveryProcessorStoreAndInternalTopic() {
    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
  }

  @Test
  void shouldMatchThePinnedDescription() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/estimate-topology.txt")) {
      assertThat(in).as("pinned description").isNotNull();
      final String pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(description.strip()).isEqualTo(pinned.strip());
    }
  }

  @Test
  void shouldExposeTheQueryableStoresUnderTheirContractNames() {
    assertThat(description)
        .contains("analytics-estimate-store")
        .contains("analytics-score-store")
        .contains("analytics-estimate-accuracy-store")
        .contains("topic: analytics.estimate)")
        .contains("topic: analytics.score)")
        .contains("topic: analytics.estimate.accuracy)");
  }
}
