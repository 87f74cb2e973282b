package io.midcoast.topology.analytics;

/**
 * Integer division rounded half up (towards positive infinity on a tie), without floating point.
 */
final class Rounding {

  private Rounding() {}

  /** {@code numerator / denominator} rounded half up; {@code denominator > 0}. */
  static long halfUp(final long numerator, final long denominator) {
    if (denominator <= 0) {
      throw new IllegalArgumentException("denominator must be positive: " + denominator);
    }
    return Math.floorDiv(
        Math.addExact(Math.multiplyExact(2L, numerator), denominator),
        Math.multiplyExact(2L, denominator));
  }

  /** The mean of two values rounded half up: the median of an even count. */
  static long meanOfTwo(final long a, final long b) {
    return Math.floorDiv(Math.addExact(Math.addExact(a, b), 1L), 2L);
  }
}
