package io.midcoast.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midcoast.connect.PostgresSchema;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.TopicSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ./midcoast} command line: {@code dev} (the whole stack on this machine), {@code run}
 * (only the app, against an existing cluster), {@code feed} (replay the demo feed). See {@link
 * Command#USAGE}.
 */
public final class DevStack {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);
  private static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";
  private static final Duration EXAMPLE_ID_WAIT = Duration.ofSeconds(30);

  private final Console console;
  private final RepoLayout repo;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<LeadFeed> leadFeed = new AtomicReference<>();

  /** Pace of the simulated lead activity of {@code dev}. */
  static final double LEAD_EVENTS_PER_SECOND = 300;

  /** Leads per simulation round of {@code dev} (about 50 events each). */
  static final int LEADS_PER_ROUND = 2_000;

  /** New labelled examples between two trainings in {@code dev}: a new model about every minute. */
  public static final int DEV_MIN_NEW_LABELLED = 20_000;

  /** {@code settings} with the lead trainer loop on, training every {@code minNewLabelled}. */
  public static AppProcess.Settings withTrainer(
      final AppProcess.Settings settings, final int minNewLabelled) {
    return settings
        .withEnvironment("MIDCOAST_LEADS_TRAINER_ENABLED", "true")
        .withEnvironment(
            "MIDCOAST_LEADS_TRAINER_MIN_NEW_LABELLED", Integer.toString(minNewLabelled));
  }

  private DevStack(final Console console, final RepoLayout repo) {
    this.console = console;
    this.repo = repo;
  }

  /** Entry point of {@code ./midcoast}. */
  public static void main(final String[] args) {
    final Console console = new Console(System.out);
    final Command command;
    try {
      command = Command.parse(List.of(args));
    } catch (final Command.UsageException e) {
      console.line("midcoast: " + e.getMessage());
      console.line(Command.USAGE);
      System.exit(2);
      return;
    }
    try {
      new DevStack(console, RepoLayout.detect()).execute(command);
    } catch (final RuntimeException e) {
      LOG.debug("failed", e);
      console.line("midcoast: " + e.getMessage());
      System.exit(1);
    }
  }

  private void execute(final Command command) {
    if (command instanceof Command.Dev dev) {
      dev(dev);
    } else if (command instanceof Command.Run run) {
      run(run);
    } else if (command instanceof Command.Feed feed) {
      feed(feed);
    } else {
      console.line(Command.USAGE);
    }
  }

  private void dev(final Command.Dev dev) {
    final long begin = System.nanoTime();
    final Path dataDir = dev.dataDir().orElse(repo.defaultDataDir()).toAbsolutePath();
    if (dev.clean()) {
      DataDir.wipe(dataDir);
      console.line("wiped " + dataDir);
    }
    DataDir.prepare(dataDir);
    console.line("starting the Midcoast stack in " + dataDir + " ...");
    final long[] stepStart = {System.nanoTime()};
    final Stack stack =
        Stack.builder()
            .repo(repo)
            .dataDir(dataDir)
            .kafkaPorts(dev.kafkaPort(), dev.controllerPort())
            .postgresPort(dev.postgresPort())
            .connectPort(dev.connectPort())
            .httpPort(dev.httpPort())
            .topicSettings(TopicSettings.from(ConfigSource.load(Optional.empty())))
            .progress(
                step -> {
                  console.step(step, stepStart[0]);
                  stepStart[0] = System.nanoTime();
                })
            .create();
    stopOnShutdown(stack);
    stack.start();
    final Properties endpoints = new Properties();
    endpoints.setProperty(BOOTSTRAP_KEY, stack.bootstrapServers());
    endpoints.setProperty("postgres.jdbc.url", stack.jdbcUrl());
    endpoints.setProperty("connect.url", stack.connectUrl());
    endpoints.setProperty("app.url", stack.appUrl());
    DataDir.writeStackFile(dataDir, endpoints);
    final AppProcess app = stack.startApp(s -> withTrainer(s, DEV_MIN_NEW_LABELLED));
    console.step("app on " + app.url(), stepStart[0]);
    stepStart[0] = System.nanoTime();
    if (dev.feed() && !DataDir.feedPublished(dataDir)) {
      final AmesFeed.Published published =
          AmesFeed.load().publishTimeline(stack.bootstrapServers());
      DataDir.markFeedPublished(dataDir, describe(published));
      console.step("Ames demo feed: " + describe(published), stepStart[0]);
    } else if (dev.feed()) {
      console.line("  demo feed already published here (./midcoast feed replays it)");
    }
    if (dev.feed()) {
      leadFeed.set(
          LeadFeed.startPaced(
              stack.bootstrapServers(),
              LeadFeed.amesListings(AmesFeed.load()),
              LEAD_EVENTS_PER_SECOND,
              LEADS_PER_ROUND,
              Optional.of(dataDir.resolve("lead-feed.properties"))));
      console.step(
          String.format(
              "lead feed: simulated leads at %.0f events/s, trainer loop on",
              LEAD_EVENTS_PER_SECOND),
          stepStart[0]);
    }
    final Optional<String> exampleId = exampleProperty(app.url());
    console.line("");
    console.line("  dashboard      " + app.url() + "/");
    console.line(
        "  API example    "
            + app.url()
            + exampleId
                .map(id -> "/api/v1/properties/" + id)
                .orElse("/api/v1/properties?region=city:Ames&limit=10"));
    console.line("  leads          " + app.url() + "/api/v1/leads?minScore=0.5&limit=20");
    console.line("  lead models    " + app.url() + "/api/v1/models");
    console.line("  metrics        " + app.url() + "/metrics");
    console.line("  Kafka          " + stack.bootstrapServers());
    console.line("  Connect REST   " + stack.connectUrl() + "/connectors");
    console.line(
        "  Postgres       "
            + stack.jdbcUrl()
            + "  (user/password "
            + EmbeddedPostgresServer.USER
            + "/"
            + EmbeddedPostgresServer.PASSWORD
            + "; "
            + stack.postgres().psqlCommand()
            + ")");
    console.line(
        "  logs           " + dataDir + "/{kafka/broker.log,connect/connect.log,app/app.log}");
    console.line("");
    console.line(
        String.format(
            "ready in %.1f s — Ctrl-C stops everything (state is kept in %s)",
            (System.nanoTime() - begin) / 1e9, dataDir));
    awaitShutdown(app);
  }

  private void run(final Command.Run run) {
    final Path dataDir = run.dataDir().orElse(repo.defaultDataDir()).toAbsolutePath();
    DataDir.prepare(dataDir);
    final List<String> created =
        TopicInstaller.install(
            run.bootstrapServers(),
            Topics.all(),
            TopicSettings.from(ConfigSource.load(Optional.empty())));
    if (!created.isEmpty()) {
      console.line("created topics " + created);
    }
    run.postgresUrl()
        .ifPresent(
            url -> {
              PostgresSchema.migrate(url, run.postgresUser(), run.postgresPassword());
              console.line("migrated the schema of " + url);
            });
    final AppProcess app =
        AppProcess.start(
            AppProcess.Settings.of(
                repo.servingDir(),
                run.bootstrapServers(),
                dataDir.resolve("app/state"),
                run.httpPort(),
                run.applicationId(),
                dataDir.resolve("app/app.log")),
            AppProcess.DEFAULT_READY_TIMEOUT);
    ChildJvm.onShutdown(
        () -> {
          stopping.set(true);
          console.line("stopping the app ...");
          app.stop();
          stopped.countDown();
        });
    console.line("app ready at " + app.url() + " (log: " + dataDir.resolve("app/app.log") + ")");
    awaitShutdown(app);
  }

  private void feed(final Command.Feed feed) {
    final Path dataDir = feed.dataDir().orElse(repo.defaultDataDir()).toAbsolutePath();
    final String bootstrap =
        feed.bootstrapServers()
            .or(() -> DataDir.stackEndpoint(dataDir, BOOTSTRAP_KEY))
            .orElse("localhost:" + KafkaBroker.DEFAULT_PORT);
    final AmesFeed.Published published = AmesFeed.load().publishTimeline(bootstrap);
    console.line("published the Ames demo feed to " + bootstrap + ": " + describe(published));
  }

  private void stopOnShutdown(final Stack stack) {
    ChildJvm.onShutdown(
        () -> {
          stopping.set(true);
          console.line("stopping: app, Kafka Connect, broker, Postgres ...");
          Optional.ofNullable(leadFeed.get()).ifPresent(LeadFeed::close);
          stack.close();
          console.line("stopped");
          stopped.countDown();
        });
  }

  /** Blocks until Ctrl-C; exits with an error if the app dies meanwhile. */
  private void awaitShutdown(final AppProcess app) {
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        if (!app.isAlive() && !stopping.get()) {
          console.line(
              "the app exited unexpectedly; see " + app.settings().logFile() + " — stopping");
          System.exit(1);
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The id of one property the app serves, once the feed is processed (bounded wait). */
  private static Optional<String> exampleProperty(final String appUrl) {
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    try {
      return Optional.of(
          Await.value(
              "a property from " + appUrl,
              EXAMPLE_ID_WAIT,
              () -> {
                final HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create(appUrl + "/api/v1/properties?region=city:Ames&limit=1"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                  return Optional.empty();
                }
                return Optional.ofNullable(json.readTree(response.body()).findValue("propertyId"))
                    .map(JsonNode::asText)
                    .filter(id -> !id.isBlank());
              }));
    } catch (final RuntimeException e) {
      LOG.debug("no example property yet: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private static String describe(final AmesFeed.Published published) {
    return published.resoRecords()
        + " RESO records in "
        + published.resoPages()
        + " pages, "
        + published.countySales()
        + " county sales";
  }
}
