package io.midcoast.embedded.watch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The main class of every child JVM of the stack (broker, Connect, app): runs the real main class,
 * and exits (running its shutdown hooks, so the child still stops cleanly) once the process that
 * started it is gone. A launcher killed with SIGKILL runs no shutdown hook, so without this its
 * children would keep running and holding their ports.
 *
 * <p>Arguments: the parent's pid, the main class, then that class's arguments. No dependencies: it
 * is put on each child's classpath as it is.
 */
public final class ParentWatch {

  /** Exit status when the parent is gone (as if terminated by SIGTERM). */
  public static final int PARENT_GONE = 143;

  private static final long PERIOD_MS = 1_000;

  private ParentWatch() {}

  /** Watches the parent, then runs the real main class. */
  public static void main(final String[] args) throws Throwable {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: ParentWatch <parent pid> <main class> [args...]");
    }
    final long pid = Long.parseLong(args[0]);
    final Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      System.err.println("midcoast: the process that started this one (pid " + pid + ") is gone");
      System.exit(PARENT_GONE);
    }
    final ProcessHandle handle = parent.get();
    final Thread watch =
        new Thread(
            () -> {
              while (true) {
                // isAlive also compares the start time: a reused pid is not the parent
                if (!handle.isAlive()) {
                  System.err.println(
                      "midcoast: the process that started this one (pid "
                          + pid
                          + ") is gone: stopping");
                  System.exit(PARENT_GONE);
                }
                try {
                  Thread.sleep(PERIOD_MS);
                } catch (final InterruptedException e) {
                  return;
                }
              }
            },
            "midcoast-parent-watch");
    watch.setDaemon(true);
    watch.start();
    final Method main = Class.forName(args[1]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (final InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
