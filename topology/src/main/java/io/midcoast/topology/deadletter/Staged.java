package io.midcoast.topology.deadletter;

import io.midcoast.schemas.DeadLetter;
import java.util.Objects;

/**
 * What flows between the ingest stages inside one sub-topology: either a value with its provenance,
 * or the dead letter of a rejected record (passed through untouched to the DLQ sink). Never
 * serialized.
 *
 * @param source where the record came from
 * @param value the stage's output, null when rejected
 * @param rejection the dead letter, null when accepted
 */
public record Staged<T>(Provenance source, T value, DeadLetter rejection) {

  /** An accepted value. */
  public static <T> Staged<T> ok(final Provenance source, final T value) {
    return new Staged<>(source, Objects.requireNonNull(value, "value"), null);
  }

  /** A rejected record. */
  public static <T> Staged<T> rejected(final Provenance source, final DeadLetter rejection) {
    return new Staged<>(source, null, Objects.requireNonNull(rejection, "rejection"));
  }

  /** Whether the record was rejected by some stage. */
  public boolean isRejected() {
    return rejection != null;
  }

  /** The same rejection typed for the next stage. */
  @SuppressWarnings("unchecked")
  public <U> Staged<U> passRejection() {
    if (!isRejected()) {
      throw new IllegalStateException("not rejected");
    }
    return (Staged<U>) this;
  }
}
