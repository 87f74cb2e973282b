package io.midcoast.topology.ingest.store;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.schemas.Property;

/**
 * What the store stage emits for one observation: the new view of the property (null for a
 * tombstone), or the dead letter of an observation the property's bounds refused. Never serialized.
 *
 * @param property the merged view, null when the property has no live source record left (or when
 *     rejected)
 * @param deadLetter the dead letter, null when accepted
 */
public record StoreOutput(Property property, DeadLetter deadLetter) {

  /** A new view (or a tombstone, for null). */
  public static StoreOutput view(final Property property) {
    return new StoreOutput(property, null);
  }

  /** A refused observation. */
  public static StoreOutput rejected(final DeadLetter deadLetter) {
    return new StoreOutput(null, deadLetter);
  }

  /** Whether the observation was refused. */
  public boolean isRejected() {
    return deadLetter != null;
  }
}
