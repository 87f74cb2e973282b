package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.EstimateInput;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions estimate-stage input by market: murmur2 of the UTF-8 market name, as Kafka's default
 * partitioner hashes a key. One task holds a whole market (city), so a region change re-estimates
 * its properties locally.
 */
public final class MarketPartitioner implements StreamPartitioner<String, EstimateInput> {

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final EstimateInput value, final int numPartitions) {
    if (value == null) {
      return Optional.empty();
    }
    final byte[] market = value.getMarket().getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(market)) % numPartitions));
  }
}
