package io.midcoast.topology.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.catalog.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * The per-property and per-cell working stores are cached (a hot cell or property updated many
 * times between commits reaches RocksDB and its changelog once per commit); the queryable trend
 * store is not, so interactive queries read what was published.
 */
class TrendStoreCachingTest {

  private static List<String> layers(final StateStore store) {
    final List<String> layers = new ArrayList<>();
    StateStore current = store;
    while (current instanceof WrappedStateStore<?, ?, ?> wrapped) {
      layers.add(current.getClass().getSimpleName());
      current = wrapped.wrapped();
    }
    layers.add(current.getClass().getSimpleName());
    return layers;
  }

  @Test
  void shouldCacheTheContributionsAndAggregateStoresButNotTheQueryableOne() {
    try (TrendFixtures trends = new TrendFixtures()) {
      for (final String store :
          List.of(TrendTopology.CONTRIBUTIONS_STORE, TrendTopology.AGGREGATE_STORE)) {
        assertThat(layers(trends.driver.getAllStateStores().get(store)))
            .as(store)
            .anyMatch(layer -> layer.startsWith("Caching"));
      }
      assertThat(layers(trends.driver.getAllStateStores().get(StoreNames.TREND)))
          .noneMatch(layer -> layer.startsWith("Caching"));
    }
  }
}
