package io.midcoast.topology.deadletter;

import io.midcoast.schemas.reso.ResoFieldException;

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

  /**
   * The verdict on a RESO value that cannot be read: its kind is the reason ({@code
   * WRONG_FIELD_TYPE}, {@code INVALID_DATE}, {@code UNKNOWN_UNIT}), its message the detail.
   */
  public static Rejection of(final ResoFieldException e) {
    final RejectReason reason =
        switch (e.kind()) {
          case WRONG_FIELD_TYPE -> RejectReason.WRONG_FIELD_TYPE;
          case INVALID_DATE -> RejectReason.INVALID_DATE;
          case UNKNOWN_UNIT -> RejectReason.UNKNOWN_UNIT;
        };
    return new Rejection(reason, e.getMessage());
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
