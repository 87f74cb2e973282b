package io.midcoast.topology.ingest;

/** The names of the ingest stages, as counted by {@link io.midcoast.topology.StageCounters}. */
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

  private Stages() {}
}
