package io.midcoast.serving;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.serving.http.HttpApi;
import io.midcoast.serving.leads.LeadTrainerLoop;
import io.midcoast.serving.leads.LeadTrainerSettings;
import io.midcoast.serving.leads.ModelTopic;
import io.midcoast.serving.leads.StoreLeadModels;
import io.midcoast.serving.metrics.AccuracyMetrics;
import io.midcoast.serving.metrics.MicrometerLeadMonitor;
import io.midcoast.serving.metrics.MicrometerStageCounters;
import io.midcoast.serving.push.PushChannels;
import io.midcoast.serving.push.PushHub;
import io.midcoast.serving.push.TopicTail;
import io.midcoast.serving.query.InteractiveQueries;
import io.midcoast.serving.query.PipelineHealth;
import io.midcoast.serving.query.StateQueries;
import io.midcoast.serving.query.StreamsRuntime;
import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the topologies in one Kafka Streams instance, their metrics, the HTTP
 * layer serving interactive queries, and the WebSocket pushes fed by a {@link TopicTail}. Built
 * from configuration by {@link #create}, started by {@link #start}, stopped by {@link #close} (HTTP
 * first, then Streams, so no query sees a closing store).
 */
public final class MidcoastApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MidcoastApp.class);

  private final KafkaSettings kafka;
  private final ServingSettings serving;
  private final PrometheusMeterRegistry metrics;
  private final StreamsRuntime runtime;
  private final KafkaStreamsMetrics streamsMetrics;
  private final TopicTail pushTail;
  private final AccuracyMetrics accuracyMetrics;
  private final ModelTopic modelTopic;
  private final Optional<LeadTrainerLoop> leadTrainer;
  private final Admin healthAdmin;
  private final PipelineHealth pipelineHealth;
  private final ScheduledExecutorService healthChecks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            final Thread thread = new Thread(r, "midcoast-health-check");
            thread.setDaemon(true);
            return thread;
          });

  /** How often the live-accuracy gauges are re-read from the local store. */
  private static final Duration ACCURACY_METRICS_PERIOD = Duration.ofSeconds(10);

  private final Javalin http;

  private MidcoastApp(
      final KafkaSettings kafka,
      final ServingSettings serving,
      final LeadTrainerSettings leadTrainerSettings) {
    this.kafka = kafka;
    this.serving = serving;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(metrics);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);

    final MicrometerStageCounters counters = new MicrometerStageCounters(metrics);
    final Topology topology =
        MidcoastTopology.topology(counters, new MicrometerLeadMonitor(metrics));
    final Properties properties = kafka.streamsProperties(counters);
    this.runtime = new StreamsRuntime(topology, properties);
    this.streamsMetrics = new KafkaStreamsMetrics(runtime.streams());
    streamsMetrics.bindTo(metrics);
    this.accuracyMetrics = new AccuracyMetrics(runtime.streams(), metrics, ACCURACY_METRICS_PERIOD);
    runtime
        .health()
        .onFailure(
            (task, cause) -> metrics.counter("midcoast.task.failures", "task", task).increment());
    this.healthAdmin = Admin.create(kafka.adminConfig(kafka.applicationId() + "-health"));
    this.pipelineHealth =
        new PipelineHealth(
            runtime.health(),
            runtime::localInputPartitions,
            PipelineHealth.Offsets.of(healthAdmin, kafka.applicationId(), Duration.ofSeconds(10)),
            serving.taskFailureThreshold(),
            serving.taskFailureWindow(),
            serving.stallAfter(),
            Clock.systemUTC());
    metrics.gauge("midcoast.stalled.partitions", pipelineHealth, h -> (double) h.stalled().size());

    final Optional<HostInfo> self = kafka.applicationServer().map(HostInfo::buildFromEndpoint);
    final StateQueries queries = new InteractiveQueries(runtime, self, serving.forwardTimeout());
    final PushHub push = new PushHub(PushChannels.standard(), metrics);
    this.pushTail = TopicTail.create(kafka, kafka.applicationId() + "-push", push, metrics);
    this.modelTopic = ModelTopic.create(kafka, kafka.applicationId(), Duration.ofSeconds(30));
    this.leadTrainer =
        leadTrainerSettings.enabled()
            ? Optional.of(
                LeadTrainerLoop.create(
                    kafka,
                    kafka.applicationId(),
                    leadTrainerSettings,
                    modelTopic,
                    metrics,
                    Clock.systemUTC()))
            : Optional.empty();
    this.http =
        HttpApi.create(
            new HttpApi.Dependencies(
                queries,
                runtime::live,
                this::ready,
                this::status,
                metrics,
                serving.retryAfter(),
                push,
                new StoreLeadModels(runtime, modelTopic)));
  }

  /** Builds the application from configuration; nothing is started yet. */
  public static MidcoastApp create(final ConfigSource config) {
    final KafkaSettings kafka = KafkaSettings.from(config);
    final ServingSettings serving = ServingSettings.from(config);
    final LeadTrainerSettings leadTrainer = LeadTrainerSettings.from(config);
    LOG.info("configuration: {} {} {}", kafka, serving, leadTrainer);
    return new MidcoastApp(kafka, serving, leadTrainer);
  }

  /** Starts Kafka Streams and the HTTP server. */
  public MidcoastApp start() {
    runtime.start();
    pushTail.start();
    leadTrainer.ifPresent(LeadTrainerLoop::start);
    final long period = Math.max(1, Math.min(15, serving.stallAfter().toSeconds() / 4));
    healthChecks.scheduleWithFixedDelay(pipelineHealth::check, period, period, TimeUnit.SECONDS);
    http.start(serving.host(), serving.port());
    LOG.info(
        "Midcoast serving on http://{}:{}/ (application id {})",
        serving.host(),
        http.port(),
        kafka.applicationId());
    return this;
  }

  /** The HTTP port actually bound (useful with port 0). */
  public int port() {
    return http.port();
  }

  /** Ready: state restored and queryable, no task failing again and again, no stalled partition. */
  private boolean ready() {
    return runtime.ready() && pipelineHealth.problem().isEmpty();
  }

  private Map<String, Object> status() {
    final Map<String, Object> status = new LinkedHashMap<>();
    status.put("streams", runtime.state().name());
    status.put("restoringPartitions", runtime.restoringPartitions());
    status.put("failingTasks", pipelineHealth.failingTasks());
    status.put("stalledPartitions", pipelineHealth.stalled());
    final String problem = pipelineHealth.problem();
    if (!problem.isEmpty()) {
      status.put(HttpApi.PROBLEM, problem);
    }
    return status;
  }

  @Override
  public void close() {
    LOG.info("stopping Midcoast");
    http.stop();
    healthChecks.shutdownNow();
    healthAdmin.close(Duration.ofSeconds(5));
    pushTail.close();
    leadTrainer.ifPresent(LeadTrainerLoop::close);
    modelTopic.close();
    accuracyMetrics.close();
    streamsMetrics.close();
    runtime.close();
    metrics.close();
  }
}
