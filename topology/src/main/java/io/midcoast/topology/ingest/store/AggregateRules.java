package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.schemas.SourceRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How one observation changes the aggregate of its property. The aggregate holds, per sourceKey,
 * the winning version seen so far — deleted ones included, as markers, so that an older version
 * arriving after a delete cannot resurrect the record. Which of two versions of a sourceKey wins:
 *
 * <ol>
 *   <li>the newer {@code source.version};
 *   <li>at equal version, the deleted one (a Delete removes every version up to its own);
 *   <li>at equal version and deletion, the one whose content bytes — the observation's Avro
 *       encoding with the SourceRef topic, partition and offset blanked — compare greater (unsigned
 *       lexicographic).
 * </ol>
 *
 * This is a total order on content, so the final aggregate does not depend on arrival order; an
 * observation whose content equals the stored one (a duplicate or replay, even from another offset)
 * changes nothing.
 */
public final class AggregateRules {

  private static final Serializer<PropertyObservation> SERIALIZER =
      io.midcoast.schemas.RecordSerdes.singleObject().serde(PropertyObservation.class).serializer();

  /** Observations in the order of the aggregate: by sourceKey. */
  static final Comparator<PropertyObservation> BY_SOURCE_KEY =
      Comparator.comparing(o -> o.getSource().getSourceKey());

  private AggregateRules() {}

  /**
   * Applies one observation.
   *
   * @param current the stored aggregate, or null for a new property
   * @param observation the new observation
   * @return the new aggregate, or empty when nothing changes (duplicate, or an older version)
   */
  public static Optional<PropertyAggregate> apply(
      final PropertyAggregate current, final PropertyObservation observation) {
    final List<PropertyObservation> observations =
        current == null ? new ArrayList<>() : new ArrayList<>(current.getObservations());
    final String sourceKey = observation.getSource().getSourceKey();
    for (int i = 0; i < observations.size(); i++) {
      final PropertyObservation stored = observations.get(i);
      if (stored.getSource().getSourceKey().equals(sourceKey)) {
        if (compare(observation, stored) <= 0) {
          return Optional.empty();
        }
        observations.set(i, observation);
        return Optional.of(new PropertyAggregate(observations));
      }
    }
    observations.add(observation);
    observations.sort(BY_SOURCE_KEY);
    return Optional.of(new PropertyAggregate(observations));
  }

  /**
   * Orders two versions of one source record: positive when {@code a} wins over {@code b}, zero
   * when they are the same version and content.
   */
  public static int compare(final PropertyObservation a, final PropertyObservation b) {
    final int byVersion = a.getSource().getVersion().compareTo(b.getSource().getVersion());
    if (byVersion != 0) {
      return byVersion;
    }
    final int byDeleted = Boolean.compare(a.getDeleted(), b.getDeleted());
    if (byDeleted != 0) {
      return byDeleted;
    }
    return Arrays.compareUnsigned(content(a), content(b));
  }

  /** The observation's bytes without its Kafka coordinates (topic, partition, offset). */
  static byte[] content(final PropertyObservation observation) {
    final SourceRef blanked =
        SourceRef.newBuilder(observation.getSource())
            .setTopic("")
            .setPartition(0)
            .setOffset(0)
            .build();
    final PropertyObservation copy =
        PropertyObservation.newBuilder(observation).setSource(blanked).build();
    return SERIALIZER.serialize("", copy);
  }
}
