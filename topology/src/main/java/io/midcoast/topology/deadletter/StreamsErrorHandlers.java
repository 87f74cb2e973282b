package io.midcoast.topology.deadletter;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.monitor.StageCounters;
import io.midcoast.topology.monitor.Stages;
import io.midcoast.topology.monitor.TaskHealth;
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
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handlers of every Midcoast Streams application (Kafka 4.x, KIP-1033/KIP-1034 API).
 * {@link io.midcoast.topology.config.KafkaSettings#streamsProperties()} registers the three record
 * handlers; the application sets {@link #uncaught(TaskHealth)} on its {@code KafkaStreams}.
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
 * <p>No record fails its task in a loop: a record whose failure is deterministic (an {@link
 * UnskippableRecordException}, a too-large or unserializable record for an internal topic) fails
 * its task at most {@link TaskHealth#MAX_ATTEMPTS} times, counted in the application's {@link
 * TaskHealth} (under {@link TaskHealth#CONFIG}), which outlives the replaced threads; the next time
 * it is dead-lettered and skipped. Other send errors (a broker away, a timeout) keep failing the
 * task: skipping them would lose records. The uncaught handler records every task failure there for
 * readiness and metrics.
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

  /**
   * Logs the exception, records the failed task in {@code health} (readiness and the task-failure
   * metric read it) and replaces the failed stream thread.
   */
  public static StreamsUncaughtExceptionHandler uncaught(final TaskHealth health) {
    return exception -> {
      final String task = taskOf(exception);
      LOG.error("stream thread failed (task {}); replacing it", task, exception);
      health.taskFailed(task, DeadLetters.bounded(causeOf(exception)));
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    };
  }

  /** The id of the task an exception failed, or {@code unknown}. */
  static String taskOf(final Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof StreamsException se && se.taskId().isPresent()) {
        return se.taskId().get().toString();
      }
    }
    return "unknown";
  }

  /** The innermost cause of an exception, as text. */
  static String causeOf(final Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root);
  }

  /** The identity of the record a handler is called for: its coordinates and node. */
  static String recordOf(final ErrorHandlerContext context, final String what) {
    return what
        + ":"
        + context.topic()
        + "-"
        + context.partition()
        + "@"
        + context.offset()
        + "/"
        + context.processorNodeId();
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

  /**
   * What every handler shares: the stage counters it counts dead letters into, and the task health
   * that remembers how often a record failed its task (across thread replacements).
   */
  private abstract static class Counting implements Configurable {

    /** Where dead letters are counted; none until {@link #configure}. */
    protected StageCounters counters = StageCounters.none();

    /** The application's task health; a private one when the configuration passes none. */
    protected TaskHealth health = new TaskHealth();

    @Override
    public void configure(final Map<String, ?> configs) {
      counters = counters(configs);
      final TaskHealth shared = TaskHealth.of(configs);
      if (shared != null) {
        health = shared;
      }
    }

    /**
     * Whether the record (identified by {@code record}) may fail its task once more: true for its
     * first {@link TaskHealth#MAX_ATTEMPTS} failures; after that it must be dead-lettered and
     * skipped, so that a deterministic failure never retries in a loop.
     */
    protected boolean mayFailAgain(final String record) {
      return health.recordAttempt(record) <= TaskHealth.MAX_ATTEMPTS;
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
   * two kinds, where the task fails instead (and the record is retried from the last commit), at
   * most {@link TaskHealth#MAX_ATTEMPTS} times for one record before it is dead-lettered and
   * skipped:
   *
   * <ul>
   *   <li>an {@link UnskippableRecordException}, thrown by processors that apply signed deltas to
   *       aggregates, where skipping a record would corrupt the aggregate for good, so the error is
   *       seen;
   *   <li>a failure of the machinery rather than of the record ({@link #infrastructure}): a state
   *       store that is closed or failed to read or write, a send the producer failed, a broker
   *       away. The record did nothing wrong; a retry after the task is rebuilt processes it.
   * </ul>
   */
  public static final class ProcessingHandler extends Counting
      implements ProcessingExceptionHandler {

    @Override
    public Response handleError(
        final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
      final boolean unskippable = exception instanceof UnskippableRecordException;
      final boolean retried = unskippable || infrastructure(exception);
      final boolean fail = retried && mayFailAgain(recordOf(context, "process"));
      LOG.error(
          "processor {} failed on record {}-{}@{}; {}",
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          fail
              ? unskippable
                  ? "failing the task (the record cannot be skipped)"
                  : "failing the task (a failure of the state or the producer, not of the"
                      + " record: it is retried)"
              : retried
                  ? "it failed its task "
                      + TaskHealth.MAX_ATTEMPTS
                      + " times: dead-lettered and skipped"
                      + (unskippable ? " (the aggregate it updates may be off until rebuilt)" : "")
                  : "dead-lettered, continuing",
          exception);
      if (fail) {
        return Response.fail();
      }
      return Response.resume(
          deadLettered(
              counters,
              context,
              context.sourceRawKey(),
              context.sourceRawValue(),
              RejectReason.PROCESSING_ERROR,
              retried
                  ? "skipped after failing its task "
                      + TaskHealth.MAX_ATTEMPTS
                      + " times: "
                      + exception
                  : String.valueOf(exception)));
    }
  }

  /**
   * Whether a processing exception is a failure of the machinery rather than of the record: a
   * {@link StreamsException} (Kafka Streams' own: a store closed or migrated, a RocksDB read or
   * write that failed, a send the producer reported failed) or a retriable client error anywhere in
   * its causes. Midcoast's processors throw neither for a bad record.
   */
  static boolean infrastructure(final Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StreamsException
          || t instanceof org.apache.kafka.common.errors.RetriableException) {
        return true;
      }
    }
    return false;
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
      if (exception instanceof RecordTooLargeException
          && isInternal(record.topic())
          && !mayFailAgain(recordOf(context, "produce:" + record.topic()))) {
        LOG.error(
            "record for internal topic {} is too large; it failed its task {} times: dropped from"
                + " the topic and its source record dead-lettered (a store and its changelog may"
                + " differ for this key until it is written again)",
            record.topic(),
            TaskHealth.MAX_ATTEMPTS,
            exception);
        return resumeWithDeadLetter(
            context,
            RejectReason.RECORD_TOO_LARGE,
            "record for internal topic "
                + record.topic()
                + " is too large; skipped after failing its task "
                + TaskHealth.MAX_ATTEMPTS
                + " times",
            false);
      }
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
      if (isInternal(record.topic())
          && mayFailAgain(recordOf(context, "serialize:" + record.topic()))) {
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
