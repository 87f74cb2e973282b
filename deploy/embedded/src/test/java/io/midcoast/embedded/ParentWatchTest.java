package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM stops when the process that started it dies without stopping it: the test starts a
 * "launcher" JVM that starts a child through {@link ChildJvm}, kills the launcher with SIGKILL (no
 * shutdown hook runs), and waits for the child to exit on its own.
 */
class ParentWatchTest {

  private static final List<String> CLASSPATH =
      List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));

  @Test
  void shouldStopAChildWhoseLauncherWasKilled(@TempDir final Path dir) throws Exception {
    final Path childPid = dir.resolve("child.pid");
    final ChildJvm launcher =
        ChildJvm.start(
            "launcher",
            CLASSPATH,
            Launcher.class.getName(),
            List.of("-Xmx64m"),
            List.of(childPid.toString(), dir.resolve("child.log").toString()),
            Map.of(),
            dir.resolve("launcher.log"));
    final long pid =
        Await.value(
            "the child's pid",
            Duration.ofSeconds(30),
            () ->
                Files.exists(childPid) && !Files.readString(childPid).isBlank()
                    ? Optional.of(Long.parseLong(Files.readString(childPid).strip()))
                    : Optional.empty());
    final ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
    try {
      assertThat(child.isAlive()).isTrue();

      launcher.kill();

      Await.until("the orphaned child to exit", Duration.ofSeconds(30), () -> !child.isAlive());
      // "is gone: stopping" when the watch saw it go, or "is gone" when the launcher was already
      // killed as the child's JVM started
      assertThat(Files.readString(dir.resolve("child.log")))
          .contains("(pid " + launcher.pid() + ") is gone");
    } finally {
      child.destroyForcibly();
    }
  }

  /** Starts a {@link Sleeper} child, writes its pid, then waits forever. */
  public static final class Launcher {
    public static void main(final String[] args) throws Exception {
      final ChildJvm child =
          ChildJvm.start(
              "sleeper",
              CLASSPATH,
              Sleeper.class.getName(),
              List.of("-Xmx32m"),
              List.of(),
              Map.of(),
              Path.of(args[1]));
      Files.writeString(Path.of(args[0]), Long.toString(child.pid()));
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** Sleeps until stopped. */
  public static final class Sleeper {
    public static void main(final String[] args) throws IOException, InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
