package io.midcoast.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * What a Connect worker does with a connector configuration before the sink task sees a record:
 * key/value converters, then the transforms chain, each built from the configuration itself.
 */
final class SinkPipeline implements AutoCloseable {

  private final Converter keyConverter;
  private final Converter valueConverter;
  private final List<Transformation<SinkRecord>> transforms = new ArrayList<>();

  SinkPipeline(final Map<String, String> config) {
    this.keyConverter = instantiate(config.get("key.converter"));
    this.valueConverter = instantiate(config.get("value.converter"));
    keyConverter.configure(Map.of(), true);
    valueConverter.configure(Map.of(), false);
    for (final String alias : config.get("transforms").split(",")) {
      final String prefix = "transforms." + alias.strip() + ".";
      final Map<String, String> transformConfig = new HashMap<>();
      config.forEach(
          (key, value) -> {
            if (key.startsWith(prefix) && !key.equals(prefix + "type")) {
              transformConfig.put(key.substring(prefix.length()), value);
            }
          });
      final Transformation<SinkRecord> transform = instantiate(config.get(prefix + "type"));
      transform.configure(transformConfig);
      transforms.add(transform);
    }
    if (!(keyConverter instanceof StringConverter)) {
      throw new IllegalStateException("property keys are UTF-8 strings");
    }
  }

  /** The record the sink task receives for one Kafka record of {@code topic}. */
  SinkRecord sinkRecord(
      final String topic, final String key, final byte[] value, final long offset) {
    final SchemaAndValue k =
        keyConverter.toConnectData(
            topic, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    final SchemaAndValue v = valueConverter.toConnectData(topic, value);
    SinkRecord record =
        new SinkRecord(topic, 0, k.schema(), k.value(), v.schema(), v.value(), offset);
    for (final Transformation<SinkRecord> transform : transforms) {
      record = transform.apply(record);
    }
    return record;
  }

  @Override
  public void close() {
    transforms.forEach(Transformation::close);
    try {
      keyConverter.close();
      valueConverter.close();
    } catch (final java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T instantiate(final String className) {
    try {
      return (T) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (final ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate " + className, e);
    }
  }
}
