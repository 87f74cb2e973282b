package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormalizerTest {

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        // suffixes
        "123 Main Street|123 MAIN ST",
        "123 Elm Avenue|123 ELM AVE",
        "123 Elm Av|123 ELM AVE",
        "9 Mill Road|9 MILL RD",
        "9 Lake Drive|9 LAKE DR",
        "9 Cherry Lane|9 CHERRY LN",
        "9 Oak Court|9 OAK CT",
        "9 Sunset Boulevard|9 SUNSET BLVD",
        "9 Hill Place|9 HILL PL",
        "9 Vista Terrace|9 VISTA TER",
        "9 Maple Circle|9 MAPLE CIR",
        "9 Grand Parkway|9 GRAND PKWY",
        "9 Lincoln Highway|9 LINCOLN HWY",
        "9 Pine Trail|9 PINE TRL",
        "9 Town Square|9 TOWN SQ",
        "9 Stone Crossing|9 STONE XING",
        "9 Park Avenue|9 PARK AVE",
        // directionals
        "123 North Main Street|123 N MAIN ST",
        "123 Southwest 5th Street|123 SW 5TH ST",
        "123 Main Street West|123 MAIN ST W",
        "123 N.E. Main St.|123 NE MAIN ST",
        "100 North Street|100 NORTH ST",
        "100 South Avenue East|100 SOUTH AVE E",
        "100 North Main|100 N MAIN",
        // units
        "123 Main St Apt 4|123 MAIN ST APT 4",
        "123 Main St Apartment 4|123 MAIN ST APT 4",
        "123 Main St #4|123 MAIN ST APT 4",
        "123 Main St # 4|123 MAIN ST APT 4",
        "123 Main St Apt #4B|123 MAIN ST APT 4B",
        "500 Market Street Suite 200|500 MARKET ST STE 200",
        "500 Market Street Ste. 200|500 MARKET ST STE 200",
        "12 Oak Ct Unit 2|12 OAK CT UNIT 2",
        "12 Oak Ct Unit #2|12 OAK CT UNIT 2",
        "12 Oak Ct Apt|12 OAK CT",
        // case, punctuation, whitespace
        "  123   main   STREET  |123 MAIN ST",
        "123 O'Brien Rd.|123 OBRIEN RD",
        "123 Main St., Apt. 4|123 MAIN ST APT 4",
        "123 1/2 Main St|123 1/2 MAIN ST",
        "123-125 Main St|123-125 MAIN ST",
        "Broadway|BROADWAY",
        // one-line address with city, state and ZIP
        "123 North Main Street, Ames, IA 50010|123 N MAIN ST",
        "123 North Main Street, Apt 4, Ames, IA 50010|123 N MAIN ST APT 4",
      })
  void shouldNormalizeOneLineAddresses(final String input, final String expected) {
    assertThat(AddressNormalizer.normalize(input).line()).isEqualTo(expected);
  }

  @Test
  void shouldSplitTheLineIntoNumberStreetAndUnit() {
    final NormalizedStreet street = AddressNormalizer.normalize("123 north main street apt 4");
    assertThat(street.number()).isEqualTo("123");
    assertThat(street.street()).isEqualTo("N MAIN ST");
    assertThat(street.unit()).isEqualTo("APT 4");
    assertThat(street.isComplete()).isTrue();
  }

  @Test
  void shouldGiveTheSameLineFromPartsAsFromOneLine() {
    final NormalizedStreet parts =
        AddressNormalizer.fromParts("123", "North", "Main", "Street", null, "4");
    assertThat(parts.line())
        .isEqualTo("123 N MAIN ST APT 4")
        .isEqualTo(AddressNormalizer.normalize("123 N. Main St. #4").line());
  }

  @Test
  void shouldKeepADesignatorGivenInTheUnitNumberPart() {
    assertThat(AddressNormalizer.fromParts("500", null, "Market", "St", null, "Suite 200").line())
        .isEqualTo("500 MARKET ST STE 200");
    assertThat(AddressNormalizer.fromParts("12", null, "Oak", "Court", null, "#2").line())
        .isEqualTo("12 OAK CT APT 2");
  }

  @Test
  void shouldAcceptAStreetNameThatAlreadyHoldsTheSuffix() {
    assertThat(AddressNormalizer.fromParts("9", null, "Lake Drive", null, "South", null).line())
        .isEqualTo("9 LAKE DR S");
  }

  @Test
  void shouldGiveNothingForNoAddress() {
    assertThat(AddressNormalizer.normalize(null).line()).isNull();
    assertThat(AddressNormalizer.normalize(" , ").line()).isNull();
    assertThat(AddressNormalizer.fromParts(null, null, null, null, null, null).line()).isNull();
  }

  @Test
  void shouldNotCallAnAddressWithoutHouseNumberComplete() {
    assertThat(AddressNormalizer.normalize("Main Street").isComplete()).isFalse();
  }
}
