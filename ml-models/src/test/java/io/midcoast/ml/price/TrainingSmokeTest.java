package io.midcoast.ml.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSmokeTest {

  @Test
  void shouldTrainEvaluateWriteAndReloadASmallModel(@TempDir final Path out) throws IOException {
    final PriceTraining.Data all = AmesTestData.load();
    final List<ClosedSale> subset =
        Stream.concat(
                all.sales().stream().filter(s -> s.closeDate().getYear() < 2010).limit(400),
                all.sales().stream().filter(s -> s.closeDate().getYear() == 2010).limit(40))
            .toList();
    final PriceTraining.Data data = new PriceTraining.Data(subset, "subset", "none");
    final TrainingConfig config =
        TrainingConfig.defaults().withTrees(30, 3, 3f, 0.5f).withBoosting(0.2, 0.8);
    final PriceTraining.Result result = PriceTraining.train(data, config, 2010);
    assertThat(result.holdout().count()).isEqualTo(40);
    assertThat(result.holdout().mdape()).isBetween(0.0, 0.5);
    assertThat(result.lowLogResidual()).isLessThan(result.highLogResidual());

    final Path modelFile = TrainPriceModel.write(out, "0.0.1-test", data, result, 2010);
    final PriceModel loaded =
        PriceModel.load(modelFile, out.resolve("price-model-0.0.1-test.json"));
    final RegionalPriceIndex index = RegionalPriceIndex.of(subset);
    final ClosedSale first = subset.get(subset.size() - 40);
    assertThat(loaded.predictPrice(first.input(index.medianPricePerSqft(first))))
        .isCloseTo(result.references().get(0).price(), within(0.01));
    assertThat(Files.size(modelFile)).isPositive();
  }

  @Test
  void shouldTrainEveryAlgorithmOnATinySubset() {
    final List<ClosedSale> subset =
        Stream.concat(
                AmesTestData.load().sales().stream()
                    .filter(s -> s.closeDate().getYear() < 2010)
                    .limit(200),
                AmesTestData.load().sales().stream()
                    .filter(s -> s.closeDate().getYear() == 2010)
                    .limit(20))
            .toList();
    final PriceTraining.Data data = new PriceTraining.Data(subset, "subset", "none");
    for (final TrainingConfig.Algorithm algorithm : TrainingConfig.Algorithm.values()) {
      final TrainingConfig config =
          new TrainingConfig(
              FeatureSet.FEED,
              TargetTransform.LOG_RATIO,
              algorithm,
              10,
              6,
              3f,
              0.5f,
              0.3,
              0.8,
              1L,
              4000,
              0.0);
      assertThat(PriceTraining.train(data, config, 2010).holdout().count()).isEqualTo(20);
    }
  }
}
