package io.midcoast.serving;

import io.midcoast.topology.config.ConfigSource;
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
    final MidcoastApp app = MidcoastApp.create(ConfigSource.load(ConfigSource.configFile(args)));
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
}
