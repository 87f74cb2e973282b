package io.midcoast.ml.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PriceModelRoundTripTest {

  @Test
  void shouldPredictWhatWasRecordedAtTraining() throws IOException {
    final PriceModel model = PriceModel.loadBundled();
    final JsonNode summary;
    try (InputStream in =
        PriceModel.class.getResourceAsStream(
            "/models/price-model-" + PriceModel.BUNDLED_VERSION + ".json")) {
      summary = JsonMapper.builder().build().readTree(in);
    }
    final PriceTraining.Data data = AmesTestData.load();
    final Map<String, ClosedSale> byKey =
        data.sales().stream().collect(Collectors.toMap(ClosedSale::sourceKey, Function.identity()));
    final RegionalPriceIndex index = RegionalPriceIndex.of(data.sales());
    assertThat(summary.path("references")).hasSize(PriceTraining.REFERENCE_COUNT);
    for (final JsonNode reference : summary.path("references")) {
      final ClosedSale sale = byKey.get(reference.path("sourceKey").asText());
      final double price = model.predictPrice(sale.input(index.medianPricePerSqft(sale)));
      assertThat(price).isCloseTo(reference.path("price").asDouble(), within(0.01));
    }
  }

  @Test
  void shouldCarryProvenanceAndSummary() throws IOException {
    final PriceModel model = PriceModel.loadBundled();
    assertThat(model.version()).isEqualTo(PriceModel.BUNDLED_VERSION);
    assertThat(model.tribuoModel().getProvenance().getTrainerProvenance().toString())
        .contains("seed=");
    assertThat(model.tribuoModel().getProvenance().getDatasetProvenance().toString())
        .contains("sha256=");
    try (InputStream in =
        PriceModel.class.getResourceAsStream(
            "/models/price-model-" + PriceModel.BUNDLED_VERSION + ".json")) {
      final JsonNode summary = JsonMapper.builder().build().readTree(in);
      assertThat(summary.path("data").path("sha256").asText())
          .isEqualTo(AmesTestData.load().sha256());
      assertThat(summary.path("holdout").path("sales").asInt()).isEqualTo(341);
      assertThat(summary.path("holdout").path("mdape").asDouble()).isLessThanOrEqualTo(0.065);
    }
  }

  @Test
  void shouldEstimateWithAnIntervalAroundThePrice() {
    final PriceModel model = PriceModel.loadBundled();
    final PriceTraining.Data data = AmesTestData.load();
    final ClosedSale sale = data.sales().get(0);
    final PriceModel.Estimate estimate =
        model
            .estimate(sale.input(RegionalPriceIndex.of(data.sales()).medianPricePerSqft(sale)))
            .orElseThrow();
    assertThat(estimate.low()).isLessThan(estimate.price());
    assertThat(estimate.high()).isGreaterThan(estimate.price());
    assertThat(estimate.priceCents()).isEqualTo(Math.round(estimate.price() * 100));
  }
}
