package io.midcoast.topology.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions market-trend records by region: murmur2 of the UTF-8 region key ({@link
 * TrendKeys#regionOf}, e.g. {@code "subdivision:North_Ames"}), as Kafka's default partitioner
 * hashes a key. Every month of one region lands in one partition, so one task (one instance) holds
 * a region's whole series and a range query over months is answered by one store. Serving passes
 * the same partitioner to {@code KafkaStreams.queryMetadataForKey} to find the owner of a region.
 *
 * @param <V> the value type (ignored)
 */
public final class RegionPartitioner<V> implements StreamPartitioner<String, V> {

  /** The partition of a cell key (or of any key whose region part is the region). */
  public static int partition(final String cellKey, final int numPartitions) {
    final byte[] region = TrendKeys.regionOf(cellKey).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(region)) % numPartitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final V value, final int numPartitions) {
    if (key == null) {
      return Optional.empty();
    }
    return Optional.of(Set.of(partition(key, numPartitions)));
  }
}
