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

  @Test
  void shouldExplainAnEstimateByItsLargestContributions() {
    final PriceModel model = PriceModel.loadBundled();
    final PriceTraining.Data data = AmesTestData.load();
    final ClosedSale sale = data.sales().get(0);
    final PriceInput input =
        sale.input(RegionalPriceIndex.of(data.sales()).medianPricePerSqft(sale));

    final java.util.List<PriceModel.Contribution> factors = model.explain(input, 5);

    assertThat(factors).hasSize(5);
    assertThat(factors)
        .extracting(c -> Math.abs(c.effect()))
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(factors).extracting(PriceModel.Contribution::feature).doesNotHaveDuplicates();
  }

  @Test
  void shouldEstimateInBatchesAsOneByOne() {
    final PriceModel model = PriceModel.loadBundled();
    final PriceTraining.Data data = AmesTestData.load();
    final RegionalPriceIndex index = RegionalPriceIndex.of(data.sales());
    final java.util.List<PriceInput> inputs =
        data.sales().subList(0, 20).stream()
            .map(sale -> sale.input(index.medianPricePerSqft(sale)))
            .toList();

    final java.util.List<java.util.Optional<PriceModel.Estimate>> batch = model.estimates(inputs);

    for (int i = 0; i < inputs.size(); i++) {
      assertThat(batch.get(i).orElseThrow().price())
          .isCloseTo(model.estimate(inputs.get(i)).orElseThrow().price(), within(0.01));
    }
  }

  @Test
  void shouldReadExtendedFactsFromCanonicalCharacteristics() {
    final io.midcoast.schemas.Characteristics c =
        io.midcoast.schemas.Characteristics.newBuilder()
            .setArchitecturalStyle("Two_Story, Colonial")
            .setFoundationDetails(" ")
            .setFireplacesTotal(2)
            .build();

    final ExtendedCharacteristics e = ExtendedCharacteristics.of(c, "ShortSale,Auction");

    assertThat(e.architecturalStyle()).isEqualTo("Two_Story");
    assertThat(e.foundationDetails()).isNull();
    assertThat(e.fireplacesTotal()).isEqualTo(2);
    assertThat(e.specialListingConditions()).isEqualTo("ShortSale");
  }

  @Test
  void shouldExplainTheDifferenceBetweenTwoEstimatesExactly() {
    final PriceModel model = PriceModel.loadBundled();
    final PriceTraining.Data data = AmesTestData.load();
    final RegionalPriceIndex index = RegionalPriceIndex.of(data.sales());
    final PriceInput a = data.sales().get(0).input(index.medianPricePerSqft(data.sales().get(0)));
    final PriceInput b = data.sales().get(7).input(index.medianPricePerSqft(data.sales().get(7)));

    // contributions are additive in log price with a shared bias: their sums differ as the logs do
    final double sumA =
        model.explain(a, 10_000).stream().mapToDouble(c -> Math.log1p(c.effect())).sum();
    final double sumB =
        model.explain(b, 10_000).stream().mapToDouble(c -> Math.log1p(c.effect())).sum();

    assertThat(sumA - sumB)
        .isCloseTo(Math.log(model.predictPrice(a) / model.predictPrice(b)), within(1e-3));
  }
}
