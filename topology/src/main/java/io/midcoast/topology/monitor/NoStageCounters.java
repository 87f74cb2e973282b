package io.midcoast.topology.monitor;

/** The counters behind {@link StageCounters#none()}: every call is a no-op. */
enum NoStageCounters implements StageCounters {
  INSTANCE;

  @Override
  public void recordIn(final String stage) {}

  @Override
  public void recordOut(final String stage) {}

  @Override
  public void deadLettered(final String stage, final String reason) {}
}
