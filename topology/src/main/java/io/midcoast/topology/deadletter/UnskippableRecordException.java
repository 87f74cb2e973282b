package io.midcoast.topology.deadletter;

/**
 * A record failed in a processor where skipping it would corrupt state for good (a signed delta
 * applied to an aggregate, say): the processing handler of {@link StreamsErrorHandlers} fails the
 * task instead of dead-lettering the record, so the error is seen and the record retried from the
 * last commit.
 */
public final class UnskippableRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and why it cannot be skipped
   * @param cause the failure
   */
  public UnskippableRecordException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
