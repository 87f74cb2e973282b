package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.Factor;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.RegionIndexLevel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorerTest {

  private static final LocalDate AS_OF = LocalDate.parse("2024-05-01");
  private static final RegionStats STATS = new RegionStats(0.05, 0.20);

  private final Property house = house("p1", "North_Ames");
  private final PriceEstimate estimate =
      PriceEstimate.newBuilder()
          .setPropertyId("p1")
          .setModelId("m")
          .setModelVersion("1")
          .setEstimateCents(20_000_000L)
          .setLowCents(17_000_000L)
          .setHighCents(24_000_000L)
          .setAsOf(AS_OF)
          .setRegionIndexLevel(RegionIndexLevel.SUBDIVISION)
          .build();

  @Test
  void shouldScoreAPropertyThatHasNoPublishedScore() {
    assertThat(Scorer.rescore(null, house, estimate, AS_OF, STATS))
        .contains(PropertyScores.score(house, estimate, AS_OF, STATS));
  }

  @Test
  void shouldPublishNothingWhenOnlyTheValuationDateMoved() {
    final PropertyScore published = PropertyScores.score(house, estimate, AS_OF, STATS);

    assertThat(Scorer.rescore(published, house, estimate, AS_OF, STATS)).isEmpty();
    final PropertyScore dated =
        PropertyScore.newBuilder(published).setAsOf(AS_OF.minusDays(3)).build();
    assertThat(Scorer.sameScore(dated, published)).isTrue();
  }

  @Test
  void shouldTellAChangedScoreOrFactor() {
    final PropertyScore published = PropertyScores.score(house, estimate, AS_OF, STATS);
    final List<Factor> factors = new ArrayList<>(published.getRiskFactors());
    factors.add(new Factor("something", 1.0));

    assertThat(Scorer.sameScore(published, copy(published).setRisk(99).build())).isFalse();
    assertThat(Scorer.sameScore(published, copy(published).setRiskFactors(factors).build()))
        .isFalse();
    assertThat(Scorer.sameScore(published, copy(published).setFormulaVersion("2").build()))
        .isFalse();
    assertThat(Scorer.rescore(published, house, estimate, AS_OF, RegionStats.NONE))
        .as("without the dispersion the risk falls")
        .isPresent();
  }

  private static PropertyScore.Builder copy(final PropertyScore score) {
    return PropertyScore.newBuilder(score);
  }
}
