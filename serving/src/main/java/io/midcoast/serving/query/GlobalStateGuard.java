package io.midcoast.serving.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the global stores after an unclean stop. Under exactly-once, Kafka Streams 4.3 refuses
 * to open a RocksDB store that was not closed cleanly; for a task's store it wipes and restores it,
 * but for a global store the global thread dies and the client goes to ERROR, on every restart
 * (KAFKA-21034, fix not released). A kill -9 of an instance therefore left it unable to start
 * again: seen in the full fault run (docs/reliability.md).
 *
 * <p>The guard keeps a marker file beside the application's state directory while Kafka Streams
 * runs, removed only after a clean close. When the marker is there at start, the previous run did
 * not stop cleanly and the global state directory ({@code <state.dir>/<application.id>/global}) is
 * deleted before Kafka Streams starts: the global stores are read again from their topics (ml.model
 * and leads.listing.price, compacted), which is what a global store does on a fresh instance
 * anyway.
 */
final class GlobalStateGuard {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalStateGuard.class);

  private final Path marker;
  private final Path globalDir;

  GlobalStateGuard(final Path stateDir, final String applicationId) {
    this.marker = stateDir.resolve(applicationId + ".running");
    this.globalDir = stateDir.resolve(applicationId).resolve("global");
  }

  /** Before Kafka Streams starts: wipes the global state after an unclean stop, then marks. */
  void starting() {
    try {
      if (Files.exists(marker) && Files.exists(globalDir)) {
        LOG.warn(
            "the previous run did not stop cleanly: deleting {} so the global stores are rebuilt"
                + " from their topics (a store left open cannot be reopened under exactly-once)",
            globalDir);
        Utils.delete(globalDir.toFile());
      }
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot prepare the global state in " + globalDir, e);
    }
  }

  /** After Kafka Streams closed cleanly: the global stores can be reopened as they are. */
  void stoppedCleanly() {
    try {
      Files.deleteIfExists(marker);
    } catch (final IOException e) {
      LOG.warn("cannot delete {}: the next start rebuilds the global stores", marker, e);
    }
  }
}
