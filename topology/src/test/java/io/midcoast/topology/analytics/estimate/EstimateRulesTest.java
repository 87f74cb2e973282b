package io.midcoast.topology.analytics.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndexLevel;
import io.midcoast.topology.analytics.window.DatedValues;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateRulesTest {

  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");

  @Test
  void shouldMeasureMomentumAndDispersionFromTheSubdivisionsRecentSales() {
    final DatedValues points = new DatedValues();
    for (int i = 0; i < 3; i++) {
      points.add(LocalDate.parse("2023-09-0" + (i + 1)), 100.0);
      points.add(LocalDate.parse("2024-03-0" + (i + 1)), 110.0);
    }
    points.add(AS_OF, 1_000.0); // on the valuation date: not before it

    final RegionStats stats = RegionStats.of(points, AS_OF);

    assertThat(stats.momentum()).isCloseTo(0.10, within(1e-9));
    assertThat(stats.dispersion()).as("sd 5 / mean 105").isCloseTo(5.0 / 105.0, within(1e-9));
    points.remove(LocalDate.parse("2024-03-03"), 110.0);
    assertThat(RegionStats.of(points, AS_OF).momentum())
        .as("two sales in the recent half")
        .isNull();
  }

  @Test
  void shouldScoreAHouseListedUnderItsEstimateAsAnInvestmentWithItsFactors() {
    final Property listed = property(ListingStatus.ACTIVE, 18_000_000L, 20_000_000L, "2024-03-01");
    final PriceEstimate estimate = estimate(20_000_000L);

    final PropertyScore score =
        PropertyScores.score(listed, estimate, AS_OF, new RegionStats(0.05, 0.10));

    // 50 + value gap 11.1% → 25 (capped) + momentum 5% → 7.5 + dom 122 d → 6.89 + cut 10% → 5
    assertThat(score.getInvestment()).isEqualTo(94);
    assertThat(score.getInvestmentFactors().get(0)).isEqualTo(new Factor("value_gap", 25.0));
    // 20 + dispersion 10 + age 94-30 → 15 (capped) + uncertainty 0.25-0.2 → 5 + dom 122 d → 5.33
    // + cut 10% → 10 (capped)
    assertThat(score.getRisk()).isEqualTo(65);
    // 10 + lot 8,000/1,000 → 20 + zoning medium density 15 + age 94-40 → 15 (capped)
    assertThat(score.getDevelopment()).isEqualTo(60);
  }

  @Test
  void shouldKeepEveryScoreWithinZeroToHundred() {
    final Property bad =
        Property.newBuilder(property(ListingStatus.ACTIVE, 10_000_000L, 30_000_000L, "2020-01-01"))
            .setCharacteristics(
                Characteristics.newBuilder()
                    .setLivingAreaSqft(500)
                    .setLotSizeSqft(200_000L)
                    .setYearBuilt(1850)
                    .setOverallCondition(1)
                    .setZoning("C_all")
                    .build())
            .build();

    final PropertyScore score =
        PropertyScores.score(bad, estimate(90_000_000L), AS_OF, new RegionStats(-0.5, 0.9));

    assertThat(score.getRisk()).isEqualTo(100);
    assertThat(score.getDevelopment()).isEqualTo(100);
    assertThat(score.getInvestment()).isBetween(0, 100);
  }

  @Test
  void shouldComputeRollingAccuracyOverTheLastYearOfCloses() {
    final List<AccuracySample> samples = new ArrayList<>();
    samples.add(sample("c", "2023-08-01", 100_00L, 125_00L));
    samples.add(sample("old", "2022-01-01", 100_00L, 200_00L));
    samples.add(sample("a", "2023-06-01", 100_00L, 104_00L));
    samples.add(sample("b", "2023-07-01", 100_00L, 92_00L));
    samples.add(sample("d", "2023-09-01", 100_00L, 101_00L));

    final EstimateAccuracy figures = EstimateAccuracies.figures("all", samples);

    assertThat(figures.getSamples()).as("2022 is outside the year").isEqualTo(4);
    assertThat(figures.getMdapeBps()).as("median of 100, 400, 800, 2500 bps").isEqualTo(600);
    assertThat(figures.getWithin5Bps()).isEqualTo(5_000);
    assertThat(figures.getWithin10Bps()).isEqualTo(7_500);
    assertThat(figures.getWithin20Bps()).isEqualTo(7_500);

    assertThat(figures.getInIntervalBps()).as("no sample carries an interval").isNull();

    samples.remove(0);
    assertThat(EstimateAccuracies.figures("all", samples).getSamples()).isEqualTo(3);
    assertThat(EstimateAccuracies.figures("all", List.of())).isNull();
  }

  @Test
  void shouldShareTheClosesInsideTheEstimatesIntervalAmongSamplesThatCarryOne() {
    final List<AccuracySample> samples =
        List.of(
            withInterval(sample("in", "2023-06-01", 100_00L, 104_00L), 95_00L, 110_00L),
            withInterval(sample("edge", "2023-06-02", 100_00L, 104_00L), 100_00L, 110_00L),
            withInterval(sample("above", "2023-06-03", 120_00L, 104_00L), 95_00L, 110_00L),
            sample("none", "2023-06-04", 100_00L, 100_00L),
            withInterval(sample("old", "2021-01-01", 100_00L, 100_00L), 99_00L, 101_00L));

    final EstimateAccuracy figures = EstimateAccuracies.figures("all", samples);

    assertThat(figures.getSamples()).isEqualTo(4);
    assertThat(figures.getInIntervalBps()).as("2 of the 3 in the window with one").isEqualTo(6_667);
  }

  private static AccuracySample withInterval(
      final AccuracySample sample, final long low, final long high) {
    return AccuracySample.newBuilder(sample).setLowCents(low).setHighCents(high).build();
  }

  private static AccuracySample sample(
      final String id, final String date, final long close, final long estimate) {
    return AccuracySample.newBuilder()
        .setPropertyId(id)
        .setCloseDate(LocalDate.parse(date))
        .setClosePriceCents(close)
        .setEstimateCents(estimate)
        .setEstimateAsOf(LocalDate.parse(date))
        .setModelVersion("1.0.0")
        .build();
  }

  private static Property property(
      final ListingStatus status, final long list, final long originalList, final String start) {
    return Property.newBuilder(StageStores.house("p1", "North_Ames"))
        .setCharacteristics(
            Characteristics.newBuilder()
                .setLivingAreaSqft(1_000)
                .setLotSizeSqft(8_000L)
                .setYearBuilt(1930)
                .setZoning("Residential_Medium_Density")
                .build())
        .setListing(
            Listing.newBuilder()
                .setListingKey("L-p1")
                .setStandardStatus(status)
                .setListPriceCents(list)
                .setOriginalListPriceCents(originalList)
                .setOnMarketDate(LocalDate.parse(start))
                .setModificationTimestamp(Instant.parse(start + "T00:00:00Z"))
                .build())
        .build();
  }

  private static PriceEstimate estimate(final long cents) {
    return PriceEstimate.newBuilder()
        .setPropertyId("p1")
        .setModelId("m")
        .setModelVersion("1")
        .setEstimateCents(cents)
        .setLowCents(cents * 90 / 100)
        .setHighCents(cents * 115 / 100)
        .setAsOf(AS_OF)
        .setRegionIndexLevel(RegionIndexLevel.SUBDIVISION)
        .build();
  }
}
