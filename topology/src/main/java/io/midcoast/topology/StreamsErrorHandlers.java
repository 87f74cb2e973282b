package io.midcoast.topology;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.ingest.DeadLetters;
import io.midcoast.topology.ingest.Provenance;
import io.midcoast.topology.ingest.RejectReason;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 *   <li>production errors: a record too large for the broker and a serialization error are logged,
 *       counted and skipped; every other send error fails the task (the uncaught handler then
 *       replaces the thread, which resumes from the last commit).
 * </ul>
 *
 * <p>The handlers count into the {@link StageCounters} found under {@link #COUNTERS_CONFIG} in the
 * Streams configuration (none if absent).
 */
public final class StreamsErrorHandlers {

  /** Streams config key under which the {@link StageCounters} instance is passed. */
  public static final String COUNTERS_CONFIG = "midcoast.stage.counters";

  private static final Logger LOG = LoggerFactory.getLogger(StreamsErrorHandlers.class);
  private static final Pattern STAGE =
      Pattern.compile("^ingest-(collect|process|validate|store)\\b.*");

  private StreamsErrorHandlers() {}

  /** Logs the exception and replaces the failed stream thread. */
  public static StreamsUncaughtExceptionHandler uncaught() {
    return exception -> {
      LOG.error("stream thread failed; replacing it", exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    };
  }

  /** The stage a processor node belongs to, from Midcoast's node naming ("ingest-<stage>-..."). */
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

  private static List<ProducerRecord<byte[], byte[]>> deadLetter(
      final ErrorHandlerContext context,
      final byte[] key,
      final byte[] value,
      final RejectReason reason,
      final Exception exception) {
    final String stage = stageOf(context.processorNodeId());
    final DeadLetter letter =
        DeadLetters.of(
            reason.name(),
            String.valueOf(exception),
            stage,
            new Provenance(
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                key,
                value));
    final byte[] bytes =
        Topics.INGEST_DLQ.valueSerde().serializer().serialize(Topics.INGEST_DLQ.name(), letter);
    return List.of(new ProducerRecord<>(Topics.INGEST_DLQ.name(), null, key, bytes));
  }

  /** Deserialization errors: log, count, dead-letter the raw record, continue. */
  public static final class DeserializationHandler implements DeserializationExceptionHandler {

    private StageCounters counters = StageCounters.none();

    @Override
    public void configure(final Map<String, ?> configs) {
      counters = counters(configs);
    }

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
      counters.deadLettered(
          stageOf(context.processorNodeId()), RejectReason.DESERIALIZATION_ERROR.name());
      return Response.resume(
          deadLetter(
              context,
              record.key(),
              record.value(),
              RejectReason.DESERIALIZATION_ERROR,
              exception));
    }
  }

  /** Unexpected processing errors: log, count, dead-letter the source record, continue. */
  public static final class ProcessingHandler implements ProcessingExceptionHandler {

    private StageCounters counters = StageCounters.none();

    @Override
    public void configure(final Map<String, ?> configs) {
      counters = counters(configs);
    }

    @Override
    public Response handleError(
        final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
      LOG.error(
          "processor {} failed on record {}-{}@{}; dead-lettered, continuing",
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          exception);
      counters.deadLettered(
          stageOf(context.processorNodeId()), RejectReason.PROCESSING_ERROR.name());
      return Response.resume(
          deadLetter(
              context,
              context.sourceRawKey(),
              context.sourceRawValue(),
              RejectReason.PROCESSING_ERROR,
              exception));
    }
  }

  /**
   * Production errors: skip a record that is too large or cannot be serialized (logged, counted);
   * fail on every other error so that nothing is silently lost.
   */
  public static final class ProductionHandler implements ProductionExceptionHandler {

    private StageCounters counters = StageCounters.none();

    @Override
    public void configure(final Map<String, ?> configs) {
      counters = counters(configs);
    }

    @Override
    public Response handleError(
        final ErrorHandlerContext context,
        final ProducerRecord<byte[], byte[]> record,
        final Exception exception) {
      if (exception instanceof RecordTooLargeException) {
        LOG.error(
            "record for {} is too large ({} value bytes); skipped",
            record.topic(),
            record.value() == null ? 0 : record.value().length,
            exception);
        counters.deadLettered(stageOf(context.processorNodeId()), "RECORD_TOO_LARGE");
        return Response.resume();
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
      LOG.error(
          "cannot serialize the {} of a record for {}; skipped", origin, record.topic(), exception);
      counters.deadLettered(stageOf(context.processorNodeId()), "SERIALIZATION_ERROR");
      return Response.resume();
    }
  }
}
