package io.midcoast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class StreamsErrorHandlersTest {

  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

  private final InMemoryStageCounters counters = new InMemoryStageCounters();

  private static ErrorHandlerContext context(final String node) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "feeds.reso.property";
      }

      @Override
      public int partition() {
        return 2;
      }

      @Override
      public long offset() {
        return 42;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return node;
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 2);
      }

      @Override
      public long timestamp() {
        return 1_000L;
      }

      @Override
      public byte[] sourceRawKey() {
        return KEY;
      }

      @Override
      public byte[] sourceRawValue() {
        return VALUE;
      }
    };
  }

  @Test
  void shouldDeadLetterAndContinueOnADeserializationError() {
    final StreamsErrorHandlers.DeserializationHandler handler =
        new StreamsErrorHandlers.DeserializationHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final DeserializationExceptionHandler.Response response =
        handler.handleError(
            context("ingest-store-observations-by-property-repartition-source"),
            new ConsumerRecord<>("t", 2, 42, KEY, VALUE),
            new IllegalStateException("bad bytes"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    final ProducerRecord<byte[], byte[]> dlq = response.deadLetterQueueRecords().get(0);
    assertThat(dlq.topic()).isEqualTo(Topics.INGEST_DLQ.name());
    final DeadLetter letter =
        Topics.INGEST_DLQ.valueSerde().deserializer().deserialize(dlq.topic(), dlq.value());
    assertThat(letter.getReason()).isEqualTo("DESERIALIZATION_ERROR");
    assertThat(letter.getStage()).isEqualTo("store");
    assertThat(letter.getSourceOffset()).isEqualTo(42);
    assertThat(letter.getOriginalValue().array()).isEqualTo(VALUE);
    assertThat(counters.deadLetters("store", "DESERIALIZATION_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAndContinueOnAProcessingError() {
    final StreamsErrorHandlers.ProcessingHandler handler =
        new StreamsErrorHandlers.ProcessingHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("ingest-store"), new Record<>("k", "v", 1L), new IllegalStateException("bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    assertThat(counters.deadLetters("store", "PROCESSING_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldContinueOnlyForRecordTooLargeAndSerializationErrors() {
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(Map.of());
    final ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>("property.state", KEY, VALUE);

    assertThat(
            handler
                .handleError(context("ingest-store"), record, new RecordTooLargeException("big"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(
            handler
                .handleSerializationError(
                    context("ingest-store"),
                    record,
                    new IllegalStateException("cannot encode"),
                    ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(
            handler
                .handleError(context("ingest-store"), record, new TimeoutException("t"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void shouldReplaceTheThreadOnAnUncaughtException() {
    assertThat(StreamsErrorHandlers.uncaught().handle(new IllegalStateException("boom")))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
