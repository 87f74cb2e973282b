package io.midcoast.topology.deadletter;

/**
 * A source record broke a rule: thrown by parsing and validation code, caught by the stage, which
 * writes a dead letter. Carries no stack trace (it is control flow, not a defect).
 */
public final class Rejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  /**
   * @param reason the reason code
   * @param detail which field, which value
   */
  public Rejection(final RejectReason reason, final String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  /** The reason code. */
  public RejectReason reason() {
    return reason;
  }

  /** Which field, which value. */
  public String detail() {
    return getMessage();
  }
}
