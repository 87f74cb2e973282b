package io.midcoast.topology.analytics;

import io.midcoast.schemas.CellContribution;
import io.midcoast.schemas.TrendAggregate;
import io.midcoast.schemas.TrendCell;
import io.midcoast.schemas.TrendContributions;
import io.midcoast.topology.deadletter.UnskippableRecordException;
import io.midcoast.topology.monitor.StageCounters;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate stage, keyed by cell (partitioned by region): applies the signed contributions of
 * one property to the cell's {@link TrendAggregate}, writes the derived {@link TrendCell} to the
 * queryable trend store and forwards it when it changed. A cell whose counts all drop to zero is
 * deleted from both stores and forwarded as a tombstone.
 *
 * <p>The aggregate is bounded ({@link TrendAggregates#MAX_DISTINCT_VALUES} distinct values per
 * multiset); a cell whose multisets go on a coarser grid is logged as a warning with its steps.
 */
public final class TrendAggregateProcessor
    implements Processor<String, TrendContributions, String, TrendCell> {

  private static final Logger LOG = LoggerFactory.getLogger(TrendAggregateProcessor.class);

  private final StageCounters counters;
  private final String aggregateStoreName;
  private final String trendStoreName;
  private ProcessorContext<String, TrendCell> context;
  private KeyValueStore<String, TrendAggregate> aggregates;
  private KeyValueStore<String, TrendCell> cells;

  /**
   * @param counters stage counters
   * @param aggregateStoreName the store of {@link TrendAggregate} per cell
   * @param trendStoreName the queryable store of {@link TrendCell} per cell
   */
  public TrendAggregateProcessor(
      final StageCounters counters, final String aggregateStoreName, final String trendStoreName) {
    this.counters = counters;
    this.aggregateStoreName = aggregateStoreName;
    this.trendStoreName = trendStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, TrendCell> context) {
    this.context = context;
    this.aggregates = context.getStateStore(aggregateStoreName);
    this.cells = context.getStateStore(trendStoreName);
  }

  /**
   * Applies one property's contributions to its cell. A failure fails the task ({@link
   * UnskippableRecordException}): a skipped delta could never be repaired.
   */
  @Override
  public void process(final Record<String, TrendContributions> record) {
    final String cellKey = record.key();
    if (cellKey == null || record.value() == null) {
      return;
    }
    try {
      apply(cellKey, record);
    } catch (final RuntimeException e) {
      throw new UnskippableRecordException("trend aggregate of cell " + cellKey + " failed", e);
    }
  }

  private void apply(final String cellKey, final Record<String, TrendContributions> record) {
    final TrendAggregate current = aggregates.get(cellKey);
    final TrendAggregate next = current != null ? current : TrendAggregates.empty();
    final TrendAggregates.Steps steps = TrendAggregates.Steps.of(next);
    for (final CellContribution change : record.value().getContributions()) {
      TrendAggregates.apply(next, change.getContribution());
    }
    final TrendAggregates.Steps now = TrendAggregates.Steps.of(next);
    if (!now.equals(steps)) {
      LOG.warn(
          "trend cell {} holds more than {} distinct values in a median: grid steps now {}"
              + " (those medians are within one step of exact)",
          cellKey,
          TrendAggregates.MAX_DISTINCT_VALUES,
          now);
    }
    final TrendCell previous = cells.get(cellKey);
    if (TrendAggregates.isEmpty(next)) {
      aggregates.delete(cellKey);
      if (previous != null) {
        cells.delete(cellKey);
        context.forward(record.withValue(null));
        counters.recordOut(TrendContributionsProcessor.STAGE);
      }
      return;
    }
    // everything that can fail runs before the first write
    final TrendCell cell = TrendAggregates.cell(cellKey, next);
    aggregates.put(cellKey, next);
    if (!Objects.equals(cell, previous)) {
      cells.put(cellKey, cell);
      context.forward(record.withValue(cell));
      counters.recordOut(TrendContributionsProcessor.STAGE);
    }
  }
}
