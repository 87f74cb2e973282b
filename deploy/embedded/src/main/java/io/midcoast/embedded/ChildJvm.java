package io.midcoast.embedded;

import io.midcoast.embedded.watch.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM whose standard output and error are appended to a log file. The stack runs the
 * broker, the Connect worker and the app this way so each has its own heap, its own logging setup
 * and can be killed without taking the launcher down. Each child runs its main class through {@link
 * ParentWatch}, which stops it when the launcher is gone (even killed with SIGKILL, when no
 * shutdown hook could stop the children).
 */
public final class ChildJvm {

  private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
  private static final int TAIL_BYTES = 64 * 1024;

  /**
   * Children run in their own session where {@code setsid} exists: a Ctrl-C in the terminal then
   * reaches only the launcher, which stops the children in order (app, Connect, broker) instead of
   * all of them at once. {@code setsid} execs in place, so the pid is the JVM's.
   */
  private static final List<String> SETSID =
      Files.isExecutable(Path.of("/usr/bin/setsid"))
          ? List.of("/usr/bin/setsid")
          : Files.isExecutable(Path.of("/bin/setsid")) ? List.of("/bin/setsid") : List.of();

  /** Where {@link ParentWatch} is loaded from, appended to every child's classpath. */
  private static final String WATCH_LOCATION = codeSource(ParentWatch.class);

  /** Children still running: stopped on shutdown if their owner could not (see stopAll). */
  private static final Set<ChildJvm> RUNNING = ConcurrentHashMap.newKeySet();

  /**
   * Ordered stops (e.g. {@link Stack#close()}) run by the one shutdown hook, before the reaping.
   */
  private static final List<Runnable> ORDERED_STOPS = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::reap, "midcoast-child-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildJvm(final String name, final Process process, final Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code mainClass} in a new JVM (the one running this code).
   *
   * @param name short name for messages ("broker", "connect", "app")
   * @param classpath classpath entries
   * @param jvmOptions options before the main class ({@code -Xmx512m}, {@code -Dk=v})
   * @param environment extra environment variables
   * @param logFile file that receives stdout and stderr (appended)
   */
  public static ChildJvm start(
      final String name,
      final List<String> classpath,
      final String mainClass,
      final List<String> jvmOptions,
      final List<String> args,
      final Map<String, String> environment,
      final Path logFile) {
    final List<String> command = new ArrayList<>(SETSID);
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    final List<String> withWatch = new ArrayList<>(classpath);
    withWatch.add(WATCH_LOCATION);
    command.add(String.join(File.pathSeparator, withWatch));
    command.add(ParentWatch.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      final ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .redirectInput(Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      final Process process = builder.start();
      LOG.debug("started {} (pid {}): {} {}", name, process.pid(), mainClass, args);
      final ChildJvm child = new ChildJvm(name, process, logFile);
      RUNNING.add(child);
      process.onExit().thenRun(() -> RUNNING.remove(child));
      return child;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot start " + name + " JVM (" + mainClass + ")", e);
    }
  }

  /** Runs {@code mainClass} to completion, failing with the log tail on a non-zero exit. */
  public static void run(
      final String name,
      final List<String> classpath,
      final String mainClass,
      final List<String> jvmOptions,
      final List<String> args,
      final Path logFile,
      final Duration timeout) {
    final ChildJvm child = start(name, classpath, mainClass, jvmOptions, args, Map.of(), logFile);
    try {
      if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.kill();
        throw new IllegalStateException(
            name + " did not finish within " + timeout.toSeconds() + " s" + child.tailMessage());
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      child.kill();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
    if (child.process.exitValue() != 0) {
      throw new IllegalStateException(
          name + " failed with exit code " + child.process.exitValue() + child.tailMessage());
    }
  }

  /**
   * Runs {@code stop} when this JVM shuts down (Ctrl-C, SIGTERM, exit), before the remaining child
   * JVMs are stopped. One hook runs all stops in registration order, so the order holds (JVM
   * shutdown hooks themselves run concurrently).
   */
  public static void onShutdown(final Runnable stop) {
    ORDERED_STOPS.add(stop);
  }

  private static void reap() {
    for (final Runnable stop : ORDERED_STOPS) {
      try {
        stop.run();
      } catch (final RuntimeException e) {
        LOG.warn("shutdown step failed: {}", e.toString());
      }
    }
    stopAll(Duration.ofSeconds(30));
  }

  /**
   * Stops every child JVM this process started that is still running (SIGTERM, bounded wait, then
   * kill); for shutdown hooks, after the ordered stop, so no child outlives the launcher.
   */
  public static void stopAll(final Duration grace) {
    for (final ChildJvm child : List.copyOf(RUNNING)) {
      LOG.warn("stopping leftover {} (pid {})", child.name, child.pid());
      child.stop(grace);
    }
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** The file receiving the process output. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Throws {@link Await.Abort} with the log tail when the process has exited: used inside waits so
   * a crashed child ends the wait at once with the reason.
   */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new Await.Abort(
          name + " exited with code " + process.exitValue() + " while starting" + tailMessage());
    }
  }

  /**
   * Stops gracefully: SIGTERM (the JVM runs its shutdown hooks), waits up to {@code grace}, then
   * kills.
   */
  public void stop(final Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} did not stop within {} s, killing it", name, grace.toSeconds());
        kill();
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** Kills at once (SIGKILL): no shutdown hooks run, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code lines} lines of the log file (empty if it has none). */
  public String tail(final int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code lines} lines of {@code file} (empty if absent). */
  public static String tail(final Path file, final int lines) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      final long start = Math.max(0, in.length() - TAIL_BYTES);
      final byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      final List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (final IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private String tailMessage() {
    return "; last lines of " + logFile + ":" + System.lineSeparator() + tail(40);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The classpath of the running JVM, as entries. */
  public static List<String> currentClasspath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  /** Writes a classpath resource of this module to {@code target} and returns it. */
  static Path copyResource(final String resource, final Path target) {
    try (var in = ChildJvm.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, in.readAllBytes());
      return target;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static String codeSource(final Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (final java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + type.getName(), e);
    }
  }
}
