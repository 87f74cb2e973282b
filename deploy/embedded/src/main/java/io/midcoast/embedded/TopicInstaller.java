package io.midcoast.embedded;

import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.config.TopicSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a catalogue with the configured partitions and replication; compacted
 * topics get {@code cleanup.policy=compact}. Idempotent: existing topics are left as they are.
 */
public final class TopicInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicInstaller() {}

  /** The topic to create for {@code topic} under {@code settings}. */
  public static NewTopic newTopic(final Topic<?, ?> topic, final TopicSettings settings) {
    final NewTopic created =
        new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor());
    return topic.compacted()
        ? created.configs(
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
        : created;
  }

  /**
   * Creates those of {@code topics} that do not exist yet.
   *
   * @return the names of the topics created by this call
   */
  public static List<String> install(
      final String bootstrapServers,
      final Collection<Topic<?, ?>> topics,
      final TopicSettings settings) {
    try (Admin admin = Admin.create(KafkaBroker.adminConfig(bootstrapServers))) {
      final Set<String> existing =
          admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      final List<NewTopic> missing = new ArrayList<>();
      for (final Topic<?, ?> topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(newTopic(topic, settings));
        }
      }
      final List<String> created = new ArrayList<>();
      for (final Map.Entry<String, KafkaFuture<Void>> result :
          admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          created.add(result.getKey());
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      created.sort(String::compareTo);
      if (!created.isEmpty()) {
        LOG.info(
            "created topics {} ({} partitions, replication {})",
            created,
            settings.partitions(),
            settings.replicationFactor());
      }
      return List.copyOf(created);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics on " + bootstrapServers, e);
    }
  }
}
