package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

  private static List<FeatureVector> sample(final long seed, final int n, final double shift) {
    final SplittableRandom r = new SplittableRandom(seed);
    final List<FeatureVector> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final double[] v = new double[LeadFeatures.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = LeadSimulator.gaussian(r) + (j == 0 ? shift : 0);
      }
      out.add(new FeatureVector(LeadFeatures.NAMES, v));
    }
    return out;
  }

  @Test
  void shouldBeNearZeroForTheSamePopulationAndAlertOnAShift() {
    final List<FeatureBins> bins = FeatureBins.of(sample(1, 20_000, 0), 10);
    final List<PopulationStability.FeatureDrift> same =
        PopulationStability.drift(bins, sample(2, 5_000, 0));
    assertThat(same).allSatisfy(d -> assertThat(d.psi()).isLessThan(0.02));
    final List<PopulationStability.FeatureDrift> alerts =
        PopulationStability.alerts(bins, sample(3, 5_000, 1.0));
    assertThat(alerts)
        .extracting(PopulationStability.FeatureDrift::feature)
        .containsExactly(LeadFeatures.NAMES.get(0));
  }

  @Test
  void shouldUseTheDocumentedFormulaWithAnEpsilonForEmptyBins() {
    final FeatureBins bins = new FeatureBins("x", new double[] {0.5}, new double[] {0.5, 0.5});
    final double psi = PopulationStability.psi(bins, new double[] {0, 0, 0, 1});
    final double expected =
        (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5);
    assertThat(psi).isCloseTo(expected, within(1e-12));
    final double allInOne = PopulationStability.psi(bins, new double[] {0, 0});
    final double e = 1e-4;
    assertThat(allInOne)
        .isCloseTo((1 - 0.5) * Math.log(1 / 0.5) + (e - 0.5) * Math.log(e / 0.5), within(1e-12));
    assertThat(PopulationStability.ALERT_THRESHOLD).isEqualTo(0.2);
  }

  @Test
  void shouldMergeBinsOfAMostlyZeroFeature() {
    final double[] values = new double[100];
    values[99] = 5;
    final FeatureBins bins = FeatureBins.of("f", values, 10);
    assertThat(bins.edges()).containsExactly(0.0);
    assertThat(bins.proportions()).containsExactly(0.99, 0.01);
  }
}
