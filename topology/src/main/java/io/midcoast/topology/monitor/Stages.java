package io.midcoast.topology.monitor;

import java.util.List;

/** The names of the ingest stages, as counted by {@link StageCounters}. */
public final class Stages {

  /** Reads feed messages and splits them into single source records. */
  public static final String COLLECT = "collect";

  /** Cleans and normalizes source records, derives the propertyId. */
  public static final String PROCESS = "process";

  /** Applies the validation rules and builds the observation. */
  public static final String VALIDATE = "validate";

  /**
   * Keyed by sourceKey: drops duplicates and stale versions, gives a Delete its propertyId,
   * retracts a source record from the property it no longer resolves to.
   */
  public static final String RESOLVE = "resolve";

  /** Keeps the latest version of every source record per property and emits the merged view. */
  public static final String STORE = "store";

  /** Every ingest stage, in pipeline order (node names are {@code ingest-<stage>[-...]}). */
  public static final List<String> INGEST = List.of(COLLECT, PROCESS, VALIDATE, RESOLVE, STORE);

  private Stages() {}
}
