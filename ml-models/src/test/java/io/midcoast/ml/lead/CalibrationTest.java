package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void shouldRecoverTheAffineMapOfOverconfidentLogOdds() {
    final SplittableRandom random = new SplittableRandom(5);
    final int n = 50_000;
    final double[] raw = new double[n];
    final int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      raw[i] = 3 * LeadSimulator.gaussian(random);
      y[i] = random.nextDouble() < LeadScore.sigmoid(-1.0 + 0.5 * raw[i]) ? 1 : 0;
    }
    final Calibration c = Calibration.fit(raw, y);
    assertThat(c.intercept()).isCloseTo(-1.0, within(0.05));
    assertThat(c.slope()).isCloseTo(0.5, within(0.03));
    assertThat(c.probability(2.0))
        .isCloseTo(LeadScore.sigmoid(c.intercept() + 2 * c.slope()), within(1e-12));
  }

  @Test
  void shouldStayModerateOnASmallOrOneSidedSlice() {
    assertThat(Calibration.fit(new double[0], new int[0])).isEqualTo(Calibration.IDENTITY);
    final Calibration negativesOnly =
        Calibration.fit(new double[] {-2, -1, 0, 1}, new int[] {0, 0, 0, 0});
    assertThat(negativesOnly.slope()).isPositive();
    assertThat(negativesOnly.probability(0)).isBetween(0.01, 0.5);
    assertThatThrownBy(() -> new Calibration(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
