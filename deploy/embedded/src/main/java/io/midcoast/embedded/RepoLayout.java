package io.midcoast.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the stack finds the build outputs of the other modules.
 *
 * @param root the repository root (the directory holding {@code mvnw} and the modules)
 */
public record RepoLayout(Path root) {

  /** System property naming the repository root; set by the {@code ./midcoast} launcher. */
  public static final String HOME_PROPERTY = "midcoast.home";

  /** Canonical constructor: absolute, normalized root. */
  public RepoLayout {
    root = root.toAbsolutePath().normalize();
  }

  /**
   * The repository of this process: {@code -Dmidcoast.home} if set, else the nearest directory
   * upward from the working directory that holds {@code deploy/embedded/pom.xml}.
   */
  public static RepoLayout detect() {
    final String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return new RepoLayout(Path.of(home));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/embedded/pom.xml"))) {
        return new RepoLayout(dir);
      }
    }
    throw new IllegalStateException(
        "cannot find the Midcoast repository above "
            + Path.of("").toAbsolutePath()
            + ": set -D"
            + HOME_PROPERTY
            + "=<repo>");
  }

  /** {@code connectors/target/connect-plugin}: the Connect plugin directory. */
  public Path connectPluginDir() {
    return root.resolve("connectors/target/connect-plugin");
  }

  /** {@code serving}: the app module. */
  public Path servingDir() {
    return root.resolve("serving");
  }

  /** {@code .midcoast}: the default data directory of the dev stack. */
  public Path defaultDataDir() {
    return root.resolve(".midcoast");
  }
}
