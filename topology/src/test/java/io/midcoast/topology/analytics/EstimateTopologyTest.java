package io.midcoast.topology.analytics;

import static io.midcoast.topology.analytics.EstimateFixtures.closedHouse;
import static io.midcoast.topology.analytics.EstimateFixtures.listedHouse;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Address;
import io.midcoast.schemas.EstimateAccuracy;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndexLevel;
import io.midcoast.topology.analytics.estimate.AccuracySampler;
import io.midcoast.topology.analytics.estimate.Estimator;
import io.midcoast.topology.analytics.estimate.PropertyScores;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EstimateTopologyTest {

  private final EstimateFixtures fixtures = new EstimateFixtures();

  @AfterEach
  void close() {
    fixtures.close();
  }

  @Test
  void shouldEstimateAPropertyWithItsIntervalModelVersionAndFactors() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-05-20"));

    final PriceEstimate estimate = fixtures.publishedEstimates().get("p1");
    assertThat(estimate).isNotNull();
    assertThat(estimate.getModelId()).isEqualTo(PriceModel.MODEL_ID);
    assertThat(estimate.getModelVersion()).isEqualTo(PriceModel.BUNDLED_VERSION);
    assertThat(estimate.getLowCents()).isLessThan(estimate.getEstimateCents());
    assertThat(estimate.getHighCents()).isGreaterThan(estimate.getEstimateCents());
    assertThat(estimate.getEstimateCents() % 100).as("whole dollars").isZero();
    assertThat(estimate.getAsOf()).isEqualTo(LocalDate.parse("2024-05-20"));
    assertThat(estimate.getRegionIndexLevel()).isEqualTo(RegionIndexLevel.NONE);
    assertThat(estimate.getListPriceCents()).isEqualTo(20_000_000L);
    assertThat(estimate.getFactors()).hasSize(Estimator.TOP_FACTORS);
    assertThat(fixtures.storedEstimate("p1")).isEqualTo(estimate);
  }

  @Test
  void shouldPublishNothingWhenTheSameStateArrivesAgain() {
    final Property house = listedHouse("p1", 20_000_000L, "2024-05-20");
    fixtures.put(house);
    fixtures.publishedEstimates();
    fixtures.publishedScores();

    fixtures.put(house);

    assertThat(fixtures.estimates.isEmpty()).isTrue();
    assertThat(fixtures.scores.isEmpty()).isTrue();
  }

  @Test
  void shouldReestimateTheSubdivisionWhenItsTrailingMedianChanges() {
    fixtures.put(listedHouse("listed", 20_000_000L, "2024-01-02"));
    assertThat(fixtures.publishedEstimates().get("listed").getRegionIndexLevel())
        .isEqualTo(RegionIndexLevel.NONE);
    final long[] prices = {15_000_000L, 18_000_000L, 21_000_000L, 24_000_000L, 27_000_000L};
    for (int i = 0; i < prices.length; i++) {
      fixtures.put(closedHouse("sold" + i, prices[i], "2024-02-0" + (i + 1)));
    }

    // the clock reaches Feb 6: all five sales are strictly before it
    fixtures.put(listedHouse("other", 30_000_000L, "2024-02-06"));

    final PriceEstimate listed = fixtures.publishedEstimates().get("listed");
    assertThat(listed).as("re-estimated with the subdivision's index").isNotNull();
    assertThat(listed.getRegionIndexLevel()).isEqualTo(RegionIndexLevel.SUBDIVISION);
    assertThat(listed.getRegionPricePerSqftCents())
        .as("median 210,000 / 1,500 sq ft")
        .isEqualTo(14_000L);
    assertThat(listed.getAsOf()).isEqualTo(LocalDate.parse("2024-02-06"));
  }

  @Test
  void shouldLeaveTheSubdivisionAloneWhenItsMedianMovesLessThanTwoPercent() {
    fixtures.put(listedHouse("listed", 20_000_000L, "2024-01-02"));
    final long[] prices = {15_000_000L, 18_000_000L, 21_000_000L, 24_000_000L, 27_000_000L};
    for (int i = 0; i < prices.length; i++) {
      fixtures.put(closedHouse("sold" + i, prices[i], "2024-02-0" + (i + 1)));
    }
    fixtures.put(listedHouse("other", 30_000_000L, "2024-02-06"));
    assertThat(fixtures.publishedEstimates()).containsKey("listed");

    // a sixth sale at the median: the index stays 140 $/sqft; the clock moves to Feb 8
    fixtures.put(closedHouse("sold5", 21_000_000L, "2024-02-07"));
    fixtures.put(listedHouse("third", 30_000_000L, "2024-02-08"));

    assertThat(fixtures.publishedEstimates()).doesNotContainKey("listed");
  }

  @Test
  void shouldFallBackToTheCityWhenTheSubdivisionHasFewSales() {
    for (int i = 0; i < 5; i++) {
      fixtures.put(
          inSubdivision(closedHouse("sold" + i, 30_000_000L, "2024-03-1" + i), "Somerset"));
    }
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-04-01"));

    final PriceEstimate estimate = fixtures.publishedEstimates().get("p1");
    assertThat(estimate.getRegionIndexLevel()).isEqualTo(RegionIndexLevel.CITY);
    assertThat(estimate.getRegionPricePerSqftCents()).isEqualTo(20_000L);
  }

  @Test
  void shouldMeasureTheLastEstimateBeforeTheCloseAgainstTheClosePrice() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    final PriceEstimate published = fixtures.publishedEstimates().get("p1");
    final long estimate = published.getEstimateCents();
    final long close = estimate + estimate / 10;

    fixtures.put(closedHouse("p1", close, "2024-04-10"));

    final Map<String, EstimateAccuracy> accuracy = fixtures.publishedAccuracy();
    assertThat(accuracy).containsOnlyKeys("all", "city:AMES", "subdivision:North_Ames");
    final EstimateAccuracy all = accuracy.get("all");
    assertThat(all.getSamples()).isEqualTo(1);
    assertThat(all.getWindowEnd()).isEqualTo(LocalDate.parse("2024-04-10"));
    final int expectedBps = (int) Math.round((close - estimate) * 10_000.0 / close);
    assertThat(all.getMdapeBps()).isEqualTo(expectedBps);
    assertThat(all.getWithin5Bps()).isZero();
    assertThat(all.getWithin10Bps()).isEqualTo(10_000);
    assertThat(all.getWithin20Bps()).isEqualTo(10_000);
    final boolean inside = published.getLowCents() <= close && close <= published.getHighCents();
    assertThat(all.getInIntervalBps()).isEqualTo(inside ? 10_000 : 0);
  }

  @Test
  void shouldCorrectAndRetractASampleWithItsSale() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    final long estimate = fixtures.publishedEstimates().get("p1").getEstimateCents();
    fixtures.put(closedHouse("p1", estimate * 2, "2024-04-10"));
    assertThat(fixtures.publishedAccuracy().get("all").getMdapeBps()).isEqualTo(5_000);

    fixtures.put(closedHouse("p1", estimate, "2024-04-10"));
    final EstimateAccuracy corrected = fixtures.publishedAccuracy().get("all");
    assertThat(corrected.getSamples()).as("corrected, not added").isEqualTo(1);
    assertThat(corrected.getMdapeBps()).isZero();

    fixtures.put(listedHouse("p1", 20_000_000L, "2024-04-11"));
    final Map<String, EstimateAccuracy> retracted = fixtures.publishedAccuracy();
    assertThat(retracted).containsKey("all");
    assertThat(retracted.get("all")).as("tombstone: no sample left").isNull();
  }

  @Test
  void shouldKeepTheSampleWhenTheSaleMovesToTheMlsCloseDate() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    final long estimate = fixtures.publishedEstimates().get("p1").getEstimateCents();
    // the county deed (3 days after the close) arrives first, then the MLS close replaces it
    fixtures.put(closedHouse("p1", estimate, "2024-04-13"));
    fixtures.put(listedHouse("p2", 20_000_000L, "2024-04-20"));
    fixtures.publishedAccuracy();

    fixtures.put(closedHouse("p1", estimate, "2024-04-10"));

    final EstimateAccuracy all = fixtures.publishedAccuracy().get("all");
    assertThat(all.getSamples()).isEqualTo(1);
    assertThat(all.getWindowEnd()).isEqualTo(LocalDate.parse("2024-04-10"));
  }

  @Test
  void shouldMeasureTheListingEstimateWhenTheMarketClockRanAheadOfTheClose() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    final PriceEstimate listed = fixtures.publishedEstimates().get("p1");
    assertThat(listed.getAsOf()).isEqualTo(LocalDate.parse("2024-03-01"));
    // other partitions run ahead: sales of May move the market clock past p1's close (April 10)
    // and re-estimate p1 as of May, more often than the sampler keeps estimates per property
    for (int day = 1; day <= AccuracySampler.HISTORY_SIZE + 6; day++) {
      fixtures.put(
          closedHouse(
              "sold" + day, 10_000_000L + day * 4_000_000L, String.format("2024-05-%02d", day)));
    }
    assertThat(fixtures.publishedEstimates().get("p1").getAsOf())
        .as("re-estimated as of the clock, after the close")
        .isAfter(LocalDate.parse("2024-04-10"));

    // p1's close, in flight from another partition, arrives after them
    fixtures.put(closedHouse("p1", 22_000_000L, "2024-04-10"));

    final Map<String, EstimateAccuracy> accuracy = fixtures.publishedAccuracy();
    assertThat(accuracy).containsKey("subdivision:North_Ames");
    assertThat(accuracy.get("all").getSamples())
        .as("p1's close measured against the estimate made while it was listed")
        .isEqualTo(1);
  }

  @Test
  void shouldTakeNoSampleForAPropertyFirstSeenClosed() {
    fixtures.put(closedHouse("p1", 20_000_000L, "2024-04-10"));

    assertThat(fixtures.publishedEstimates()).containsKey("p1");
    assertThat(fixtures.accuracy.isEmpty()).isTrue();
  }

  @Test
  void shouldScoreEveryEstimatedPropertyWithinBoundsAndFactors() {
    fixtures.put(listedHouse("p1", 10_000_000L, "2024-03-01"));

    final PropertyScore score = fixtures.publishedScores().get("p1");
    assertThat(score).isNotNull();
    assertThat(score.getFormulaVersion()).isEqualTo(PropertyScores.FORMULA_VERSION);
    assertThat(List.of(score.getInvestment(), score.getRisk(), score.getDevelopment()))
        .allSatisfy(value -> assertThat(value).isBetween(0, 100));
    assertThat(score.getInvestmentFactors()).extracting(f -> f.getName()).contains("value_gap");
  }

  @Test
  void shouldTombstoneEstimateAndScoreOfARemovedProperty() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    fixtures.publishedEstimates();
    fixtures.publishedScores();

    fixtures.delete("p1");

    final Map<String, PriceEstimate> estimates = fixtures.publishedEstimates();
    assertThat(estimates).containsKey("p1");
    assertThat(estimates.get("p1")).isNull();
    assertThat(fixtures.publishedScores().get("p1")).isNull();
    assertThat(fixtures.storedEstimate("p1")).isNull();
  }

  @Test
  void shouldMoveAPropertyToItsNewMarketWithoutATombstone() {
    fixtures.put(listedHouse("p1", 20_000_000L, "2024-03-01"));
    fixtures.publishedEstimates();
    final Property moved = listedHouse("p1", 20_000_000L, "2024-03-02");
    moved.setAddress(Address.newBuilder(moved.getAddress()).setCity("GILBERT").build());

    fixtures.put(moved);

    final List<PriceEstimate> published = new ArrayList<>();
    fixtures.estimates.readValuesToList().forEach(published::add);
    assertThat(published).doesNotContainNull();
    assertThat(published).last().extracting(PriceEstimate::getCity).isEqualTo("GILBERT");
  }

  private static Property inSubdivision(final Property property, final String subdivision) {
    return Property.newBuilder(property)
        .setAddress(Address.newBuilder(property.getAddress()).setSubdivision(subdivision).build())
        .build();
  }
}
