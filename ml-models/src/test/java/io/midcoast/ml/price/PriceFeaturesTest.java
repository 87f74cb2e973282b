package io.midcoast.ml.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tribuo.Feature;

class PriceFeaturesTest {

  private static final Characteristics HOUSE =
      Characteristics.newBuilder()
          .setPropertyType("Residential")
          .setPropertySubType("SingleFamilyResidence")
          .setBedrooms(3)
          .setBathrooms(2)
          .setLivingAreaSqft(1500)
          .setLotSizeSqft(9000L)
          .setYearBuilt(1990)
          .setZoning("Residential_Low_Density")
          .setGarageSpaces(2.0)
          .build();

  private static final Address ADDRESS =
      Address.newBuilder()
          .setCity("AMES")
          .setSubdivision("North_Ames")
          .setLatitude(42.05)
          .setLongitude(-93.62)
          .build();

  private static final ExtendedCharacteristics EXTENDED =
      new ExtendedCharacteristics(
          2005,
          600,
          400,
          3,
          1,
          1,
          7,
          true,
          "Two_Story",
          "VinylSd",
          "PConc",
          6,
          false,
          false,
          true,
          "Standard");

  private static Map<String, Double> features(final FeatureSet set, final PriceInput input) {
    return new PriceFeatures(set)
        .features(input).stream().collect(Collectors.toMap(Feature::getName, Feature::getValue));
  }

  @Test
  void shouldDescribeTheFeedFieldsAndTheRegionalBaseline() {
    final Map<String, Double> f =
        features(
            FeatureSet.FEED,
            new PriceInput(HOUSE, ADDRESS, EXTENDED, LocalDate.of(2010, 6, 15), 120.0));
    assertThat(f)
        .containsEntry("living_area", 1500.0)
        .containsEntry("lot_size", 9000.0)
        .containsEntry("bedrooms", 3.0)
        .containsEntry("bathrooms", 2.0)
        .containsEntry("year_built", 1990.0)
        .containsEntry("age", 21.0)
        .containsEntry("garage_spaces", 2.0)
        .containsEntry("region_ppsf", 120.0)
        .containsEntry("region_baseline", 180_000.0)
        .containsEntry("subtype=SingleFamilyResidence", 1.0)
        .containsEntry("zoning=Residential_Low_Density", 1.0)
        .containsEntry("subdivision=North_Ames", 1.0);
    assertThat(f.get("log_living_area")).isCloseTo(Math.log(1500), within(1e-12));
    assertThat(f.keySet()).noneMatch(name -> name.startsWith("bsmt") || name.startsWith("style"));
  }

  @Test
  void shouldAddTheExtendedFieldsOnlyInTheExtendedSet() {
    final Map<String, Double> f =
        features(
            FeatureSet.EXTENDED,
            new PriceInput(HOUSE, ADDRESS, EXTENDED, LocalDate.of(2010, 6, 15), 120.0));
    assertThat(f)
        .containsEntry("effective_age", 6.0)
        .containsEntry("remodeled", 1.0)
        .containsEntry("bsmt_finished", 600.0)
        .containsEntry("bsmt_total", 1000.0)
        .containsEntry("total_finished", 2100.0)
        .containsEntry("baths_weighted", 3.5)
        .containsEntry("central_air", 1.0)
        .containsEntry("condition", 6.0)
        .containsEntry("style=Two_Story", 1.0)
        .containsEntry("foundation=PConc", 1.0)
        .doesNotContainKeys("pool", "new_construction", "distressed");
  }

  @Test
  void shouldLeaveOutUnknownInputs() {
    final List<Feature> f =
        new PriceFeatures(FeatureSet.EXTENDED)
            .features(
                new PriceInput(
                    new Characteristics(),
                    new Address(),
                    ExtendedCharacteristics.EMPTY,
                    LocalDate.of(2010, 1, 1),
                    null));
    assertThat(f).isEmpty();
  }

  @Test
  void shouldMapAnAmesRowThroughResoToTheSameFeaturesAsTheCanonicalRecord() {
    final ClosedSale sale = AmesTestData.load().sales().get(0);
    assertThat(sale.sourceKey()).isEqualTo("AMES-1");
    assertThat(sale.characteristics().getLivingAreaSqft()).isEqualTo(1656);
    assertThat(sale.characteristics().getPropertySubType()).isEqualTo("SingleFamilyResidence");
    assertThat(sale.characteristics().getBathrooms()).isEqualTo(1);
    assertThat(sale.address().getCity()).isEqualTo("AMES");
    assertThat(sale.address().getSubdivision()).isEqualTo("North_Ames");
    assertThat(sale.extended().belowGradeFinishedArea()).isEqualTo(1080 - 441);
    assertThat(sale.extended().bathroomsFull()).isEqualTo(2);
    assertThat(sale.closeDate()).isEqualTo(LocalDate.of(2010, 5, 15));
    assertThat(sale.closePriceCents()).isEqualTo(21_500_000L);
  }

  @Test
  void shouldUseOnlySalesStrictlyBeforeTheDateForTheRegionalMedian() {
    final LocalDate day = LocalDate.of(2009, 6, 15);
    final List<ClosedSale> sales =
        List.of(
            sale("a", day.minusMonths(1), 100),
            sale("b", day.minusMonths(2), 110),
            sale("c", day.minusMonths(3), 120),
            sale("d", day.minusMonths(4), 130),
            sale("e", day.minusMonths(5), 140),
            sale("f", day.minusMonths(13), 500),
            sale("g", day, 900),
            sale("h", day.plusDays(1), 900));
    final RegionalPriceIndex index = RegionalPriceIndex.of(sales);
    assertThat(index.medianPricePerSqft("North_Ames", "AMES", day)).isEqualTo(120.0);
    // fewer than MIN_SALES in the subdivision window: the city's sales at any earlier time
    assertThat(index.medianPricePerSqft("North_Ames", "AMES", day.minusMonths(3))).isEqualTo(140.0);
    assertThat(index.medianPricePerSqft("North_Ames", "AMES", day.minusMonths(14))).isNull();
  }

  private static ClosedSale sale(final String key, final LocalDate date, final int ppsf) {
    return new ClosedSale(
        key, ADDRESS, HOUSE, ExtendedCharacteristics.EMPTY, date, ppsf * 1500L * 100);
  }
}
