package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.PropertyIdKind;
import org.junit.jupiter.api.Test;

class PropertyIdsTest {

  private static final NormalizedStreet NONE = AddressNormalizer.normalize(null);

  @Test
  void shouldSlugThePostalCodeAndNormalizedLine() {
    final var id =
        PropertyIds.derive(
                AddressNormalizer.normalize("123 North Main Street Apt 4"),
                "50010",
                42.0,
                -93.6,
                9L)
            .orElseThrow();
    assertThat(id.id()).isEqualTo("50010-123-n-main-st-apt-4");
    assertThat(id.kind()).isEqualTo(PropertyIdKind.ADDRESS);
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
    final var id = PropertyIds.derive(NONE, "50010", 42.054035, -93.619754, 31770L).orElseThrow();
    assertThat(id.id()).isEqualTo("geo-42.054035_-93.619754-l31770");
    assertThat(id.kind()).isEqualTo(PropertyIdKind.GEO);
    assertThat(PropertyIds.derive(NONE, null, 42.0, -93.5, null).orElseThrow().id())
        .isEqualTo("geo-42.000000_-93.500000");
  }

  @Test
  void shouldUseTheGeoKeyWhenTheAddressHasNoPostalCode() {
    assertThat(
            PropertyIds.derive(AddressNormalizer.normalize("1 Main St"), null, 1.0, 2.0, null)
                .orElseThrow()
                .kind())
        .isEqualTo(PropertyIdKind.GEO);
  }

  @Test
  void shouldGiveNoIdWithoutAnyLocation() {
    assertThat(PropertyIds.derive(AddressNormalizer.normalize("Main St"), "50010", null, 2.0, 5L))
        .isEmpty();
  }
}
