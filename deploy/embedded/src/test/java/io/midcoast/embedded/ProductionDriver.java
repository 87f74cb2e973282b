package io.midcoast.embedded;

import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.StageCounters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} configured as production is ({@link KafkaSettings} of a properties
 * file that names only the application id and the state directory), and the tables its output
 * topics fold into: what the feed tests drive the application topology with.
 */
public final class ProductionDriver {

  private ProductionDriver() {}

  /**
   * A driver around the topology {@code topology} builds with the driver's stage counters.
   *
   * @param topology builds the topology
   * @param applicationId the application id
   * @param stateDir the state directory (the caller deletes it after closing the driver)
   * @param now the driver's initial wall-clock time
   */
  public static TopologyTestDriver create(
      final Function<StageCounters, Topology> topology,
      final String applicationId,
      final Path stateDir,
      final Instant now) {
    final Properties file = new Properties();
    file.put(KafkaSettings.APPLICATION_ID, applicationId);
    file.put(KafkaSettings.BOOTSTRAP_SERVERS, "dummy:9092");
    file.put(KafkaSettings.STATE_DIR, stateDir.toString());
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    return new TopologyTestDriver(
        topology.apply(counters),
        KafkaSettings.from(ConfigSource.of(file, Map.of())).streamsProperties(counters),
        now);
  }

  /** Folds the records published on {@code topic} since the last read into {@code table}. */
  public static <V> void fold(final TestOutputTopic<String, V> topic, final Map<String, V> table) {
    for (final TestRecord<String, V> record : topic.readRecordsToList()) {
      if (record.value() == null) {
        table.remove(record.key());
      } else {
        table.put(record.key(), record.value());
      }
    }
  }
}
