package io.midcoast.ml.lead;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Named feature values in a fixed order (for lead scoring: {@link LeadFeatures#NAMES}). Immutable:
 * the values are copied in and out.
 */
public final class FeatureVector {

  private final List<String> names;
  private final double[] values;

  /**
   * A vector.
   *
   * @param names feature names (copied)
   * @param values values, same length as names (copied)
   */
  public FeatureVector(final List<String> names, final double[] values) {
    this(List.copyOf(names), values.clone(), true);
  }

  /** Trusted constructor: no copies. */
  FeatureVector(final List<String> names, final double[] values, final boolean check) {
    this.names = Objects.requireNonNull(names, "names");
    this.values = Objects.requireNonNull(values, "values");
    if (check && names.size() != values.length) {
      throw new IllegalArgumentException(names.size() + " names but " + values.length + " values");
    }
  }

  /** Feature names, in order. */
  public List<String> names() {
    return names;
  }

  /** A copy of the values, in order. */
  public double[] values() {
    return values.clone();
  }

  /** The values without a copy, for scorers in this package (never modified). */
  double[] valuesUnsafe() {
    return values;
  }

  /** Number of features. */
  public int size() {
    return values.length;
  }

  /** Value at {@code index}. */
  public double value(final int index) {
    return values[index];
  }

  /** Value of feature {@code name}; {@link IllegalArgumentException} when there is none. */
  public double value(final String name) {
    final int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no feature " + name);
    }
    return values[index];
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof FeatureVector other
        && names.equals(other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    final StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
    }
    return out.append('}').toString();
  }
}
