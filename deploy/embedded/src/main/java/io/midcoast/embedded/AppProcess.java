package io.midcoast.embedded;

import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Midcoast app (module serving, {@value #MAIN_CLASS}) in a child JVM, configured through its
 * environment variables. It can be stopped gracefully, killed (crash tests) and restarted with the
 * same state directory.
 *
 * <p>The classpath is {@code serving/target/classpath.txt} (written by serving's build) plus {@code
 * serving/target/classes}.
 */
public final class AppProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);

  /** The app's main class. */
  public static final String MAIN_CLASS = "io.midcoast.serving.Main";

  /** Default HTTP port. */
  public static final int DEFAULT_HTTP_PORT = 8080;

  /** Default Kafka Streams application id. */
  public static final String DEFAULT_APPLICATION_ID = "midcoast";

  /** Default bound on waiting for {@code /health/ready}. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

  /**
   * The line the app's restore listener ({@code StreamsRuntime}) logs when it has restored one
   * store partition; Kafka Streams' own "Finished restoring" line is below the app's log level.
   */
  private static final Pattern RESTORED =
      Pattern.compile("restored \\S+ from \\S+: (\\d+) records");

  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  /**
   * The app's HTTP port key ({@code ServingSettings.PORT} of the serving module, which this module
   * runs as a child process and does not link against; {@code ServingSettingsTest} pins the key).
   */
  static final String HTTP_PORT = "midcoast.http.port";

  /**
   * How to run the app.
   *
   * @param servingDir the serving module directory ({@code <repo>/serving})
   * @param bootstrapServers the Kafka cluster
   * @param stateDir Kafka Streams state directory (kept across restarts)
   * @param httpPort HTTP port
   * @param applicationId Kafka Streams application id
   * @param logFile file receiving the app's output
   * @param jvmOptions JVM options (heap)
   * @param environment further environment variables ({@code MIDCOAST_*}), applied last
   */
  public record Settings(
      Path servingDir,
      String bootstrapServers,
      Path stateDir,
      int httpPort,
      String applicationId,
      Path logFile,
      List<String> jvmOptions,
      Map<String, String> environment) {

    /** Canonical constructor: copies the collections. */
    public Settings {
      jvmOptions = List.copyOf(jvmOptions);
      environment = Map.copyOf(environment);
    }

    /** Settings with the default heap and no further environment. */
    public static Settings of(
        final Path servingDir,
        final String bootstrapServers,
        final Path stateDir,
        final int httpPort,
        final String applicationId,
        final Path logFile) {
      return new Settings(
          servingDir,
          bootstrapServers,
          stateDir,
          httpPort,
          applicationId,
          logFile,
          List.of("-Xms128m", "-Xmx768m"),
          Map.of());
    }

    /** The same settings with one more environment variable. */
    public Settings withEnvironment(final String name, final String value) {
      final Map<String, String> copy = new LinkedHashMap<>(environment);
      copy.put(name, value);
      return new Settings(
          servingDir,
          bootstrapServers,
          stateDir,
          httpPort,
          applicationId,
          logFile,
          jvmOptions,
          copy);
    }

    /** The environment variables the app is configured with. */
    public Map<String, String> appEnvironment() {
      final Map<String, String> env = new LinkedHashMap<>();
      env.put(ConfigSource.envName(KafkaSettings.BOOTSTRAP_SERVERS), bootstrapServers);
      env.put(ConfigSource.envName(KafkaSettings.STATE_DIR), stateDir.toAbsolutePath().toString());
      env.put(ConfigSource.envName(HTTP_PORT), Integer.toString(httpPort));
      env.put(ConfigSource.envName(KafkaSettings.APPLICATION_ID), applicationId);
      env.putAll(environment);
      return env;
    }
  }

  private final Settings settings;
  private final List<String> classpath;
  private final HttpClient http;
  private volatile ChildJvm process;

  private AppProcess(final Settings settings, final List<String> classpath) {
    this.settings = settings;
    this.classpath = classpath;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Starts the app and waits until {@code /health/ready} answers 200 (bounded). */
  public static AppProcess start(final Settings settings, final Duration readyTimeout) {
    final AppProcess app = new AppProcess(settings, classpath(settings.servingDir()));
    app.launch(readyTimeout);
    return app;
  }

  /** The serving classpath: {@code target/classpath.txt} entries plus {@code target/classes}. */
  static List<String> classpath(final Path servingDir) {
    final Path classpathFile = servingDir.resolve("target/classpath.txt");
    final Path classes = servingDir.resolve("target/classes");
    if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(classes)) {
      throw new IllegalStateException(
          "the app is not built: "
              + classpathFile
              + " or "
              + classes
              + " is missing (run ./mvnw -B install -DskipTests, or ./midcoast)");
    }
    final List<String> entries = new ArrayList<>();
    entries.add(classes.toAbsolutePath().toString());
    try {
      Arrays.stream(Files.readString(classpathFile, StandardCharsets.UTF_8).strip().split(":"))
          .filter(entry -> !entry.isBlank())
          .forEach(entries::add);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + classpathFile, e);
    }
    return List.copyOf(entries);
  }

  private void launch(final Duration readyTimeout) {
    Ports.requireFree(settings.httpPort(), "the app's HTTP server");
    try {
      Files.createDirectories(settings.stateDir());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create " + settings.stateDir(), e);
    }
    process =
        ChildJvm.start(
            "app",
            classpath,
            MAIN_CLASS,
            settings.jvmOptions(),
            List.of(),
            settings.appEnvironment(),
            settings.logFile());
    awaitReady(readyTimeout);
    LOG.info("app ready at {} (pid {})", url(), process.pid());
  }

  /** Waits until {@code GET /health/ready} answers 200; fails at once if the app exits. */
  public void awaitReady(final Duration timeout) {
    final ChildJvm current = process;
    try {
      Await.until(
          "app ready at " + url() + "/health/ready",
          timeout,
          () -> {
            current.requireAlive();
            return http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          });
    } catch (final Await.TimeoutException e) {
      throw new IllegalStateException(
          e.getMessage() + "; last lines of " + current.logFile() + ":\n" + current.tail(40), e);
    }
  }

  /** {@code http://localhost:<port>}. */
  public String url() {
    return "http://localhost:" + settings.httpPort();
  }

  /** The settings the app runs with. */
  public Settings settings() {
    return settings;
  }

  /** Whether the app process is running. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The app's pid. */
  public long pid() {
    return process.pid();
  }

  /** Stops gracefully: SIGTERM, bounded wait, then kill. */
  public void stop() {
    if (process != null && process.isAlive()) {
      LOG.info("stopping the app");
      process.stop(STOP_GRACE);
    }
  }

  /** Kills at once (SIGKILL), as in a crash: no shutdown hooks, no clean Streams close. */
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /**
   * Starts the app again with the same settings and state directory (after {@link #stop()} or
   * {@link #kill()}; stops it first if still running) and waits until ready.
   */
  public void restart(final Duration readyTimeout) {
    stop();
    launch(readyTimeout);
  }

  /** The size of the app's log file now: an offset for {@link #restoredSince}. */
  public long logSize() {
    try {
      return Files.exists(settings.logFile()) ? Files.size(settings.logFile()) : 0;
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Records restored from changelogs (task stores and global stores) according to the log written
   * after {@code offset}: the sum of the app's "restored {store} from {partition}: N records" lines
   * (the app has no restore metric yet).
   */
  public long restoredSince(final long offset) {
    try (RandomAccessFile file = new RandomAccessFile(settings.logFile().toFile(), "r")) {
      final byte[] tail = new byte[(int) Math.max(0, file.length() - offset)];
      file.seek(offset);
      file.readFully(tail);
      return restoredIn(new String(tail, StandardCharsets.ISO_8859_1));
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records restored according to the app's log lines in {@code log}. */
  static long restoredIn(final String log) {
    final Matcher matcher = RESTORED.matcher(log);
    long records = 0;
    while (matcher.find()) {
      records += Long.parseLong(matcher.group(1));
    }
    return records;
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }
}
