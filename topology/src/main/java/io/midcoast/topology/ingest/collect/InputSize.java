package io.midcoast.topology.ingest.collect;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;

/**
 * The {@code INPUT_TOO_LARGE} rule of the collect stage: one source record (a RESO object or a
 * county line) is at most {@link #MAX_RECORD_BYTES}. Real records are a few KiB (a RESO listing
 * with every field and its remarks stays under 64 KiB); a larger one is refused before it is parsed
 * further, with its size in the detail. An OData page may be larger than this as a whole: its
 * elements are bounded by the validate stage's {@code FIELD_TOO_LONG}.
 */
final class InputSize {

  /** The largest single source record accepted, in bytes. */
  static final int MAX_RECORD_BYTES = 256 * 1024;

  private InputSize() {}

  /**
   * @throws Rejection {@code INPUT_TOO_LARGE} when {@code value} is larger than {@link
   *     #MAX_RECORD_BYTES}
   */
  static void check(final byte[] value, final String what) {
    if (value.length > MAX_RECORD_BYTES) {
      throw new Rejection(
          RejectReason.INPUT_TOO_LARGE,
          what + " is " + value.length + " bytes (at most " + MAX_RECORD_BYTES + ")");
    }
  }
}
