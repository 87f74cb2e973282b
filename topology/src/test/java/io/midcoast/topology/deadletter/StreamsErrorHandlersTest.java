package io.midcoast.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.TaskHealth;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.apache.kafka.streams.errors.StreamsException;
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

  private static DeadLetter letter(final ProducerRecord<byte[], byte[]> dlq) {
    assertThat(dlq.topic()).isEqualTo(Topics.INGEST_DLQ.name());
    assertThat(dlq.timestamp())
        .as("the source record's timestamp, not the wall clock")
        .isEqualTo(1_000L);
    assertThat(dlq.key()).isEqualTo(KEY);
    return Topics.INGEST_DLQ.valueSerde().deserializer().deserialize(dlq.topic(), dlq.value());
  }

  private static void assertSource(final DeadLetter letter, final byte[] value) {
    assertThat(letter.getSourceTopic()).isEqualTo("feeds.reso.property");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(42);
    assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000L));
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY);
    assertThat(letter.getOriginalValue() == null ? null : bytes(letter.getOriginalValue()))
        .isEqualTo(value);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer copy = buffer.duplicate();
    final byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
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
    final DeadLetter letter = letter(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("DESERIALIZATION_ERROR");
    assertThat(letter.getStage()).isEqualTo("store");
    assertThat(letter.getDetail()).contains("bad bytes");
    assertSource(letter, VALUE);
    assertThat(counters.deadLetters("store", "DESERIALIZATION_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAndContinueOnAProcessingError() {
    final StreamsErrorHandlers.ProcessingHandler handler =
        new StreamsErrorHandlers.ProcessingHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("ingest-resolve"),
            new Record<>("k", "v", 1L),
            new IllegalStateException("bug"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    final DeadLetter letter = letter(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(letter.getStage()).isEqualTo("resolve");
    assertSource(letter, VALUE);
    assertThat(counters.deadLetters("resolve", "PROCESSING_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldFailTheTaskOnAnUnskippableRecord() {
    final StreamsErrorHandlers.ProcessingHandler handler =
        new StreamsErrorHandlers.ProcessingHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final ProcessingExceptionHandler.Response response =
        handler.handleError(
            context("analytics-trend-aggregate"),
            new Record<>("k", "v", 1L),
            new UnskippableRecordException("delta failed", new IllegalStateException("bug")));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  /**
   * A store that failed (closed under a rebalance, a RocksDB error) or a send the producer failed
   * says nothing about the record: the task fails and retries it, and only a record that keeps
   * failing is dead-lettered, once.
   */
  @Test
  void shouldRetryAFailureOfTheStateOrTheProducerBeforeDeadLetteringIt() {
    final Exception storeClosed =
        new org.apache.kafka.streams.errors.InvalidStateStoreException("store is not open");
    final Exception sendFailed =
        new IllegalStateException(
            "wrapped", new org.apache.kafka.common.errors.TimeoutException("expired"));
    for (final Exception failure : List.of(storeClosed, sendFailed)) {
      // the attempts of one record, counted across replaced threads
      final Map<String, Object> config =
          Map.of(
              StreamsErrorHandlers.COUNTERS_CONFIG, counters, TaskHealth.CONFIG, new TaskHealth());
      final Record<String, String> record = new Record<>("k", "v", 1L);
      final ErrorHandlerContext context = context("analytics-estimate");
      for (int attempt = 1; attempt <= TaskHealth.MAX_ATTEMPTS; attempt++) {
        final StreamsErrorHandlers.ProcessingHandler handler =
            new StreamsErrorHandlers.ProcessingHandler();
        handler.configure(config);
        assertThat(handler.handleError(context, record, failure).result())
            .as("%s, attempt %d", failure, attempt)
            .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
      }
      final StreamsErrorHandlers.ProcessingHandler next =
          new StreamsErrorHandlers.ProcessingHandler();
      next.configure(config);
      final ProcessingExceptionHandler.Response skipped =
          next.handleError(context, record, failure);
      assertThat(skipped.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
      assertThat(letter(skipped.deadLetterQueueRecords().get(0)).getDetail())
          .contains("skipped after failing its task 3 times");
    }
    assertThat(counters.deadLetters("analytics-estimate", "PROCESSING_ERROR")).isEqualTo(2);
    assertThat(StreamsErrorHandlers.infrastructure(new IllegalArgumentException("bad value")))
        .isFalse();
  }

  @Test
  void shouldDeadLetterATooLargeOutputRecord() {
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final ProductionExceptionHandler.Response response =
        handler.handleError(
            context("ingest-store-property-state-sink"),
            new ProducerRecord<>("property.state", KEY, new byte[10]),
            new RecordTooLargeException("big"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    final DeadLetter letter = letter(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("RECORD_TOO_LARGE");
    assertThat(letter.getStage()).isEqualTo("store");
    assertThat(letter.getDetail()).contains("property.state");
    assertSource(letter, VALUE);
    assertThat(counters.deadLetters("store", "RECORD_TOO_LARGE")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAnOutputRecordThatCannotBeSerialized() {
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters));
    final ProductionExceptionHandler.Response response =
        handler.handleSerializationError(
            context("ingest-store-property-state-sink"),
            new ProducerRecord<>("property.state", "k", "v"),
            new IllegalStateException("cannot encode"),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    final DeadLetter letter = letter(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("SERIALIZATION_ERROR");
    assertThat(letter.getDetail()).contains("cannot encode");
    assertSource(letter, VALUE);
    assertThat(counters.deadLetters("store", "SERIALIZATION_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldWriteATooLargeDeadLetterAgainWithoutItsValue() {
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(Map.of());
    final ProductionExceptionHandler.Response response =
        handler.handleError(
            context("ingest-validate-dlq-sink"),
            new ProducerRecord<>(Topics.INGEST_DLQ.name(), KEY, new byte[10]),
            new RecordTooLargeException("big"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    final DeadLetter letter = letter(response.deadLetterQueueRecords().get(0));
    assertThat(letter.getStage()).isEqualTo("validate");
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getDetail()).contains("omitted");
  }

  @Test
  void shouldFailOnInternalTopicsAndOtherSendErrors() {
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(Map.of());
    for (final String internal :
        new String[] {
          "app-ingest-property-aggregate-changelog",
          "app-ingest-store-observations-by-property-repartition"
        }) {
      final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(internal, KEY, VALUE);
      assertThat(
              handler
                  .handleError(context("ingest-store"), record, new RecordTooLargeException("big"))
                  .result())
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
      assertThat(
              handler
                  .handleSerializationError(
                      context("ingest-store"),
                      record,
                      new IllegalStateException("cannot encode"),
                      ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                  .result())
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
    assertThat(
            handler
                .handleError(
                    context("ingest-store"),
                    new ProducerRecord<>("property.state", KEY, VALUE),
                    new TimeoutException("t"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void shouldMapEveryIngestNodeToItsStage() {
    assertThat(StreamsErrorHandlers.stageOf("ingest-collect-reso-source")).isEqualTo("collect");
    assertThat(StreamsErrorHandlers.stageOf("ingest-validate-dlq-sink")).isEqualTo("validate");
    assertThat(StreamsErrorHandlers.stageOf("ingest-resolve")).isEqualTo("resolve");
    assertThat(
            StreamsErrorHandlers.stageOf("ingest-resolve-observations-by-source-repartition-sink"))
        .isEqualTo("resolve");
    assertThat(StreamsErrorHandlers.stageOf("ingest-store-property-state-sink")).isEqualTo("store");
    assertThat(StreamsErrorHandlers.stageOf("ingest-storefront")).isEqualTo("ingest-storefront");
    assertThat(StreamsErrorHandlers.stageOf(null)).isEqualTo("unknown");
  }

  @Test
  void shouldReplaceTheThreadOnAnUncaughtException() {
    assertThat(
            StreamsErrorHandlers.uncaught(new TaskHealth())
                .handle(new IllegalStateException("boom")))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void shouldSkipAnUnskippableRecordOnceItFailedItsTaskThreeTimesAcrossHandlerInstances() {
    final TaskHealth health = new TaskHealth();
    final Map<String, Object> config =
        Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters, TaskHealth.CONFIG, health);
    final UnskippableRecordException failure =
        new UnskippableRecordException("delta failed", new IllegalStateException("bug"));
    for (int attempt = 1; attempt <= TaskHealth.MAX_ATTEMPTS; attempt++) {
      // each replaced stream thread configures a handler of its own
      final StreamsErrorHandlers.ProcessingHandler handler =
          new StreamsErrorHandlers.ProcessingHandler();
      handler.configure(config);
      assertThat(
              handler
                  .handleError(
                      context("analytics-trend-aggregate"), new Record<>("k", "v", 1L), failure)
                  .result())
          .as("attempt %d", attempt)
          .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }
    final StreamsErrorHandlers.ProcessingHandler next =
        new StreamsErrorHandlers.ProcessingHandler();
    next.configure(config);
    final ProcessingExceptionHandler.Response skipped =
        next.handleError(context("analytics-trend-aggregate"), new Record<>("k", "v", 1L), failure);

    assertThat(skipped.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    final DeadLetter letter = letter(skipped.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("PROCESSING_ERROR");
    assertThat(letter.getDetail()).contains("skipped after failing its task 3 times");
    assertSource(letter, VALUE);
    assertThat(counters.deadLetters("analytics-trend-aggregate", "PROCESSING_ERROR")).isEqualTo(1);
  }

  @Test
  void shouldDropATooLargeChangelogRecordOnceItFailedItsTaskThreeTimesButRetryTimeouts() {
    final TaskHealth health = new TaskHealth();
    final Map<String, Object> config =
        Map.of(StreamsErrorHandlers.COUNTERS_CONFIG, counters, TaskHealth.CONFIG, health);
    final ProducerRecord<byte[], byte[]> changelog =
        new ProducerRecord<>("app-ingest-property-aggregate-changelog", KEY, new byte[10]);
    final StreamsErrorHandlers.ProductionHandler handler =
        new StreamsErrorHandlers.ProductionHandler();
    handler.configure(config);
    for (int attempt = 1; attempt <= TaskHealth.MAX_ATTEMPTS; attempt++) {
      assertThat(
              handler
                  .handleError(
                      context("ingest-store"), changelog, new RecordTooLargeException("big"))
                  .result())
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
    final ProductionExceptionHandler.Response dropped =
        handler.handleError(context("ingest-store"), changelog, new RecordTooLargeException("big"));
    assertThat(dropped.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    final DeadLetter letter = letter(dropped.deadLetterQueueRecords().get(0));
    assertThat(letter.getReason()).isEqualTo("RECORD_TOO_LARGE");
    assertThat(letter.getDetail()).contains("internal topic", "skipped");
    assertSource(letter, VALUE);

    // a broker that is away is not the record's fault: never skipped
    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThat(
              handler
                  .handleError(context("ingest-store"), changelog, new TimeoutException("t"))
                  .result())
          .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
  }

  @Test
  void shouldRecordTheFailedTaskForReadiness() {
    final TaskHealth health = new TaskHealth();
    final StreamsException failure =
        new StreamsException(new RecordTooLargeException("1048692 bytes"), new TaskId(2, 2));
    for (int i = 0; i < 3; i++) {
      assertThat(StreamsErrorHandlers.uncaught(health).handle(failure))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
    StreamsErrorHandlers.uncaught(health).handle(new IllegalStateException("no task"));

    assertThat(health.totals()).isEqualTo(Map.of("2_2", 3L, "unknown", 1L));
    assertThat(health.failing(3, Duration.ofMinutes(10)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.task()).isEqualTo("2_2");
              assertThat(f.failures()).isEqualTo(3);
              assertThat(f.lastCause()).contains("RecordTooLargeException", "1048692 bytes");
            });
  }
}
