package io.midcoast.embedded.watch;

import java.util.Optional;

/**
 * A guard for a process that is not a JVM of ours (the embedded Postgres): run as a child JVM
 * through {@link ParentWatch}, it waits, and when it exits (its launcher gone, or stopped) it sends
 * SIGINT (SIGTERM if {@code kill} is missing) to the guarded process if that is still running. The
 * owner stops the guarded process first on a normal shutdown, so the guard then finds nothing to
 * stop.
 *
 * <p>Argument: the pid of the guarded process. No dependencies.
 */
public final class StopOnExit {

  private StopOnExit() {}

  /** Guards the process {@code args[0]} until this JVM exits. */
  public static void main(final String[] args) throws InterruptedException {
    final long pid = Long.parseLong(args[0]);
    final Optional<ProcessHandle> guarded = ProcessHandle.of(pid);
    if (guarded.isEmpty()) {
      System.err.println("midcoast: process " + pid + " is not running: nothing to guard");
      return;
    }
    final ProcessHandle handle = guarded.get();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // the handle knows the start time: a reused pid is not stopped
                  if (handle.isAlive()) {
                    stop(handle);
                  }
                },
                "midcoast-stop-on-exit"));
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * SIGINT first (Postgres: fast shutdown, which does not wait for clients such as an open psql),
   * SIGTERM if {@code kill} cannot be run.
   */
  private static void stop(final ProcessHandle handle) {
    System.err.println("midcoast: stopping process " + handle.pid() + " (SIGINT)");
    try {
      final Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(handle.pid())).inheritIO().start();
      if (kill.waitFor() == 0) {
        return;
      }
    } catch (final java.io.IOException e) {
      System.err.println("midcoast: cannot run kill: " + e.getMessage());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handle.destroy();
  }
}
