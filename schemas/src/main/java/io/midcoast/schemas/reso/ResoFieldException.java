package io.midcoast.schemas.reso;

/**
 * A RESO field value that cannot be read: the wrong JSON type, text that is not a number, a date
 * that does not parse, an area unit that is not convertible. The message names the field and the
 * value. Carries no stack trace: readers of a feed treat it as a verdict on the record (the ingest
 * turns it into a dead letter), not as a defect.
 */
public final class ResoFieldException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** What is wrong with the value. */
  public enum Kind {
    /** The JSON type is wrong, or the text does not parse as a number, Y/N or an integer. */
    WRONG_FIELD_TYPE,
    /** A date or timestamp does not parse. */
    INVALID_DATE,
    /** An area unit cannot be converted to square feet. */
    UNKNOWN_UNIT
  }

  private final Kind kind;

  /**
   * @param kind what is wrong
   * @param detail which field, which value
   */
  public ResoFieldException(final Kind kind, final String detail) {
    super(detail);
    this.kind = kind;
  }

  /** What is wrong with the value. */
  public Kind kind() {
    return kind;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
