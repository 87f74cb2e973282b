package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.EstimateInput;
import io.midcoast.schemas.Property;
import io.midcoast.topology.monitor.StageCounters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The route stage of estimates, keyed by propertyId: tags each {@code property.state} change with
 * the property's market ({@link EstimateRules#market}) for the repartition by market, and tells the
 * old market when a property leaves it (tombstone, or a move to another city). Remembers each
 * property's market in a store of propertyId → market.
 */
public final class EstimateRouteProcessor
    implements Processor<String, Property, String, EstimateInput> {

  private final StageCounters counters;
  private final String marketStoreName;
  private ProcessorContext<String, EstimateInput> context;
  private KeyValueStore<String, String> markets;

  /**
   * @param counters stage counters
   * @param marketStoreName the store of propertyId → market
   */
  public EstimateRouteProcessor(final StageCounters counters, final String marketStoreName) {
    this.counters = counters;
    this.marketStoreName = marketStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, EstimateInput> context) {
    this.context = context;
    this.markets = context.getStateStore(marketStoreName);
  }

  @Override
  public void process(final Record<String, Property> record) {
    final String propertyId = record.key();
    if (propertyId == null) {
      return;
    }
    counters.recordIn(EstimateProcessor.STAGE);
    final Property property = record.value();
    final String previous = markets.get(propertyId);
    final String next = property == null ? null : EstimateRules.market(property);
    if (previous != null && !previous.equals(next)) {
      context.forward(
          record.withValue(
              EstimateInput.newBuilder()
                  .setMarket(previous)
                  .setProperty(null)
                  .setMoved(next != null)
                  .build()));
    }
    if (next == null) {
      markets.delete(propertyId);
      return;
    }
    if (!next.equals(previous)) {
      markets.put(propertyId, next);
    }
    context.forward(
        record.withValue(EstimateInput.newBuilder().setMarket(next).setProperty(property).build()));
  }
}
