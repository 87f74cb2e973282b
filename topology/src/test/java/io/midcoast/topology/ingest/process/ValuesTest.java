package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

  @Test
  void shouldTrimStringsAndTurnEmptyIntoNull() {
    assertThat(Values.clean("  Ames ")).isEqualTo("Ames");
    assertThat(Values.clean("   ")).isNull();
    assertThat(Values.clean(null)).isNull();
  }

  @Test
  void shouldConvertMoneyToCentsWithoutFloatingPoint() {
    assertThat(Values.cents("p", new BigDecimal("0.29"))).isEqualTo(29L);
    assertThat(Values.cents("p", new BigDecimal("350000.005"))).isEqualTo(35_000_001L);
    assertThat(Values.cents("p", new BigDecimal("1e3"))).isEqualTo(100_000L);
    assertThat(Values.cents("p", Values.decimal("p", "$1,234,567.89", true)))
        .isEqualTo(123_456_789L);
  }

  @Test
  void shouldRejectMoneyThatIsNotANumber() {
    assertThatThrownBy(() -> Values.decimal("ListPrice", "12k", false))
        .isInstanceOf(Rejection.class)
        .extracting(e -> ((Rejection) e).reason())
        .isEqualTo(RejectReason.WRONG_FIELD_TYPE);
  }

  @Test
  void shouldParseCountyDatesInIsoAndUsForm() {
    assertThat(Values.countyDate("d", "6/5/2010")).isEqualTo(LocalDate.of(2010, 6, 5));
    assertThat(Values.countyDate("d", "2010-06-05")).isEqualTo(LocalDate.of(2010, 6, 5));
    assertThatThrownBy(() -> Values.countyDate("d", "2/30/2010")).isInstanceOf(Rejection.class);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "50010,50010",
    "50010-1234,50010",
    "500101234,50010",
    "2134,02134",
    "' 50010 ',50010",
    "k1a 0b1,K1A 0B1"
  })
  void shouldNormalizePostalCodes(final String raw, final String expected) {
    assertThat(Values.postalCode(raw)).isEqualTo(expected);
  }
}
