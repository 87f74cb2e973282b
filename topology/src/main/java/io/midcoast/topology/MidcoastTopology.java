package io.midcoast.topology;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Property;
import io.midcoast.topology.analytics.EstimateTopology;
import io.midcoast.topology.analytics.TrendTopology;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.ingest.IngestTopology;
import io.midcoast.topology.leads.LeadTopology;
import io.midcoast.topology.monitor.LeadMonitor;
import io.midcoast.topology.monitor.StageCounters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Every Midcoast topology in one {@link Topology}, as the application runs them in one Kafka
 * Streams instance: ingest (feeds → {@code property.state}), market trends ({@code property.state}
 * → {@code analytics.trend}) and estimates ({@code property.state} → {@code analytics.estimate},
 * {@code analytics.score}, {@code analytics.estimate.accuracy}) and leads ({@code feeds.lead.event}
 * → {@code leads.*}, models from {@code ml.model}). The analytics and lead topologies share one
 * source of {@code property.state}.
 */
public final class MidcoastTopology {

  /** Name of the one source node of {@code property.state} the analytics topologies share. */
  public static final String PROPERTY_STATE_SOURCE = "analytics-property-state-source";

  private MidcoastTopology() {}

  /**
   * Builds the application topology with the bundled price model.
   *
   * @param counters where the stages count records
   */
  public static Topology topology(final StageCounters counters) {
    return topology(counters, PriceModel.loadBundled());
  }

  /**
   * Builds the application topology with the bundled price model.
   *
   * @param counters where the stages count records
   * @param leadMonitor where the lead topology reports drift and scoring
   */
  public static Topology topology(final StageCounters counters, final LeadMonitor leadMonitor) {
    return topology(counters, PriceModel.loadBundled(), leadMonitor);
  }

  /**
   * Builds the application topology. Side-effect free.
   *
   * @param counters where the stages count records
   * @param priceModel the price model the estimates use
   */
  public static Topology topology(final StageCounters counters, final PriceModel priceModel) {
    return topology(counters, priceModel, LeadMonitor.none());
  }

  /**
   * Builds the application topology. Side-effect free.
   *
   * @param counters where the stages count records
   * @param priceModel the price model the estimates use
   * @param leadMonitor where the lead topology reports drift and scoring
   */
  public static Topology topology(
      final StageCounters counters, final PriceModel priceModel, final LeadMonitor leadMonitor) {
    final StreamsBuilder builder = new StreamsBuilder();
    IngestTopology.build(builder, counters);
    final KStream<String, Property> states =
        builder.stream(
            Topics.PROPERTY_STATE.name(),
            Topics.PROPERTY_STATE.consumed().withName(PROPERTY_STATE_SOURCE));
    TrendTopology.build(builder, states, counters);
    EstimateTopology.build(builder, states, counters, priceModel);
    LeadTopology.build(builder, states, counters, leadMonitor);
    return builder.build();
  }
}
