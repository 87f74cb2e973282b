package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.ListingStatus;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndex;
import io.midcoast.schemas.RegionIndexLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EstimatorTest {

  private static final LocalDate AS_OF = LocalDate.parse("2024-05-01");
  private static final RegionIndex INDEX =
      RegionIndex.newBuilder()
          .setPricePerSqft(140.004)
          .setLevel(RegionIndexLevel.SUBDIVISION)
          .setAsOf(AS_OF)
          .build();

  private final Estimator estimator = new Estimator(PriceModel.loadBundled());

  @Test
  void shouldValueAGroupInWholeDollarsWithTheRegionalInputAndAListPriceOnlyWhenListed() {
    final Property listed = listed("p1", ListingStatus.ACTIVE);
    final Property withdrawn = listed("p2", ListingStatus.WITHDRAWN);

    final List<Optional<Estimator.Valuation>> valuations =
        estimator.value(List.of(listed, withdrawn), INDEX, AS_OF);

    assertThat(valuations).hasSize(2).allSatisfy(v -> assertThat(v).isPresent());
    final PriceEstimate first = valuations.get(0).orElseThrow().estimate();
    assertThat(first.getPropertyId()).isEqualTo("p1");
    assertThat(first.getModelId()).isEqualTo(PriceModel.MODEL_ID);
    assertThat(first.getEstimateCents() % 100).isZero();
    assertThat(first.getLowCents() % 100).isZero();
    assertThat(first.getHighCents() % 100).isZero();
    assertThat(first.getAsOf()).isEqualTo(AS_OF);
    assertThat(first.getRegionPricePerSqftCents()).isEqualTo(14_000L);
    assertThat(first.getRegionIndexLevel()).isEqualTo(RegionIndexLevel.SUBDIVISION);
    assertThat(first.getListPriceCents()).isEqualTo(20_000_000L);
    assertThat(first.getFactors()).as("explained only when published").isEmpty();
    final PriceEstimate second = valuations.get(1).orElseThrow().estimate();
    assertThat(second.getPropertyId()).isEqualTo("p2");
    assertThat(second.getListPriceCents()).as("not on the market").isNull();
  }

  @Test
  void shouldPublishAMaterialChangeWithItsFactorsAndNothingElse() {
    final Estimator.Valuation valuation =
        estimator.value(List.of(listed("p1", ListingStatus.ACTIVE)), INDEX, AS_OF).get(0).get();

    final PriceEstimate first = estimator.publishable(null, valuation).orElseThrow();
    assertThat(first.getFactors()).hasSize(Estimator.TOP_FACTORS);
    assertThat(estimator.publishable(first, valuation)).as("same valuation").isEmpty();

    final long cents = first.getEstimateCents();
    assertThat(estimator.publishable(withEstimate(first, cents + cents / 2_000), valuation))
        .as("0.05% off")
        .isEmpty();
    assertThat(estimator.publishable(withEstimate(first, cents + cents / 500), valuation))
        .as("0.2% off")
        .isPresent();
  }

  @Test
  void shouldTellAChangeOfModelListPriceOrRegionButNotOfDateOrRegionalInput() {
    final PriceEstimate a =
        estimator
            .publishable(
                null,
                estimator
                    .value(List.of(listed("p1", ListingStatus.ACTIVE)), INDEX, AS_OF)
                    .get(0)
                    .get())
            .orElseThrow();

    assertThat(Estimator.sameEstimate(null, a)).isFalse();
    assertThat(Estimator.sameEstimate(a, copy(a).setAsOf(AS_OF.plusDays(30)).build())).isTrue();
    assertThat(Estimator.sameEstimate(a, copy(a).setRegionPricePerSqftCents(1L).build())).isTrue();
    assertThat(Estimator.sameEstimate(a, copy(a).setFactors(List.of()).build())).isTrue();
    assertThat(Estimator.sameEstimate(a, copy(a).setModelVersion("2.0.0").build())).isFalse();
    assertThat(Estimator.sameEstimate(a, copy(a).setListPriceCents(null).build())).isFalse();
    assertThat(Estimator.sameEstimate(a, copy(a).setCity("GILBERT").build())).isFalse();
    assertThat(Estimator.sameEstimate(a, copy(a).setSubdivision(null).build())).isFalse();
  }

  private static PriceEstimate.Builder copy(final PriceEstimate estimate) {
    return PriceEstimate.newBuilder(estimate);
  }

  private static PriceEstimate withEstimate(final PriceEstimate estimate, final long cents) {
    return copy(estimate).setEstimateCents(cents).build();
  }

  private static Property listed(final String id, final ListingStatus status) {
    final Property property = house(id, "North_Ames");
    property.setListing(
        Listing.newBuilder()
            .setListingKey("L-" + id)
            .setStandardStatus(status)
            .setListPriceCents(20_000_000L)
            .setModificationTimestamp(Instant.parse("2024-04-01T00:00:00Z"))
            .build());
    return property;
  }
}
