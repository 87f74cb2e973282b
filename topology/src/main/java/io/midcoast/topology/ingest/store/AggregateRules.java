package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.PropertyAggregate;
import io.midcoast.schemas.PropertyObservation;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How one observation changes the aggregate of its property. The aggregate holds, per sourceKey,
 * the winning version seen so far ({@link VersionOrder}) — deleted ones included, as markers, so
 * that an older version arriving after a delete cannot resurrect the record.
 */
public final class AggregateRules {

  /** Observations in the order of the aggregate: by sourceKey. */
  static final Comparator<PropertyObservation> BY_SOURCE_KEY =
      Comparator.comparing(o -> o.getSource().getSourceKey());

  /**
   * What one observation did to an aggregate.
   *
   * @param aggregate the new aggregate (observations only; the property fingerprint is copied from
   *     the current aggregate), or null when nothing changed
   * @param dropReason why nothing changed: {@code DUPLICATE} or {@code STALE_VERSION}; null when
   *     the aggregate changed or the observation was rejected
   * @param rejection why the observation is dead-lettered instead (a bound of the aggregate); null
   *     when it was applied or dropped
   */
  public record Outcome(PropertyAggregate aggregate, String dropReason, Rejection rejection) {

    static Outcome changed(final PropertyAggregate aggregate) {
      return new Outcome(aggregate, null, null);
    }

    static Outcome dropped(final String reason) {
      return new Outcome(null, reason, null);
    }

    static Outcome rejected(final Rejection rejection) {
      return new Outcome(null, null, rejection);
    }

    /** Whether the aggregate changed. */
    public boolean changed() {
      return aggregate != null;
    }
  }

  private AggregateRules() {}

  /**
   * Applies one observation.
   *
   * @param current the stored aggregate, or null for a new property
   * @param observation the new observation
   * @param maxSources the most distinct source records the aggregate may hold: a new sourceKey
   *     beyond it is rejected ({@code PROPERTY_TOO_MANY_SOURCES}); a new version of a source record
   *     it holds is always applied
   * @return the new aggregate, or why nothing changes (duplicate, or a version that loses), or why
   *     the observation is rejected
   */
  public static Outcome apply(
      final PropertyAggregate current,
      final PropertyObservation observation,
      final int maxSources) {
    final List<PropertyObservation> observations =
        current == null ? new ArrayList<>() : new ArrayList<>(current.getObservations());
    final Long fingerprint = current == null ? null : current.getPropertyFingerprint();
    final String sourceKey = observation.getSource().getSourceKey();
    for (int i = 0; i < observations.size(); i++) {
      final PropertyObservation stored = observations.get(i);
      if (stored.getSource().getSourceKey().equals(sourceKey)) {
        if (VersionOrder.compare(observation, stored) <= 0) {
          return Outcome.dropped(
              VersionOrder.sameContent(observation, stored) ? "DUPLICATE" : "STALE_VERSION");
        }
        observations.set(i, observation);
        return Outcome.changed(new PropertyAggregate(observations, fingerprint));
      }
    }
    if (observations.size() >= maxSources) {
      return Outcome.rejected(
          new Rejection(
              RejectReason.PROPERTY_TOO_MANY_SOURCES,
              "property "
                  + observation.getPropertyId()
                  + " already keeps "
                  + observations.size()
                  + " source records (the most allowed); "
                  + sourceKey
                  + " is a new one"));
    }
    observations.add(observation);
    observations.sort(BY_SOURCE_KEY);
    return Outcome.changed(new PropertyAggregate(observations, fingerprint));
  }
}
