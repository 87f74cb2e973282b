package io.midcoast.topology.monitor;

/**
 * What the lead topology reports for metrics: serving turns these callbacks into Micrometer gauges
 * and counters. Implementations must be thread-safe and cheap: every stream thread calls them on
 * its hot path.
 */
public interface LeadMonitor {

  /**
   * The population stability index of one feature, live window against the champion's training
   * sample, computed every {@code LeadRules.DRIFT_EVERY} events per partition.
   *
   * @param feature the feature name (ml-models {@code LeadFeatures.NAMES})
   * @param psi its population stability index (alert above 0.2)
   */
  void featureDrift(String feature, double psi);

  /**
   * One lead was scored by the champion.
   *
   * @param modelVersion the version of the model that scored it
   * @param fallback whether it was the rule-based fallback (no champion model loaded)
   */
  void scored(String modelVersion, boolean fallback);

  /** A monitor that reports nothing. */
  static LeadMonitor none() {
    return new LeadMonitor() {
      @Override
      public void featureDrift(final String feature, final double psi) {}

      @Override
      public void scored(final String modelVersion, final boolean fallback) {}
    };
  }
}
