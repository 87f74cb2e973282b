package io.midcoast.serving;

import io.midcoast.topology.config.ConfigSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Midcoast: {@code java io.midcoast.serving.Main [--config FILE]}. Configuration comes from
 * the properties file ({@code --config} or {@code MIDCOAST_CONFIG}) and environment variables
 * ({@code MIDCOAST_*}, which win). SIGTERM / Ctrl-C closes the application cleanly.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(final String[] args) throws InterruptedException {
    final MidcoastApp app = MidcoastApp.create(ConfigSource.load(configFile(args)));
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "midcoast-shutdown"));
    try {
      app.start();
    } catch (final RuntimeException e) {
      LOG.error("Midcoast failed to start", e);
      System.exit(1);
    }
    stopped.await();
  }

  static Optional<Path> configFile(final String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--config")) {
        return Optional.of(Path.of(args[i + 1]));
      }
    }
    return Optional.ofNullable(System.getenv("MIDCOAST_CONFIG"))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }
}
