package io.midcoast.topology.deadletter;

import io.midcoast.topology.monitor.StageCounters;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage that turns each accepted value into one output value or a rejection. Rejections of
 * earlier stages pass through untouched; a {@link Rejection} becomes a dead letter with the stage's
 * name; an unexpected exception becomes a {@code PROCESSING_ERROR} dead letter (logged), so that
 * nothing throws out of the topology.
 *
 * @param <I> accepted input value
 * @param <O> accepted output value
 */
public abstract class StageProcessor<I, O>
    implements FixedKeyProcessor<String, Staged<I>, Staged<O>> {

  private static final Logger LOG = LoggerFactory.getLogger(StageProcessor.class);

  private final String stage;
  private final StageCounters counters;
  private FixedKeyProcessorContext<String, Staged<O>> context;

  protected StageProcessor(final String stage, final StageCounters counters) {
    this.stage = stage;
    this.counters = counters;
  }

  @Override
  public void init(final FixedKeyProcessorContext<String, Staged<O>> context) {
    this.context = context;
  }

  /**
   * The stage's work on one accepted value.
   *
   * @throws Rejection when the value breaks a rule
   */
  protected abstract O apply(I value, Provenance source);

  @Override
  public void process(final FixedKeyRecord<String, Staged<I>> record) {
    final Staged<I> in = record.value();
    if (in.isRejected()) {
      context.forward(record.withValue(in.passRejection()));
      return;
    }
    counters.recordIn(stage);
    Staged<O> out;
    try {
      out = Staged.ok(in.source(), apply(in.value(), in.source()));
      counters.recordOut(stage);
    } catch (final Rejection r) {
      out = reject(stage, counters, in.source(), r);
    } catch (final RuntimeException e) {
      LOG.error("stage {} failed on {}; dead-lettered", stage, in.source(), e);
      out =
          reject(
              stage,
              counters,
              in.source(),
              new Rejection(RejectReason.PROCESSING_ERROR, String.valueOf(e)));
    }
    context.forward(record.withValue(out));
  }

  /** A counted dead letter for {@code source}. */
  public static <T> Staged<T> reject(
      final String stage,
      final StageCounters counters,
      final Provenance source,
      final Rejection rejection) {
    counters.deadLettered(stage, rejection.reason().name());
    return Staged.rejected(
        source, DeadLetters.of(rejection.reason().name(), rejection.detail(), stage, source));
  }
}
