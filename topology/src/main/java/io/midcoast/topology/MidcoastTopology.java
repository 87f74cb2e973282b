package io.midcoast.topology;

import io.midcoast.topology.analytics.TrendTopology;
import io.midcoast.topology.ingest.IngestTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Every Midcoast topology in one {@link Topology}, as the application runs them in one Kafka
 * Streams instance: ingest (feeds → {@code property.state}) and market trends ({@code
 * property.state} → {@code analytics.trend}).
 */
public final class MidcoastTopology {

  private MidcoastTopology() {}

  /**
   * Builds the application topology. Side-effect free.
   *
   * @param counters where the stages count records
   */
  public static Topology topology(final StageCounters counters) {
    final StreamsBuilder builder = new StreamsBuilder();
    IngestTopology.build(builder, counters);
    TrendTopology.build(builder, counters);
    return builder.build();
  }
}
