package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.connect.SinkConnectors;
import io.midcoast.topology.catalog.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sink connectors ({@code connectors}, which cannot depend on the topology) name their source
 * topics as strings; every one of them must be a topic of the {@link Topics} catalogue, or a
 * renamed topic would leave a Postgres table silently empty. Read from the connector configurations
 * the stack submits ({@link SinkConnectors#all}), not re-typed here.
 */
class SinkTopicsTest {

  @Test
  void shouldReadOnlyTopicsOfTheCatalogue() {
    final List<Map<String, String>> sinks =
        SinkConnectors.all("jdbc:postgresql://localhost:1/midcoast", "user", "password");
    assertThat(sinks).isNotEmpty().allSatisfy(sink -> assertThat(sink).containsKey("topics"));

    final List<String> sinkTopics =
        sinks.stream()
            .flatMap(sink -> Arrays.stream(sink.get("topics").split(",")))
            .map(String::strip)
            .distinct()
            .toList();
    final List<String> catalogue = Topics.all().stream().map(topic -> topic.name()).toList();

    assertThat(sinkTopics).isSubsetOf(catalogue);
  }
}
