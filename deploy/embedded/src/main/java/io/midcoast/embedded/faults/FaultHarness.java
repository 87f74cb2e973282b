package io.midcoast.embedded.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.midcoast.connect.SinkConnectors;
import io.midcoast.embedded.AppProcess;
import io.midcoast.embedded.Await;
import io.midcoast.embedded.DataDir;
import io.midcoast.embedded.KafkaBroker;
import io.midcoast.embedded.Ports;
import io.midcoast.embedded.Stack;
import io.midcoast.embedded.faults.FaultPlan.Fault;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-verifying fault run, modelled on Kafka Streams' {@code SmokeTestDriver}: a {@link
 * TruthFeed} with a known final truth is produced into a real three-node KRaft cluster while app
 * instances, a broker, Postgres and the Connect worker are killed, stopped and restarted; when
 * every consumer has drained, Postgres, {@code property.state} and the dead-letter topic must equal
 * the truth exactly. {@code ./midcoast verify-faults [--houses N ...]} runs {@link
 * FaultPlan#full()}; {@code FaultHarnessIT} runs {@link FaultPlan#quick()}.
 */
public final class FaultHarness {

  private static final Logger LOG = LoggerFactory.getLogger(FaultHarness.class);

  /** Bound on one instance or broker coming back after a kill. */
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

  private final FaultPlan plan;
  private final Path dataDir;
  private final Random random;
  private final String applicationId;

  /**
   * How often one sink's FAILED tasks are restarted in a run when the failure was the database
   * going away; any other failure, or one more, ends the run.
   */
  static final int MAX_SINK_RESTARTS = 3;

  /** Marks of a failure caused by Postgres being unreachable, not by a record. */
  private static final List<String> LOST_DATABASE =
      List.of(
          "Unable to determine Dialect without JDBC metadata",
          "Connections could not be acquired",
          "Connection refused",
          "terminating connection due to administrator command",
          "the database system is shutting down",
          "the database system is starting up",
          "JDBCConnectionException",
          "SQLState: 08");

  private final List<FaultReport.Injected> injected = new ArrayList<>();
  private final Map<String, Integer> sinkRestarts = new TreeMap<>();
  private Stack stack;
  private final List<AppProcess> instances = new ArrayList<>();

  private FaultHarness(final FaultPlan plan, final Path dataDir) {
    this.plan = plan;
    this.dataDir = dataDir;
    this.random = new Random(plan.seed());
    this.applicationId = "midcoast-faults-" + Long.toHexString(plan.seed());
  }

  /** Runs {@code plan} in {@code dataDir} (created; kept for inspection) and reports. */
  public static FaultReport run(final FaultPlan plan, final Path dataDir) {
    return new FaultHarness(plan, dataDir).run();
  }

  /** {@code ./midcoast verify-faults}: runs the full plan with options; exit 1 unless exact. */
  public static void main(final String[] args) throws IOException {
    final FaultPlan plan = FaultPlan.parse(FaultPlan.full(), args);
    final Path dir = Files.createTempDirectory("midcoast-faults-");
    final FaultReport report = run(plan, dir);
    System.out.println(report.table());
    if (report.exact()) {
      DataDir.deleteRecursively(dir);
    } else {
      System.out.println("logs kept in " + dir);
    }
    System.exit(report.exact() ? 0 : 1);
  }

  private FaultReport run() {
    final long generateStart = System.nanoTime();
    final TruthFeed truth = TruthFeed.generate(plan.seed(), plan.houses(), plan.leads());
    LOG.info(
        "feed of {} messages generated in {} s: {}",
        truth.messages().size(),
        seconds(generateStart),
        truth.summary());
    stack =
        Stack.builder()
            .dataDir(dataDir)
            .brokers(plan.brokers())
            .applicationId(applicationId)
            .create();
    try {
      stack.start();
      for (int i = 0; i < plan.instances(); i++) {
        instances.add(startInstance(i));
      }
      final long feedStart = System.nanoTime();
      final FaultReport.Drain drain;
      try (Feeder feeder = new Feeder(stack.bootstrapServers(), truth.messages(), plan.rate())) {
        feeder.start();
        for (final Fault fault : plan.schedule()) {
          sleep(plan.pause());
          injected.add(inject(fault, seconds(feedStart)));
        }
        Await.until("the feed delivered", plan.drainTimeout(), feeder::done);
        final double feedSeconds = feeder.seconds();
        final long drainStart = System.nanoTime();
        awaitDrained();
        drain =
            new FaultReport.Drain(
                feeder.acknowledged(), feedSeconds, seconds(drainStart), seconds(feedStart));
      }
      final List<TruthCheck.Result> results = new ArrayList<>();
      results.addAll(
          TruthCheck.postgres(
              stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password(), truth));
      results.add(TruthCheck.propertyState(stack.bootstrapServers(), truth));
      results.add(TruthCheck.deadLetters(stack.bootstrapServers(), truth));
      return new FaultReport(
          plan, truth.summary(), List.copyOf(injected), drain, results, Map.copyOf(sinkRestarts));
    } catch (final Exception e) {
      throw new IllegalStateException("the fault run failed: " + e.getMessage(), e);
    } finally {
      instances.forEach(AppProcess::stop);
      stack.close();
    }
  }

  private AppProcess startInstance(final int index) {
    final int port = Ports.free();
    final Path dir = dataDir.resolve("app-" + index);
    final AppProcess.Settings settings =
        AppProcess.Settings.of(
                stack.repo().servingDir(),
                stack.bootstrapServers(),
                dir.resolve("state"),
                port,
                applicationId,
                dir.resolve("app.log"))
            .withEnvironment(
                ConfigSource.envName(KafkaSettings.REPLICATION_FACTOR),
                Integer.toString(stack.kafka().replicationFactor()))
            .withEnvironment(ConfigSource.envName(KafkaSettings.NUM_STANDBY_REPLICAS), "1")
            .withEnvironment(
                ConfigSource.envName(KafkaSettings.APPLICATION_SERVER), "localhost:" + port);
    return AppProcess.start(settings, RECOVERY_TIMEOUT);
  }

  private FaultReport.Injected inject(final Fault fault, final double at) {
    LOG.info("fault at {} s: {}", at, fault);
    final long start = System.nanoTime();
    return switch (fault) {
      case INSTANCE_KILL -> killInstance(at, start);
      case BROKER_KILL -> killBroker(at, start);
      case POSTGRES_OUTAGE -> {
        stack.stopPostgres();
        sleep(plan.postgresDown());
        stack.startPostgres();
        checkSinks();
        yield new FaultReport.Injected(
            fault, "postgres", at, plan.postgresDown().toSeconds(), seconds(start), 0);
      }
      case CONNECT_RESTART -> {
        stack.restartConnect();
        for (final Map<String, String> sink : sinks()) {
          stack.connect().awaitRunning(sink.get("name"), RECOVERY_TIMEOUT);
        }
        yield new FaultReport.Injected(fault, "connect", at, 0, seconds(start), 0);
      }
    };
  }

  private FaultReport.Injected killInstance(final double at, final long start) {
    final int index = random.nextInt(instances.size());
    final AppProcess instance = instances.get(index);
    final long logOffset = instance.logSize();
    instance.kill();
    instance.restart(RECOVERY_TIMEOUT);
    final double recovery = seconds(start);
    final long restored = instance.restoredSince(logOffset);
    return new FaultReport.Injected(
        Fault.INSTANCE_KILL, "instance " + index, at, 0, recovery, restored);
  }

  private FaultReport.Injected killBroker(final double at, final long start) {
    final int index = random.nextInt(stack.kafka().size());
    final KafkaBroker node = stack.kafka().node(index);
    stack.kafka().kill(index);
    sleep(plan.pause());
    stack.kafka().restart(index);
    return new FaultReport.Injected(
        Fault.BROKER_KILL,
        "broker " + node.membership().nodeId(),
        at,
        plan.pause().toSeconds(),
        seconds(start),
        0);
  }

  /**
   * Waits until the app's group and every sink's group have no record left to read; stops at once
   * if a sink task has FAILED (its group would never drain).
   */
  private void awaitDrained() {
    final Map<String, List<String>> groups = new TreeMap<>();
    groups.put(
        applicationId,
        List.of(Topics.RESO_PROPERTY.name(), Topics.COUNTY_SALE.name(), Topics.LEAD_EVENT.name()));
    for (final Map<String, String> sink : sinks()) {
      groups.put("connect-" + sink.get("name"), List.of(sink.get("topics")));
    }
    GroupLag.awaitDrained(
        stack.bootstrapServers(),
        groups,
        plan.drainTimeout(),
        left -> {
          LOG.info(left);
          checkSinks();
        });
  }

  /**
   * Restarts a sink task that FAILED because Postgres was unreachable (a task Connect restarted on
   * a rebalance during the outage cannot start), as an operator or Strimzi's {@code autoRestart}
   * would, at most {@link #MAX_SINK_RESTARTS} times per sink; any other failure ends the run at
   * once with its trace. The restarts are in the report.
   */
  private void checkSinks() {
    for (final Map<String, String> sink : sinks()) {
      final String name = sink.get("name");
      final boolean restartable =
          stack
              .connect()
              .status(name)
              .map(
                  status -> {
                    boolean failed = false;
                    boolean allLostDatabase = true;
                    for (final JsonNode task : status.path("tasks")) {
                      if ("FAILED".equals(task.path("state").asText())) {
                        failed = true;
                        allLostDatabase &= lostDatabase(task.path("trace").asText(""));
                      }
                    }
                    return failed && allLostDatabase;
                  })
              .orElse(false);
      if (restartable && sinkRestarts.getOrDefault(name, 0) < MAX_SINK_RESTARTS) {
        final List<String> traces = stack.connect().restartFailedTasks(name);
        sinkRestarts.merge(name, traces.size(), Integer::sum);
        LOG.warn("sink {} task restarted after losing Postgres: {}", name, firstLine(traces));
      } else {
        stack.connect().requireNotFailed(name);
      }
    }
  }

  /** Whether a task's trace says Postgres was unreachable rather than a record being refused. */
  static boolean lostDatabase(final String trace) {
    return LOST_DATABASE.stream().anyMatch(trace::contains);
  }

  private static String firstLine(final List<String> traces) {
    return traces.isEmpty() ? "" : traces.get(0).lines().findFirst().orElse("");
  }

  private List<Map<String, String>> sinks() {
    return SinkConnectors.all(
        stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password());
  }

  private static double seconds(final long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
