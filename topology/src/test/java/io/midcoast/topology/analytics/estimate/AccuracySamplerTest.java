package io.midcoast.topology.analytics.estimate;

import static io.midcoast.topology.analytics.estimate.StageStores.house;
import static io.midcoast.topology.analytics.estimate.StageStores.sale;
import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.AccuracyContribution;
import io.midcoast.schemas.AccuracySample;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndexLevel;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class AccuracySamplerTest {

  private final StageStores stores = new StageStores();
  private final KeyValueStore<String, AccuracySample> samples =
      stores.store("samples", AccuracySample.class);
  private final KeyValueStore<String, PriceEstimate> history =
      stores.store("history", PriceEstimate.class);
  private final AccuracySampler sampler = new AccuracySampler(samples, history);

  private final Property listed = house("p1", "North_Ames");

  @Test
  void shouldMeasureTheLastEstimateMadeBeforeTheCloseInEveryRegionOfTheSale() {
    remember(estimate("2024-03-01", 19_000_000L));
    remember(estimate("2024-04-01", 20_000_000L));
    remember(estimate("2024-04-20", 25_000_000L));

    final List<KeyValue<String, AccuracyContribution>> out =
        sampler.update("p1", listed, closed("2024-04-10", 22_000_000L));

    assertThat(out)
        .extracting(kv -> kv.key)
        .containsExactly("all", "city:AMES", "subdivision:North_Ames");
    final AccuracyContribution contribution = out.get(0).value;
    assertThat(contribution.getDelta()).isEqualTo(1);
    final AccuracySample sample = contribution.getSample();
    assertThat(sample.getEstimateCents()).isEqualTo(20_000_000L);
    assertThat(sample.getEstimateAsOf()).isEqualTo(LocalDate.parse("2024-04-01"));
    assertThat(sample.getClosePriceCents()).isEqualTo(22_000_000L);
    assertThat(sample.getLowCents()).isEqualTo(18_000_000L);
    assertThat(sample.getHighCents()).isEqualTo(22_000_000L);
    assertThat(samples.get("p1\u001f2024-04-10")).isEqualTo(sample);
  }

  @Test
  void shouldTakeNoSampleWithoutAnEstimateMadeBeforeTheClose() {
    remember(estimate("2024-04-20", 25_000_000L));

    assertThat(sampler.update("p1", listed, closed("2024-04-10", 22_000_000L))).isEmpty();
    final Property closedLater = closed("2024-04-30", 22_000_000L);
    assertThat(sampler.update("p1", closedLater, closedLater))
        .as("a sale the property already had")
        .isEmpty();
  }

  @Test
  void shouldCorrectThenRetractTheSampleWithItsSale() {
    remember(estimate("2024-04-01", 20_000_000L));
    final Property closed = closed("2024-04-10", 22_000_000L);
    sampler.update("p1", listed, closed);

    final Property corrected = closed("2024-04-10", 21_000_000L);
    final List<KeyValue<String, AccuracyContribution>> correction =
        sampler.update("p1", closed, corrected);
    assertThat(correction)
        .extracting(kv -> kv.value.getDelta())
        .containsExactly(-1, -1, -1, 1, 1, 1);
    assertThat(correction.get(0).value.getSample().getClosePriceCents()).isEqualTo(22_000_000L);
    assertThat(correction.get(3).value.getSample().getClosePriceCents()).isEqualTo(21_000_000L);

    assertThat(sampler.update("p1", corrected, corrected)).as("nothing changed").isEmpty();

    final List<KeyValue<String, AccuracyContribution>> retraction =
        sampler.update("p1", corrected, listed);
    assertThat(retraction).extracting(kv -> kv.value.getDelta()).containsExactly(-1, -1, -1);
    assertThat(StageStores.keys(samples)).isEmpty();
  }

  @Test
  void shouldMoveTheSampleWithASaleWhoseDateMovesAWeekAtMost() {
    remember(estimate("2024-04-01", 20_000_000L));
    final Property close = closed("2024-04-10", 22_000_000L);
    sampler.update("p1", listed, close);
    remember(estimate("2024-04-12", 30_000_000L));

    // the county deed of the same sale, six days later, replaces the MLS close
    final List<KeyValue<String, AccuracyContribution>> moved =
        sampler.update("p1", close, closed("2024-04-16", 22_100_000L));

    assertThat(moved).extracting(kv -> kv.value.getDelta()).containsExactly(-1, -1, -1, 1, 1, 1);
    final AccuracySample after = moved.get(3).value.getSample();
    assertThat(after.getCloseDate()).isEqualTo(LocalDate.parse("2024-04-16"));
    assertThat(after.getClosePriceCents()).isEqualTo(22_100_000L);
    assertThat(after.getEstimateAsOf())
        .as("still the estimate made before the sale, not the one after it")
        .isEqualTo(LocalDate.parse("2024-04-01"));
    assertThat(StageStores.keys(samples)).containsExactly("p1\u001f2024-04-16");
  }

  @Test
  void shouldKeepTheNewestEstimatesOfEachPropertyAndForgetThemWithIt() {
    for (int day = 10; day < 20; day++) {
      remember(estimate("2024-04-" + day, 20_000_000L));
    }
    remember(PriceEstimate.newBuilder(estimate("2024-04-01", 1L)).setPropertyId("p2").build());

    assertThat(StageStores.keys(history))
        .hasSize(AccuracySampler.HISTORY_SIZE + 1)
        .first()
        .isEqualTo("p1\u001f2024-04-12");

    sampler.forget("p1");
    assertThat(StageStores.keys(history)).containsExactly("p2\u001f2024-04-01");
  }

  @Test
  void shouldKeepTheEstimateMadeWhileListedWhenTheMarketClockRanAheadOfTheClose() {
    final LocalDate listedOn = LocalDate.parse("2024-03-01");
    sampler.remember(estimate("2024-03-01", 19_000_000L), listedOn);
    // re-estimates of the market as of May, before the property's April close arrives
    for (int day = 10; day < 20; day++) {
      sampler.remember(estimate("2024-05-" + day, 20_000_000L), listedOn);
    }

    assertThat(StageStores.keys(history))
        .hasSize(AccuracySampler.HISTORY_SIZE + 1)
        .first()
        .isEqualTo("p1\u001f2024-03-01");
    final List<KeyValue<String, AccuracyContribution>> out =
        sampler.update("p1", listed, closed("2024-04-10", 22_000_000L));
    assertThat(out).extracting(kv -> kv.key).contains("all");
    assertThat(out.get(0).value.getSample().getEstimateAsOf()).isEqualTo(listedOn);
  }

  @Test
  void shouldCountASampleWithoutCityOrSubdivisionInAllOnly() {
    final AccuracySample sample =
        AccuracySample.newBuilder()
            .setPropertyId("p1")
            .setCloseDate(LocalDate.parse("2024-04-10"))
            .setClosePriceCents(1L)
            .setEstimateCents(1L)
            .setEstimateAsOf(LocalDate.parse("2024-04-01"))
            .setModelVersion("1")
            .build();

    assertThat(AccuracySampler.regions(sample)).containsExactly(AccuracySampler.ALL_REGIONS);
  }

  private Property closed(final String date, final long cents) {
    return house("p1", "North_Ames", sale(date, cents));
  }

  /** Remembers an estimate made when the property itself last changed (on its valuation date). */
  private void remember(final PriceEstimate estimate) {
    sampler.remember(estimate, estimate.getAsOf());
  }

  private static PriceEstimate estimate(final String asOf, final long cents) {
    return PriceEstimate.newBuilder()
        .setPropertyId("p1")
        .setModelId("m")
        .setModelVersion("1")
        .setEstimateCents(cents)
        .setLowCents(cents * 9 / 10)
        .setHighCents(cents * 11 / 10)
        .setAsOf(LocalDate.parse(asOf))
        .setRegionIndexLevel(RegionIndexLevel.SUBDIVISION)
        .build();
  }
}
