package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.TopicSettings;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class GeneratedConfigTest {

  private static Properties parse(final String text) throws Exception {
    final Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }

  @Test
  void shouldConfigureASingleNodeKraftBrokerForExactlyOnce() throws Exception {
    final Properties server =
        parse(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka")));
    assertThat(server)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.bootstrap.servers", "localhost:19093")
        .containsEntry("listeners", "PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("log.dirs", Path.of("/data/kafka").toAbsolutePath().toString())
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("log.retention.ms", "-1")
        // event-time timestamps months apart must not roll a segment per append
        .containsEntry("log.roll.ms", "3153600000000")
        .doesNotContainKey("controller.quorum.voters");
  }

  @Test
  void shouldConfigureADistributedConnectWorker() throws Exception {
    final Properties worker =
        parse(
            ConnectWorker.workerProperties(
                "localhost:19092", 18083, "test-connect", Path.of("/repo/plugins"), 1));
    assertThat(worker)
        .containsEntry("bootstrap.servers", "localhost:19092")
        .containsEntry("group.id", "test-connect")
        .containsEntry("listeners", "http://localhost:18083")
        .containsEntry("plugin.path", Path.of("/repo/plugins").toAbsolutePath().toString())
        .containsEntry("config.storage.replication.factor", "1")
        .containsEntry("offset.storage.replication.factor", "1")
        .containsEntry("status.storage.replication.factor", "1")
        .containsEntry("config.storage.topic", "test-connect-configs")
        .containsEntry("plugin.discovery", "service_load")
        // sinks read the app's transactional output: never a record of an aborted transaction
        .containsEntry("consumer.isolation.level", "read_committed");
  }

  @Test
  void shouldConfigureAMemberOfAThreeNodeQuorumWithTwoInsyncReplicas() throws Exception {
    final String voters = "1@localhost:19093,2@localhost:19095,3@localhost:19097";
    final Properties server =
        parse(
            KafkaBroker.serverProperties(
                19094,
                19095,
                Path.of("/data/kafka"),
                new KafkaBroker.Membership(2, "cluster", voters, 3)));
    assertThat(server)
        .containsEntry("node.id", "2")
        .containsEntry("controller.quorum.voters", voters)
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .doesNotContainKey("controller.quorum.bootstrap.servers");
    final Properties worker =
        parse(
            ConnectWorker.workerProperties(
                "localhost:19094", 18083, "test-connect", Path.of("/repo/plugins"), 3));
    assertThat(worker)
        .containsEntry("config.storage.replication.factor", "3")
        .containsEntry("offset.storage.replication.factor", "3")
        .containsEntry("status.storage.replication.factor", "3");
  }

  @Test
  void shouldCompactOnlyCompactedTopics() {
    final TopicSettings settings = new TopicSettings(6, (short) 1);
    final NewTopic state = TopicInstaller.newTopic(Topics.PROPERTY_STATE, settings);
    final NewTopic feed = TopicInstaller.newTopic(Topics.RESO_PROPERTY, settings);
    assertThat(state.numPartitions()).isEqualTo(6);
    assertThat(state.replicationFactor()).isEqualTo((short) 1);
    assertThat(state.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(feed.configs()).isNullOrEmpty();
  }

  @Test
  void shouldDefaultToThreePartitionsAndReplicationOne() {
    assertThat(Stack.defaultTopicSettings()).isEqualTo(new TopicSettings(3, (short) 1));
  }

  @Test
  void shouldPassTheAppItsConfigurationThroughTheEnvironment() {
    final AppProcess.Settings settings =
        AppProcess.Settings.of(
                Path.of("/repo/serving"),
                "localhost:19092",
                Path.of("/data/app/state"),
                18080,
                "test-app",
                Path.of("/data/app/app.log"))
            .withEnvironment("MIDCOAST_EXTRA", "x");
    assertThat(settings.appEnvironment())
        .containsEntry("MIDCOAST_KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
        .containsEntry(
            "MIDCOAST_KAFKA_STATE_DIR", Path.of("/data/app/state").toAbsolutePath().toString())
        .containsEntry("MIDCOAST_HTTP_PORT", "18080")
        .containsEntry("MIDCOAST_KAFKA_APPLICATION_ID", "test-app")
        .containsEntry("MIDCOAST_EXTRA", "x");
  }
}
