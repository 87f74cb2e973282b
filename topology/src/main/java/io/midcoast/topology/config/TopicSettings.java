package io.midcoast.topology.config;

/**
 * How Midcoast creates its external topics.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code midcoast.topics.partitions}</td><td>3</td>
 *       <td>partitions of every feed and output topic (fix it up front: keys are hashed)</td></tr>
 *   <tr><td>{@code midcoast.topics.replication.factor}</td><td>1</td>
 *       <td>replication factor of every feed and output topic</td></tr>
 * </table>
 *
 * @param partitions number of partitions, at least 1
 * @param replicationFactor replication factor, at least 1
 */
public record TopicSettings(int partitions, short replicationFactor) {

  /** Partitions of every topic. */
  public static final String PARTITIONS = "midcoast.topics.partitions";

  /** Replication factor of every topic. */
  public static final String REPLICATION_FACTOR = "midcoast.topics.replication.factor";

  /** Validates the values. */
  public TopicSettings {
    if (partitions < 1) {
      throw new ConfigException(PARTITIONS, String.valueOf(partitions), "must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new ConfigException(
          REPLICATION_FACTOR, String.valueOf(replicationFactor), "must be at least 1");
    }
  }

  /** Reads and validates the topic settings. */
  public static TopicSettings from(final ConfigSource source) {
    final int partitions = source.integer(PARTITIONS, 3);
    final int replication = source.integer(REPLICATION_FACTOR, 1);
    if (replication < 1 || replication > Short.MAX_VALUE) {
      throw new ConfigException(
          REPLICATION_FACTOR, String.valueOf(replication), "must be between 1 and 32767");
    }
    return new TopicSettings(partitions, (short) replication);
  }
}
