package io.midcoast.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;

/**
 * The dev stack's data directory: creation with an ownership marker, safe wiping ({@code --clean}
 * only deletes directories that carry the marker), the feed-published marker and the file that
 * records the running stack's endpoints.
 */
public final class DataDir {

  /** Marks a directory as created by the stack, so {@code --clean} may delete it. */
  public static final String OWNER_MARKER = ".midcoast-data-dir";

  /** Present once the demo feed was published into this data directory. */
  public static final String FEED_MARKER = "feed.published";

  /** Endpoints of the stack last started in this directory. */
  public static final String STACK_FILE = "stack.properties";

  private DataDir() {}

  /**
   * Creates {@code dir} (if needed) and marks it as a stack data directory; refuses an existing,
   * non-empty directory that is not one (so the stack never scatters files into, say, a home
   * directory).
   */
  public static Path prepare(final Path dir) {
    try {
      final Path marker = dir.resolve(OWNER_MARKER);
      if (Files.isDirectory(dir) && !Files.exists(marker)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalStateException(
                dir + " is not empty and not a Midcoast data directory: choose another --data-dir");
          }
        }
      }
      Files.createDirectories(dir);
      if (!Files.exists(marker)) {
        Files.writeString(marker, "Midcoast dev stack data; safe to delete when it is stopped\n");
      }
      return dir;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
  }

  /**
   * Deletes {@code dir} if it is a stack data directory (or absent); refuses any other directory.
   */
  public static void wipe(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.exists(dir.resolve(OWNER_MARKER))) {
      throw new IllegalStateException(
          "refusing to delete "
              + dir
              + ": it is not a Midcoast data directory (no "
              + OWNER_MARKER
              + " inside)");
    }
    deleteRecursively(dir);
  }

  /** Whether the demo feed was already published here. */
  public static boolean feedPublished(final Path dir) {
    return Files.exists(dir.resolve(FEED_MARKER));
  }

  /** Records that the demo feed was published here. */
  public static void markFeedPublished(final Path dir, final String summary) {
    write(dir.resolve(FEED_MARKER), summary + System.lineSeparator());
  }

  /** Records the endpoints of the running stack, for {@code midcoast feed}. */
  public static void writeStackFile(final Path dir, final Properties endpoints) {
    final StringBuilder text =
        new StringBuilder("# endpoints of the last dev stack started here\n");
    endpoints.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> text.append(k).append('=').append(endpoints.getProperty(k)).append('\n'));
    write(dir.resolve(STACK_FILE), text.toString());
  }

  /** The endpoint {@code key} recorded by the last dev stack started in {@code dir}. */
  public static Optional<String> stackEndpoint(final Path dir, final String key) {
    final Path file = dir.resolve(STACK_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    final Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.ofNullable(properties.getProperty(key));
  }

  private static void write(final Path file, final String text) {
    try {
      Files.writeString(file, text);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Deletes a directory tree (best effort on files that vanish meanwhile). */
  public static void deleteRecursively(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path d, final IOException e)
                throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
