package io.midcoast.topology.monitor;

/**
 * Counts records through the stages of a topology. The ingest stages are {@code collect}, {@code
 * process}, {@code validate}, {@code resolve} and {@code store}.
 *
 * <p>Implementations must be thread-safe: every stream thread calls them concurrently. Serving
 * implements this with Micrometer; tests use {@link InMemoryStageCounters}.
 */
public interface StageCounters {

  /**
   * One record entered a stage.
   *
   * @param stage the stage name, e.g. {@code "collect"}
   */
  void recordIn(String stage);

  /**
   * One record left a stage towards the next one (or its output topic).
   *
   * @param stage the stage name
   */
  void recordOut(String stage);

  /**
   * One record was rejected by a stage and written to the dead-letter topic.
   *
   * @param stage the stage name
   * @param reason the machine-readable reason code, e.g. {@code "MALFORMED_JSON"}
   */
  void deadLettered(String stage, String reason);

  /**
   * One record was dropped on purpose, without output and without a dead letter: a duplicate, a
   * stale version, a Delete of a source record never seen. The default counts nothing, so
   * implementations written before this method keep compiling.
   *
   * @param stage the stage name, e.g. {@code "resolve"}
   * @param reason why, e.g. {@code "DUPLICATE"}
   */
  default void dropped(final String stage, final String reason) {}

  /** Counters that count nothing. */
  static StageCounters none() {
    return NoStageCounters.INSTANCE;
  }
}
