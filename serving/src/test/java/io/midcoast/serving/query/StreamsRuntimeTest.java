package io.midcoast.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.catalog.StoreNames;
import io.midcoast.topology.monitor.StageCounters;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;

class StreamsRuntimeTest {

  @Test
  void shouldMapEachStoreToTheSubtopologyThatUsesIt() {
    // two sub-topologies: a table read from "a", and a count after a repartition of "b"
    final StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "a", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("table-store"));
    builder.stream("b", Consumed.with(Serdes.String(), Serdes.String()))
        .groupBy((k, v) -> v, Grouped.with("by-value", Serdes.String(), Serdes.String()))
        .count(Materialized.as("count-store"));

    final Map<String, Set<Integer>> stores =
        StreamsRuntime.storeSubtopologies(builder.build().describe());

    assertThat(stores).containsOnlyKeys("table-store", "count-store");
    assertThat(stores.get("table-store")).hasSize(1);
    assertThat(stores.get("count-store")).hasSize(1);
    assertThat(stores.get("table-store")).doesNotContainAnyElementsOf(stores.get("count-store"));
  }

  @Test
  void shouldMapTheRealTopologysStoresItServes() {
    final Map<String, Set<Integer>> stores =
        StreamsRuntime.storeSubtopologies(
            MidcoastTopology.topology(StageCounters.none()).describe());
    assertThat(stores)
        .containsKeys(StoreNames.PROPERTY, StoreNames.ESTIMATE, StoreNames.LEAD_SCORE);
    // the read-back tables each live in one sub-topology: their partitions are that one's tasks
    assertThat(stores.get(StoreNames.PROPERTY)).hasSize(1);
    assertThat(stores.get(StoreNames.ESTIMATE)).hasSize(1);
  }
}
