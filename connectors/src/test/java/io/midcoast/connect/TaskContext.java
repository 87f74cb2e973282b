package io.midcoast.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The little a sink task asks of its context when driven directly: partition 0 of one topic. */
record TaskContext(String topic, Map<String, String> configs) implements SinkTaskContext {

  @Override
  public void offset(final Map<TopicPartition, Long> offsets) {}

  @Override
  public void offset(final TopicPartition partition, final long offset) {}

  @Override
  public void timeout(final long timeoutMs) {}

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of(new TopicPartition(topic, 0));
  }

  @Override
  public void pause(final TopicPartition... partitions) {}

  @Override
  public void resume(final TopicPartition... partitions) {}

  @Override
  public void requestCommit() {}

  @Override
  public PluginMetrics pluginMetrics() {
    return null;
  }

  @Override
  public Map<String, String> configs() {
    return new HashMap<>(configs);
  }
}
