package io.midcoast.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where one source record came from: its Kafka coordinates and its original bytes. For an element
 * of an OData page, the value bytes are the element's own JSON, produced only when asked for (that
 * is, only when the element is dead-lettered).
 *
 * @param topic source topic (empty when unknown)
 * @param partition source partition (-1 when unknown)
 * @param offset source offset (-1 when unknown)
 * @param timestamp timestamp of the Kafka record, epoch millis
 * @param key the record key as UTF-8 bytes, or null
 * @param valueBytes supplies the original value bytes (or null); called at most once per use
 */
public record Provenance(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    Supplier<byte[]> valueBytes) {

  /** A provenance with known value bytes. */
  public static Provenance of(
      final String topic,
      final int partition,
      final long offset,
      final long timestamp,
      final byte[] key,
      final byte[] value) {
    return new Provenance(topic, partition, offset, timestamp, key, () -> value);
  }

  /** The provenance of the record a processor is handling. */
  public static Provenance of(
      final Optional<RecordMetadata> metadata,
      final long timestamp,
      final String key,
      final byte[] value) {
    return of(
        metadata.map(RecordMetadata::topic).orElse(""),
        metadata.map(RecordMetadata::partition).orElse(-1),
        metadata.map(RecordMetadata::offset).orElse(-1L),
        timestamp,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value);
  }

  /** The original value bytes, or null. */
  public byte[] value() {
    return valueBytes.get();
  }

  /** The same provenance with other value bytes (one element of a page), produced lazily. */
  public Provenance withValue(final Supplier<byte[]> elementValue) {
    return new Provenance(topic, partition, offset, timestamp, key, elementValue);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Provenance p
        && topic.equals(p.topic)
        && partition == p.partition
        && offset == p.offset
        && timestamp == p.timestamp
        && Arrays.equals(key, p.key)
        && Arrays.equals(value(), p.value());
  }

  @Override
  public int hashCode() {
    return 31 * (31 * topic.hashCode() + partition) + Long.hashCode(offset);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
