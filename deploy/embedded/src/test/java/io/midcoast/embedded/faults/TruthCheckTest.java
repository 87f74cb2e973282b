package io.midcoast.embedded.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthCheckTest {

  @Test
  void shouldCountMissingExtraAndDifferingRowsOnTheExpectedColumnsOnly() {
    final Map<String, Map<String, String>> expected =
        Map.of("a", Map.of("price", "1"), "b", Map.of("price", "2"), "c", Map.of("price", "3"));
    final Map<String, Map<String, String>> actual =
        Map.of(
            "a", Map.of("price", "1", "other", "x"),
            "b", Map.of("price", "5"),
            "d", Map.of("price", "4"));

    final TruthCheck.Result result = TruthCheck.compare("t", expected, actual);

    assertThat(result.missing()).isEqualTo(1);
    assertThat(result.extra()).isEqualTo(1);
    assertThat(result.differing()).isEqualTo(1);
    assertThat(result.exact()).isFalse();
    assertThat(result.examples()).contains("missing c", "extra d", "b: price 2 != 5");
    assertThat(TruthCheck.compare("t", expected, expected).exact()).isTrue();
  }
}
