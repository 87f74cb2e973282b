package io.midcoast.connect;

import io.debezium.connector.jdbc.JdbcSinkConnectorTask;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One sink configuration run as a Connect worker would, without the worker: its converters and
 * transforms ({@link SinkPipeline}), then Debezium's {@link JdbcSinkConnectorTask}, in-process.
 */
final class DirectSink implements AutoCloseable {

  private final String topic;
  private final SinkPipeline pipeline;
  private final JdbcSinkConnectorTask task = new JdbcSinkConnectorTask();
  private long offset;

  DirectSink(final Map<String, String> config, final String topic) {
    this.topic = topic;
    this.pipeline = new SinkPipeline(config);
    task.initialize(new TaskContext(topic, config));
    task.start(config);
  }

  /** The sink record of the next offset holding {@code value} (Avro, as the app writes it). */
  SinkRecord record(final String key, final SpecificRecord value) {
    return pipeline.sinkRecord(topic, key, Analytics.encode(value), offset++);
  }

  /** The sink record of the next offset holding a tombstone. */
  SinkRecord tombstone(final String key) {
    return pipeline.sinkRecord(topic, key, null, offset++);
  }

  /** Hands {@code records} to the task and lets it flush, as the worker does before a commit. */
  void put(final SinkRecord... records) {
    task.put(List.of(records));
    task.preCommit(Map.of());
  }

  @Override
  public void close() {
    try {
      task.stop();
    } finally {
      pipeline.close();
    }
  }
}
