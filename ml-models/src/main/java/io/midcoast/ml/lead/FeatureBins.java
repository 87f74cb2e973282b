package io.midcoast.ml.lead;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The training-sample distribution of one feature, for the population stability index ({@link
 * PopulationStability}). Bins are {@code (−∞, e₁], (e₁, e₂], …, (e_k, ∞)} for the sorted distinct
 * inner edges {@code e}; {@code proportions} has {@code k + 1} entries summing to 1.
 *
 * @param feature feature name
 * @param edges inner bin edges, increasing
 * @param proportions share of the training sample in each bin
 */
public record FeatureBins(String feature, double[] edges, double[] proportions) {

  /** Default number of quantile bins. */
  public static final int DEFAULT_BINS = 10;

  /** Checks the shape and copies the arrays. */
  public FeatureBins {
    Objects.requireNonNull(feature, "feature");
    edges = edges.clone();
    proportions = proportions.clone();
    if (proportions.length != edges.length + 1) {
      throw new IllegalArgumentException(feature + ": need edges + 1 proportions");
    }
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public double[] proportions() {
    return proportions.clone();
  }

  /** The bin of {@code value}. */
  public int bin(final double value) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) { // first edge >= value
      final int mid = (lo + hi) >>> 1;
      if (edges[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The share of {@code values} in each bin. */
  public double[] shares(final double[] values) {
    final double[] out = new double[proportions.length];
    for (final double v : values) {
      out[bin(v)] += 1;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = values.length == 0 ? 0 : out[i] / values.length;
    }
    return out;
  }

  /**
   * Quantile bins of a training sample: inner edges at the {@code i/bins} quantiles ({@code i = 1 …
   * bins−1}, nearest order statistic), duplicates removed (a feature that is mostly 0 gets fewer
   * bins), and the sample's share in each.
   */
  public static FeatureBins of(final String feature, final double[] sample, final int bins) {
    final double[] sorted = sample.clone();
    Arrays.sort(sorted);
    final double[] edges =
        sorted.length == 0
            ? new double[0]
            : java.util.stream.IntStream.range(1, bins)
                .mapToDouble(
                    i -> sorted[(int) Math.min(sorted.length - 1, (long) i * sorted.length / bins)])
                .filter(e -> e < sorted[sorted.length - 1])
                .distinct()
                .toArray();
    final FeatureBins shape = new FeatureBins(feature, edges, new double[edges.length + 1]);
    return new FeatureBins(feature, edges, shape.shares(sample));
  }

  /** Bins of every lead feature over a sample of vectors. */
  public static List<FeatureBins> of(final List<FeatureVector> sample, final int bins) {
    final int n = LeadFeatures.size();
    final double[][] columns = new double[n][sample.size()];
    for (int r = 0; r < sample.size(); r++) {
      final double[] x = sample.get(r).valuesUnsafe();
      for (int i = 0; i < n; i++) {
        columns[i][r] = x[i];
      }
    }
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> of(LeadFeatures.NAMES.get(i), columns[i], bins))
        .toList();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof FeatureBins other
        && feature.equals(other.feature)
        && Arrays.equals(edges, other.edges)
        && Arrays.equals(proportions, other.proportions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, Arrays.hashCode(edges), Arrays.hashCode(proportions));
  }

  @Override
  public String toString() {
    return feature + Arrays.toString(edges) + Arrays.toString(proportions);
  }
}
