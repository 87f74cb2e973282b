package io.midcoast.schemas.reso;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialListingConditionsTest {

  @ParameterizedTest(name = "[{0}] distressed: {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "null|false",
        "''|false",
        "Standard|false",
        "ShortSale|true",
        "RealEstateOwned|true",
        "Standard,ShortSale|true",
        "ShortSale,Standard|true",
        "Standard, Auction|true",
        "' HudOwned '|true",
        "Standard,Relocation|false",
        "shortsale|false",
        "Short Sale|false"
      })
  void shouldCallASaleDistressedWhenAnyOfItsConditionsIs(
      final String conditions, final boolean distressed) {
    assertThat(SpecialListingConditions.distressed(conditions)).isEqualTo(distressed);
  }
}
