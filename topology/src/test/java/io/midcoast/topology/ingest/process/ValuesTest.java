package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.ListingStatus;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
  void shouldConvertAreasToSquareFeet() {
    assertThat(Values.squareFeet("a", new BigDecimal("2"), "Acres")).isEqualByComparingTo("87120");
    assertThat(Values.squareFeet("a", new BigDecimal("100"), "Square Meters"))
        .isEqualByComparingTo("1076.391041671");
    assertThat(Values.squareFeet("a", new BigDecimal("1500"), "Square Feet"))
        .isEqualByComparingTo("1500");
    assertThat(Values.squareFeet("a", new BigDecimal("1500"), null)).isEqualByComparingTo("1500");
    assertThatThrownBy(() -> Values.squareFeet("a", BigDecimal.ONE, "Hectares"))
        .isInstanceOf(Rejection.class);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "Active,ACTIVE",
    "Active Under Contract,ACTIVE_UNDER_CONTRACT",
    "ActiveUnderContract,ACTIVE_UNDER_CONTRACT",
    "active_under_contract,ACTIVE_UNDER_CONTRACT",
    " PENDING ,PENDING",
    "Closed,CLOSED",
    "Cancelled,CANCELED",
    "Coming Soon,COMING_SOON",
    "Delete,DELETE",
  })
  void shouldMapStandardStatusIgnoringCaseSpacesAndUnderscores(
      final String raw, final ListingStatus expected) {
    assertThat(Values.status(raw)).isEqualTo(expected);
  }

  @Test
  void shouldNotMapAnUnknownStatus() {
    assertThat(Values.status("Sold")).isNull();
    assertThat(Values.status("Unknown")).isNull();
  }

  @Test
  void shouldParseDatesAndTimestamps() {
    assertThat(Values.isoDate("d", "2010-06-15")).isEqualTo(LocalDate.of(2010, 6, 15));
    assertThat(Values.isoDate("d", "2010-06-15T23:00:00Z")).isEqualTo(LocalDate.of(2010, 6, 15));
    assertThat(Values.countyDate("d", "6/5/2010")).isEqualTo(LocalDate.of(2010, 6, 5));
    assertThat(Values.countyDate("d", "2010-06-05")).isEqualTo(LocalDate.of(2010, 6, 5));
    assertThat(Values.timestamp("t", "2010-06-15T12:00:00Z"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThat(Values.timestamp("t", "2010-06-15T07:00:00-05:00"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThat(Values.timestamp("t", "2010-06-15T12:00:00"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThatThrownBy(() -> Values.countyDate("d", "2/30/2010")).isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> Values.isoDate("d", "15.06.2010")).isInstanceOf(Rejection.class);
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

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "true,true",
    "Y,true",
    "yes,true",
    "' YES ',true",
    "1,true",
    "false,false",
    "n,false",
    "No,false",
    "0,false"
  })
  void shouldReadResoBooleansGivenAsText(final String raw, final boolean expected) {
    assertThat(Values.yesNo("CoolingYN", raw)).isEqualTo(expected);
  }

  @Test
  void shouldRejectATextBooleanThatIsNeitherYesNorNo() {
    assertThat(Values.yesNo("CoolingYN", "  ")).isNull();
    assertThatThrownBy(() -> Values.yesNo("CoolingYN", "maybe"))
        .isInstanceOf(Rejection.class)
        .extracting(e -> ((Rejection) e).reason())
        .isEqualTo(RejectReason.WRONG_FIELD_TYPE);
  }

  @Test
  void shouldJoinResoListValuesWithCommasWithoutSpaces() {
    assertThat(Values.joinedList(List.of("Brick", " Vinyl Siding ")))
        .isEqualTo("Brick,Vinyl Siding");
    assertThat(Values.joinedList(List.of("Brick, Vinyl Siding"))).isEqualTo("Brick,Vinyl Siding");
    assertThat(Values.joinedList(List.of("Stone", "Brick,, Wood ,"))).isEqualTo("Stone,Brick,Wood");
    assertThat(Values.joinedList(List.of(" ", ","))).isNull();
    assertThat(Values.joinedList(List.of())).isNull();
  }
}
