package io.midcoast.topology.catalog;

import io.midcoast.schemas.ModelRecord;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@code ml.model} by model id: murmur2 of the UTF-8 model id, as Kafka's default
 * partitioner hashes a key. The key stays {@code <modelId>:<version>} (compaction keeps the latest
 * record of every version), but every version of one model lands in one partition, so a reader sees
 * the authority's records of a model in the order it wrote them: a promotion's CHAMPION record
 * before the old champion's RETIRED one. Keyed by version alone, the two fell into different
 * partitions and a reader could apply the retirement first (no champion for a moment) or keep two
 * champions.
 */
public final class ModelPartitioner implements StreamPartitioner<String, ModelRecord> {

  /** The partition of every record of {@code modelId}. */
  public static int partition(final String modelId, final int numPartitions) {
    return Utils.toPositive(Utils.murmur2(modelId.getBytes(StandardCharsets.UTF_8)))
        % numPartitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final ModelRecord value, final int numPartitions) {
    if (value == null || value.getModelId() == null) {
      return Optional.empty();
    }
    return Optional.of(Set.of(partition(value.getModelId(), numPartitions)));
  }
}
