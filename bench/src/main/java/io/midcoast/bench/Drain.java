package io.midcoast.bench;

import io.midcoast.embedded.faults.GroupLag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Waiting for consumer groups to drain, with a progress note about once a minute. */
final class Drain {

  private Drain() {}

  /**
   * Waits until no group of {@code groups} (group → the topics it reads) has a record left, noting
   * what is left at every 12th check (about a minute) and at the end, and running {@code eachCheck}
   * at every check (e.g. to stop at once on a failed sink task).
   */
  static void await(
      final String bootstrapServers,
      final Map<String, List<String>> groups,
      final Duration timeout,
      final Runnable eachCheck) {
    final AtomicLong checks = new AtomicLong();
    GroupLag.awaitDrained(
        bootstrapServers,
        groups,
        timeout,
        left -> {
          if (checks.getAndIncrement() % 12 == 0 || left.endsWith("nothing")) {
            Report.note(left);
          }
          eachCheck.run();
        });
  }
}
