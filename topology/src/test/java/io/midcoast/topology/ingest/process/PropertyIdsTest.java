package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.PropertyIdKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyIdsTest {

  private static final NormalizedStreet NONE = AddressNormalizer.normalize(null);

  private static BigDecimal d(final String value) {
    return new BigDecimal(value);
  }

  @Test
  void shouldSlugThePostalCodeAndStreetAndKeepOnlyTheUnitIdentifier() {
    final var id =
        PropertyIds.derive(
                AddressNormalizer.normalize("123 North Main Street Apt 4"),
                "50010",
                d("42.0"),
                d("-93.6"),
                9L)
            .orElseThrow();
    assertThat(id.id()).isEqualTo("50010-123-n-main-st-u4");
    assertThat(id.kind()).isEqualTo(PropertyIdKind.ADDRESS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9 Oak Ct Unit 2",
        "9 Oak Ct Apt 2",
        "9 Oak Court #2",
        "9 Oak Ct Suite 2",
        "9 Oak Ct Ste 2",
        "9 Oak Ct, Apartment 2, Ames, IA"
      })
  void shouldGiveOneIdWhateverTheUnitDesignator(final String line) {
    assertThat(
            PropertyIds.derive(AddressNormalizer.normalize(line), "50010", null, null, null)
                .orElseThrow()
                .id())
        .isEqualTo("50010-9-oak-ct-u2");
    assertThat(
            PropertyIds.derive(
                    AddressNormalizer.fromParts("9", null, "Oak", "Ct", null, "2"),
                    "50010",
                    null,
                    null,
                    null)
                .orElseThrow()
                .id())
        .isEqualTo("50010-9-oak-ct-u2");
  }

  @Test
  void shouldSlugAUnitOfSeveralTokens() {
    assertThat(
            PropertyIds.derive(
                    AddressNormalizer.normalize("9 Oak Ct Unit 2 B"), "50010", null, null, null)
                .orElseThrow()
                .id())
        .isEqualTo("50010-9-oak-ct-u2-b");
  }

  @Test
  void shouldGiveTheSameIdToBothFeedsSpellings() {
    assertThat(
            PropertyIds.derive(
                AddressNormalizer.normalize("123 N. Main St. #4"), "50010", null, null, null))
        .isEqualTo(
            PropertyIds.derive(
                AddressNormalizer.fromParts("123", "North", "Main", "Street", null, "4"),
                "50010",
                null,
                null,
                null));
  }

  @Test
  void shouldUseTheGeoKeyWithLotSizeWhenThereIsNoAddress() {
    final var id =
        PropertyIds.derive(NONE, "50010", d("42.054035"), d("-93.619754"), 31770L).orElseThrow();
    assertThat(id.id()).isEqualTo("geo-42.054035_-93.619754-l31770");
    assertThat(id.kind()).isEqualTo(PropertyIdKind.GEO);
    assertThat(PropertyIds.derive(NONE, null, d("42"), d("-93.5"), null).orElseThrow().id())
        .isEqualTo("geo-42.000000_-93.500000");
  }

  @Test
  void shouldRoundTheDecimalAsSentHalfUp() {
    // 42.0540355 has no exact double: formatting the double gave 42.054035 or 42.054036 by luck
    assertThat(
            PropertyIds.derive(NONE, null, d("42.0540355"), d("-93.6197545"), null)
                .orElseThrow()
                .id())
        .isEqualTo("geo-42.054036_-93.619755");
    assertThat(PropertyIds.derive(NONE, null, d("-0.0000001"), d("1E+1"), null).orElseThrow().id())
        .isEqualTo("geo-0.000000_10.000000");
  }

  @Test
  void shouldUseTheGeoKeyWhenTheAddressHasNoPostalCode() {
    assertThat(
            PropertyIds.derive(AddressNormalizer.normalize("1 Main St"), null, d("1"), d("2"), null)
                .orElseThrow()
                .kind())
        .isEqualTo(PropertyIdKind.GEO);
  }

  @Test
  void shouldGiveNoIdWithoutAnyLocation() {
    assertThat(
            PropertyIds.derive(AddressNormalizer.normalize("Main St"), "50010", null, d("2"), 5L))
        .isEmpty();
  }
}
