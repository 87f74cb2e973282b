package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ingest's own value rules: county money and dates, postal codes. */
class ValuesTest {

  @Test
  void shouldReadCountyMoneyWithDollarsAndThousandsSeparators() {
    assertThat(Values.countyMoney("p", " $1,234,567.89 ")).isEqualByComparingTo("1234567.89");
    assertThat(Values.countyMoney("p", "200000")).isEqualByComparingTo("200000");
    assertThat(Values.countyMoney("p", "  ")).isNull();
  }

  @Test
  void shouldRejectCountyMoneyThatIsNotANumber() {
    assertThatThrownBy(() -> Values.countyMoney("sale_price", "12k"))
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
