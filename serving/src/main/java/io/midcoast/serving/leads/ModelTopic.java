package io.midcoast.serving.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ml.model} topic for the trainer and the operator's commands: reads every model record
 * (the topic is compacted and small) into a {@link ModelCatalog}, and sends requests synchronously
 * to {@code ml.model.request}, which only the topology's model-stage authority turns into {@code
 * ml.model} records. Thread-safe (one operation at a time).
 */
public final class ModelTopic implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTopic.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> consumerConfig;
  private final KafkaProducer<String, ModelRecord> producer;
  private final Duration timeout;

  private ModelTopic(
      final Map<String, Object> consumerConfig,
      final Map<String, Object> producerConfig,
      final Duration timeout) {
    this.consumerConfig = consumerConfig;
    this.timeout = timeout;
    this.producer =
        new KafkaProducer<>(
            producerConfig,
            Topics.ML_MODEL_REQUEST.keySerde().serializer(),
            Topics.ML_MODEL_REQUEST.valueSerde().serializer());
  }

  /**
   * Clients with the connection settings of the application: a reader from the start of the topic,
   * an idempotent writer taking records of up to 8 MiB (a model's payload).
   *
   * @param kafka the application's Kafka settings
   * @param clientId client id prefix
   * @param timeout bound of each read or publication
   */
  public static ModelTopic create(
      final KafkaSettings kafka, final String clientId, final Duration timeout) {
    final Map<String, Object> producer = kafka.producerConfig(clientId + "-models-writer");
    producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    return new ModelTopic(readerConfig(kafka, clientId + "-models-reader"), producer, timeout);
  }

  /** A consumer of the application reading from the start of each partition. */
  static Map<String, Object> readerConfig(final KafkaSettings kafka, final String clientId) {
    final Map<String, Object> config = kafka.consumerConfig(clientId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** Every model record on the topic, up to its end at the time of the call. */
  public synchronized ModelCatalog read() {
    final long deadline = System.nanoTime() + timeout.toNanos();
    final Map<String, ModelRecord> latest = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
      final List<TopicPartition> partitions = partitions(consumer, Topics.ML_MODEL.name(), timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new KafkaException("timed out reading " + Topics.ML_MODEL.name());
        }
        for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          final String key =
              Topics.ML_MODEL.keySerde().deserializer().deserialize(r.topic(), r.key());
          final ModelRecord value =
              r.value() == null
                  ? null
                  : Topics.ML_MODEL.valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (value == null) {
            latest.remove(key);
          } else {
            latest.put(key, value);
          }
        }
      }
    }
    return ModelCatalog.of(latest.values());
  }

  /**
   * Sends {@code records} as requests to the model-stage authority ({@code ml.model.request}, keyed
   * {@code "<modelId>:<version>"}) and waits for the acks; the authority writes {@code ml.model}.
   */
  public synchronized void publish(final List<ModelRecord> records) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (final ModelRecord r : records) {
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  Topics.ML_MODEL_REQUEST.name(),
                  ModelCatalog.key(r.getModelId(), r.getVersion()),
                  r)));
    }
    producer.flush();
    for (final Future<RecordMetadata> f : sent) {
      try {
        f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (final ExecutionException | TimeoutException e) {
        throw new KafkaException("could not publish to " + Topics.ML_MODEL_REQUEST.name(), e);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted publishing to " + Topics.ML_MODEL_REQUEST.name(), e);
      }
    }
    for (final ModelRecord r : records) {
      LOG.info(
          "requested {} as {} ({})",
          ModelCatalog.key(r.getModelId(), r.getVersion()),
          r.getStage(),
          r.getStageReason());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** The partitions of {@code topic}, waiting up to {@code timeout} for the topic to exist. */
  static List<TopicPartition> partitions(
      final KafkaConsumer<?, ?> consumer, final String topic, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaException("topic " + topic + " does not exist");
      }
      try {
        Thread.sleep(200);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted waiting for " + topic, e);
      }
    }
  }

  static boolean caughtUp(final KafkaConsumer<?, ?> consumer, final Map<TopicPartition, Long> end) {
    for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
