package io.midcoast.topology.ingest.collect;

import io.midcoast.topology.deadletter.Provenance;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.deadletter.StageProcessor;
import io.midcoast.topology.deadletter.Staged;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collect stage over one feed: each message in, zero or more source records out (a header line
 * yields none, an OData page one per element), rejections as dead letters. The feed's record
 * headers are dropped here, so they never reach {@code property.state} or {@code ingest.dlq}.
 */
public final class CollectProcessor
    implements FixedKeyProcessor<String, byte[], Staged<SourceRecord>> {

  private static final Logger LOG = LoggerFactory.getLogger(CollectProcessor.class);

  /**
   * One collected element.
   *
   * @param bytes supplies its own bytes, for a dead letter
   * @param record the record, or null when rejected
   * @param rejection the rejection, or null
   */
  record Collected(Supplier<byte[]> bytes, SourceRecord record, Rejection rejection) {}

  private final StageCounters counters;
  private final Function<byte[], List<Collected>> parser;
  private FixedKeyProcessorContext<String, Staged<SourceRecord>> context;

  private CollectProcessor(
      final StageCounters counters, final Function<byte[], List<Collected>> parser) {
    this.counters = counters;
    this.parser = parser;
  }

  /** Collects {@code feeds.reso.property}: JSON objects and OData pages. */
  public static CollectProcessor reso(final StageCounters counters) {
    return new CollectProcessor(
        counters,
        value ->
            ResoCollector.collect(value).stream()
                .map(e -> new Collected(e.bytes(), e.record(), e.rejection()))
                .toList());
  }

  /** Collects {@code feeds.county.sale}: one CSV line, header skipped. */
  public static CollectProcessor county(final StageCounters counters) {
    return new CollectProcessor(
        counters,
        value ->
            CountyCollector.collect(value)
                .map(r -> List.of(new Collected(() -> value, r, null)))
                .orElse(List.of()));
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, Staged<SourceRecord>> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<String, byte[]> record) {
    counters.recordIn(Stages.COLLECT);
    final Provenance source =
        Provenance.of(context.recordMetadata(), record.timestamp(), record.key(), record.value());
    final List<Collected> elements;
    try {
      elements = parser.apply(record.value());
    } catch (final Rejection r) {
      forward(record, StageProcessor.reject(Stages.COLLECT, counters, source, r));
      return;
    } catch (final RuntimeException e) {
      LOG.error("collect failed on {}; dead-lettered", source, e);
      forward(
          record,
          StageProcessor.reject(
              Stages.COLLECT,
              counters,
              source,
              new Rejection(RejectReason.PROCESSING_ERROR, String.valueOf(e))));
      return;
    }
    for (final Collected element : elements) {
      final Provenance elementSource = source.withValue(element.bytes());
      if (element.rejection() != null) {
        forward(
            record,
            StageProcessor.reject(Stages.COLLECT, counters, elementSource, element.rejection()));
      } else {
        counters.recordOut(Stages.COLLECT);
        forward(record, Staged.ok(elementSource, element.record()));
      }
    }
  }

  /** Forwards without the feed's headers: they must not leak into output topics. */
  private void forward(final FixedKeyRecord<String, byte[]> record, final Staged<SourceRecord> v) {
    context.forward(record.withValue(v).withHeaders(new RecordHeaders()));
  }
}
