package io.midcoast.topology.catalog;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic with the serdes of its keys and values: the only way code names a topic.
 *
 * @param name the topic name (a public contract for feed and output topics)
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param compacted whether the topic is log-compacted (latest value per key)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

  /** Consumed with this topic's serdes, for {@code StreamsBuilder.stream}. */
  public Consumed<K, V> consumed() {
    return Consumed.with(keySerde, valueSerde);
  }

  /** Produced with this topic's serdes, for {@code KStream.to}. */
  public Produced<K, V> produced() {
    return Produced.with(keySerde, valueSerde);
  }
}
