package io.midcoast.topology.deadletter;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handlers of every Midcoast Streams application (Kafka 4.x, KIP-1033/KIP-1034 API).
 * {@link io.midcoast.topology.config.KafkaSettings#streamsProperties()} registers the three record
 * handlers; the application sets {@link #uncaught()} on its {@code KafkaStreams}.
 *
 * <ul>
 *   <li>deserialization and processing errors: logged, counted, the record is written to {@code
 *       ingest.dlq} as a {@link DeadLetter} with its original bytes, and processing continues;
 *   <li>production errors on an output topic ({@code property.state}, ...): a record too large for
 *       the broker or one that cannot be serialized is logged, counted and replaced by a {@link
 *       DeadLetter} on {@code ingest.dlq} holding the source record ({@code RECORD_TOO_LARGE},
 *       {@code SERIALIZATION_ERROR}); nothing is dropped silently. A too-large dead letter is
 *       written again without the original value. Errors on internal topics (names ending {@code
 *       -changelog} or {@code -repartition}) and every other send error fail the task (the uncaught
 *       handler then replaces the thread, which resumes from the last commit).
 * </ul>
 *
 * <p>Every dead letter written here carries the source record's timestamp ({@code
 * context.timestamp()}) as its Kafka timestamp, not the wall clock.
 *
 * <p>The handlers count into the {@link StageCounters} found under {@link #COUNTERS_CONFIG} in the
 * Streams configuration (none if absent).
 */
public final class StreamsErrorHandlers {

  /** Streams config key under which the {@link StageCounters} instance is passed. */
  public static final String COUNTERS_CONFIG = "midcoast.stage.counters";

  private static final Logger LOG = LoggerFactory.getLogger(StreamsErrorHandlers.class);
  private static final Pattern STAGE =
      Pattern.compile("^ingest-(" + String.join("|", Stages.INGEST) + ")(?:-.*)?$");

  private StreamsErrorHandlers() {}

  /** Logs the exception and replaces the failed stream thread. */
  public static StreamsUncaughtExceptionHandler uncaught() {
    return exception -> {
      LOG.error("stream thread failed; replacing it", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    };
  }

  /**
   * The stage a node belongs to, from Midcoast's node naming: every ingest node — processors,
   * sources, sinks, repartition nodes — is named {@code ingest-<stage>[-...]} (e.g. {@code
   * ingest-store-property-state-sink} → {@code store}, {@code ingest-validate-dlq-sink} → {@code
   * validate}); other nodes map to their own id, a missing id to {@code unknown}.
   */
  static String stageOf(final String processorNodeId) {
    if (processorNodeId == null) {
      return "unknown";
    }
    final Matcher matcher = STAGE.matcher(processorNodeId);
    return matcher.matches() ? matcher.group(1) : processorNodeId;
  }

  private static StageCounters counters(final Map<String, ?> configs) {
    return configs.get(COUNTERS_CONFIG) instanceof StageCounters c ? c : StageCounters.none();
  }

  /**
   * The one dead-letter path of every handler: counts the dead letter under the node's stage and
   * returns the {@code ingest.dlq} record holding the source record's bytes, the reason and the
   * detail, timestamped with the source record's timestamp.
   */
  private static List<ProducerRecord<byte[], byte[]>> deadLettered(
      final StageCounters counters,
      final ErrorHandlerContext context,
      final byte[] key,
      final byte[] value,
      final RejectReason reason,
      final String detail) {
    final String stage = stageOf(context.processorNodeId());
    counters.deadLettered(stage, reason.name());
    final DeadLetter letter =
        DeadLetters.of(
            reason.name(),
            detail,
            stage,
            Provenance.of(
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                key,
                value));
    final byte[] bytes =
        Topics.INGEST_DLQ.valueSerde().serializer().serialize(Topics.INGEST_DLQ.name(), letter);
    return List.of(
        new ProducerRecord<>(
            Topics.INGEST_DLQ.name(), null, Math.max(0, context.timestamp()), key, bytes));
  }

  /** What every handler shares: the stage counters it counts dead letters into. */
  private abstract static class Counting implements Configurable {

    /** Where dead letters are counted; none until {@link #configure}. */
    protected StageCounters counters = StageCounters.none();

    @Override
    public void configure(final Map<String, ?> configs) {
      counters = counters(configs);
    }
  }

  /** Whether a topic is one of Streams' internal topics (changelog, repartition). */
  static boolean isInternal(final String topic) {
    return topic != null && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
  }

  /** Deserialization errors: log, count, dead-letter the raw record, continue. */
  public static final class DeserializationHandler extends Counting
      implements DeserializationExceptionHandler {

    @Override
    public Response handleError(
        final ErrorHandlerContext context,
        final ConsumerRecord<byte[], byte[]> record,
        final Exception exception) {
      LOG.warn(
          "cannot deserialize record {}-{}@{}; dead-lettered, continuing",
          record.topic(),
          record.partition(),
          record.offset(),
          exception);
      return Response.resume(
          deadLettered(
              counters,
              context,
              record.key(),
              record.value(),
              RejectReason.DESERIALIZATION_ERROR,
              String.valueOf(exception)));
    }
  }

  /**
   * Unexpected processing errors: log, count, dead-letter the source record, continue — except for
   * an {@link UnskippableRecordException}, thrown by processors that apply signed deltas to
   * aggregates, where skipping a record would corrupt the aggregate for good: there the task fails
   * (and is retried), so the error is seen.
   */
  public static final class ProcessingHandler extends Counting
      implements ProcessingExceptionHandler {

    @Override
    public Response handleError(
        final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
      final boolean unskippable = exception instanceof UnskippableRecordException;
      LOG.error(
          "processor {} failed on record {}-{}@{}; {}",
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          unskippable
              ? "failing the task (the record cannot be skipped)"
              : "dead-lettered, continuing",
          exception);
      if (unskippable) {
        return Response.fail();
      }
      return Response.resume(
          deadLettered(
              counters,
              context,
              context.sourceRawKey(),
              context.sourceRawValue(),
              RejectReason.PROCESSING_ERROR,
              String.valueOf(exception)));
    }
  }

  /**
   * Production errors: on an output topic, a record that is too large or cannot be serialized
   * becomes a dead letter of its source record (logged, counted); on an internal topic, and for
   * every other error, the task fails, so that nothing is silently lost.
   */
  public static final class ProductionHandler extends Counting
      implements ProductionExceptionHandler {

    @Override
    public Response handleError(
        final ErrorHandlerContext context,
        final ProducerRecord<byte[], byte[]> record,
        final Exception exception) {
      if (exception instanceof RecordTooLargeException && !isInternal(record.topic())) {
        final int size = record.value() == null ? 0 : record.value().length;
        LOG.error(
            "record for {} is too large ({} value bytes); dead-lettered, continuing",
            record.topic(),
            size,
            exception);
        return resumeWithDeadLetter(
            context,
            RejectReason.RECORD_TOO_LARGE,
            "record for " + record.topic() + " is too large (" + size + " value bytes)",
            Topics.INGEST_DLQ.name().equals(record.topic()));
      }
      LOG.error("cannot send a record to {}; failing the task", record.topic(), exception);
      return Response.fail();
    }

    @Override
    public Response handleSerializationError(
        final ErrorHandlerContext context,
        @SuppressWarnings("rawtypes") final ProducerRecord record,
        final Exception exception,
        final SerializationExceptionOrigin origin) {
      if (isInternal(record.topic())) {
        LOG.error(
            "cannot serialize the {} of a record for internal topic {}; failing the task",
            origin,
            record.topic(),
            exception);
        return Response.fail();
      }
      LOG.error(
          "cannot serialize the {} of a record for {}; dead-lettered, continuing",
          origin,
          record.topic(),
          exception);
      return resumeWithDeadLetter(
          context,
          RejectReason.SERIALIZATION_ERROR,
          "cannot serialize the " + origin + " for " + record.topic() + ": " + exception,
          false);
    }

    private Response resumeWithDeadLetter(
        final ErrorHandlerContext context,
        final RejectReason reason,
        final String detail,
        final boolean withoutValue) {
      final byte[] value = withoutValue ? null : context.sourceRawValue();
      return Response.resume(
          StreamsErrorHandlers.deadLettered(
              counters,
              context,
              context.sourceRawKey(),
              value,
              reason,
              withoutValue ? detail + "; original value omitted" : detail));
    }
  }
}
