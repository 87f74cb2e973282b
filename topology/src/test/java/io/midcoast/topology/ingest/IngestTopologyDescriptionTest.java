package io.midcoast.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.monitor.StageCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestTopologyDescriptionTest {

  private final String description =
      IngestTopology.topology(StageCounters.none()).describe().toString();

  @Test
  void shouldNameEveryProcessorStoreAndInternalTopic() {
    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
  }

  @Test
  void shouldMatchThePinnedDescription() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/ingest-topology.txt")) {
      assertThat(in).as("pinned description").isNotNull();
      final String pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(description.strip()).isEqualTo(pinned.strip());
    }
  }

  @Test
  void shouldExposeThePropertyStoreUnderItsContractName() {
    assertThat(StoreNames.PROPERTY).isEqualTo("ingest-property-store");
    assertThat(description)
        .contains("stores: [ingest-property-aggregate, ingest-property-store]")
        .contains("stores: [ingest-resolve-source-versions]")
        .contains("ingest-resolve-observations-by-source-repartition")
        .contains("ingest-store-observations-by-property-repartition")
        .doesNotContain("ingest-validate- ");
  }
}
