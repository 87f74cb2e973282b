package io.midcoast.topology.analytics;

import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.TrendContribution;
import io.midcoast.schemas.TrendContributions;
import io.midcoast.topology.monitor.StageCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contributions stage, keyed by propertyId: keeps what each property contributes now ({@link
 * TrendContributionRules}) and, on every {@code property.state} record, forwards only the
 * difference: per cell, one record (key = cell key) holding the retractions (delta −1) of what the
 * property no longer contributes, then the additions (delta +1) of what it newly contributes. A
 * tombstone retracts everything. An update that changes nothing the trends see forwards nothing.
 *
 * <p>The stored contributions are exactly those forwarded, so a retraction always removes what was
 * added, even after the rules change between versions. They are bounded ({@link
 * TrendContributionRules#bounded}): a property whose oldest sales are left out is logged as a
 * warning.
 */
public final class TrendContributionsProcessor
    implements Processor<String, Property, String, TrendContributions> {

  /** Stage name in {@link StageCounters}. */
  public static final String STAGE = "trends";

  private static final Logger LOG = LoggerFactory.getLogger(TrendContributionsProcessor.class);

  private final StageCounters counters;
  private final String storeName;
  private ProcessorContext<String, TrendContributions> context;
  private KeyValueStore<String, TrendContributions> store;

  /**
   * @param counters stage counters
   * @param storeName the store of {@link TrendContributions} per propertyId
   */
  public TrendContributionsProcessor(final StageCounters counters, final String storeName) {
    this.counters = counters;
    this.storeName = storeName;
  }

  @Override
  public void init(final ProcessorContext<String, TrendContributions> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(final Record<String, Property> record) {
    final String propertyId = record.key();
    if (propertyId == null || propertyId.isEmpty()) {
      return;
    }
    counters.recordIn(STAGE);
    final TrendContributions stored = store.get(propertyId);
    final List<CellContribution> before = stored == null ? List.of() : stored.getContributions();
    final TrendContributionRules.Bounded bounded = TrendContributionRules.bounded(record.value());
    final List<CellContribution> after = bounded.contributions();
    if (bounded.leftOut() > 0) {
      LOG.warn(
          "property {} contributes to the trends without its {} oldest sales or listings: its"
              + " contributions would exceed {} bytes",
          propertyId,
          bounded.leftOut(),
          TrendContributionRules.MAX_CONTRIBUTION_BYTES);
    }

    final Map<CellContribution, Integer> balance = new HashMap<>();
    after.forEach(c -> balance.merge(c, 1, Integer::sum));
    before.forEach(c -> balance.merge(c, -1, Integer::sum));
    final Map<String, List<CellContribution>> byCell = new LinkedHashMap<>();
    for (final CellContribution c : before) {
      if (balance.get(c) < 0) {
        balance.merge(c, 1, Integer::sum);
        byCell.computeIfAbsent(c.getCell(), k -> new ArrayList<>()).add(signed(c, -1));
      }
    }
    for (final CellContribution c : after) {
      if (balance.get(c) > 0) {
        balance.merge(c, -1, Integer::sum);
        byCell.computeIfAbsent(c.getCell(), k -> new ArrayList<>()).add(signed(c, 1));
      }
    }

    if (after.isEmpty()) {
      if (stored != null) {
        store.delete(propertyId);
      }
    } else if (!byCell.isEmpty()) {
      store.put(propertyId, new TrendContributions(new ArrayList<>(after)));
    }
    byCell.forEach(
        (cell, changes) ->
            context.forward(record.withKey(cell).withValue(new TrendContributions(changes))));
  }

  private static CellContribution signed(final CellContribution c, final int delta) {
    final TrendContribution contribution =
        TrendContribution.newBuilder(c.getContribution()).setDelta(delta).build();
    return CellContribution.newBuilder().setCell(c.getCell()).setContribution(contribution).build();
  }
}
