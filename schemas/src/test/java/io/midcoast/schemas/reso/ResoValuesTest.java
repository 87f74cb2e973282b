package io.midcoast.schemas.reso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.reso.ResoFieldException.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value rules of {@link ResoValues} that {@link ResoFieldsTest} does not reach. */
class ResoValuesTest {

  @Test
  void shouldTrimStringsAndTurnEmptyIntoNull() {
    assertThat(ResoValues.clean("  Ames ")).isEqualTo("Ames");
    assertThat(ResoValues.clean("   ")).isNull();
    assertThat(ResoValues.clean(null)).isNull();
  }

  @Test
  void shouldConvertMoneyToCentsWithoutFloatingPoint() {
    assertThat(ResoValues.cents("p", new BigDecimal("0.29"))).isEqualTo(29L);
    assertThat(ResoValues.cents("p", new BigDecimal("1e3"))).isEqualTo(100_000L);
  }

  @Test
  void shouldConvertAreasToSquareFeet() {
    assertThat(ResoValues.squareFeet("a", new BigDecimal("100"), "Square Meters"))
        .isEqualByComparingTo("1076.391041671");
    assertThat(ResoValues.squareFeet("a", new BigDecimal("1500"), "Square Feet"))
        .isEqualByComparingTo("1500");
    assertThat(ResoValues.squareFeet("a", new BigDecimal("1500"), null))
        .isEqualByComparingTo("1500");
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "Active,ACTIVE",
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
    assertThat(ResoValues.status(raw)).isEqualTo(expected);
  }

  @Test
  void shouldNotMapTheUnknownStatus() {
    assertThat(ResoValues.status("Unknown")).isNull();
  }

  @Test
  void shouldParseDatesAndTimestamps() {
    assertThat(ResoValues.isoDate("d", "2010-06-15")).isEqualTo(LocalDate.of(2010, 6, 15));
    assertThat(ResoValues.isoDate("d", "2010-06-15T23:00:00Z"))
        .isEqualTo(LocalDate.of(2010, 6, 15));
    assertThat(ResoValues.timestamp("t", "2010-06-15T12:00:00Z"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThat(ResoValues.timestamp("t", "2010-06-15T07:00:00-05:00"))
        .isEqualTo(Instant.parse("2010-06-15T12:00:00Z"));
    assertThatThrownBy(() -> ResoValues.isoDate("d", "15.06.2010"))
        .isInstanceOf(ResoFieldException.class)
        .extracting(e -> ((ResoFieldException) e).kind())
        .isEqualTo(Kind.INVALID_DATE);
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
    assertThat(ResoValues.yesNo("CoolingYN", raw)).isEqualTo(expected);
  }

  @Test
  void shouldReadABlankTextBooleanAsNull() {
    assertThat(ResoValues.yesNo("CoolingYN", "  ")).isNull();
  }

  @Test
  void shouldJoinResoListValuesWithCommasWithoutSpaces() {
    assertThat(ResoValues.joinedList(List.of("Stone", "Brick,, Wood ,")))
        .isEqualTo("Stone,Brick,Wood");
    assertThat(ResoValues.joinedList(List.of(" ", ","))).isNull();
    assertThat(ResoValues.joinedList(List.of())).isNull();
  }
}
