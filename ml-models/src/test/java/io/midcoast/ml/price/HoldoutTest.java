package io.midcoast.ml.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.regression.Regressor;

class HoldoutTest {

  @Test
  void shouldHoldOutEvery2010SaleAndTrainOnlyOnEarlierOnes() {
    final PriceTraining.Split split =
        PriceTraining.split(AmesTestData.load().sales(), AmesReso.HOLDOUT_YEAR);
    assertThat(split.holdout()).hasSize(341);
    assertThat(split.holdout()).allMatch(s -> s.closeDate().getYear() == 2010);
    assertThat(split.train()).hasSize(2930 - 341);
    assertThat(split.train()).allMatch(s -> s.closeDate().getYear() < 2010);
  }

  @Test
  void shouldBuildTheSameTrainingExamplesWhateverTheHoldoutPricesAre() {
    final List<ClosedSale> sales = AmesTestData.load().sales();
    final List<ClosedSale> tampered =
        sales.stream()
            .map(
                s ->
                    s.closeDate().getYear() == 2010
                        ? new ClosedSale(
                            s.sourceKey(),
                            s.address(),
                            s.characteristics(),
                            s.extended(),
                            s.closeDate(),
                            s.closePriceCents() * 10)
                        : s)
            .toList();
    final TrainingConfig config = TrainingConfig.defaults();
    final List<Example<Regressor>> original =
        PriceTraining.trainingExamples(PriceTraining.split(sales, 2010).train(), config);
    final List<Example<Regressor>> changed =
        PriceTraining.trainingExamples(PriceTraining.split(tampered, 2010).train(), config);
    assertThat(changed).hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(changed.get(i).getOutput()).isEqualTo(original.get(i).getOutput());
      assertThat(changed.get(i).toString()).isEqualTo(original.get(i).toString());
    }
  }

  @Test
  void shouldComputeTheRegionalMedianOnlyFromEarlierSales() {
    final List<ClosedSale> sales = AmesTestData.load().sales();
    final RegionalPriceIndex index = RegionalPriceIndex.of(sales);
    final ClosedSale sale = sales.get(0);
    final List<ClosedSale> changed =
        sales.stream()
            .map(
                s ->
                    !s.closeDate().isBefore(sale.closeDate())
                        ? new ClosedSale(
                            s.sourceKey(),
                            s.address(),
                            s.characteristics(),
                            s.extended(),
                            s.closeDate(),
                            s.closePriceCents() * 3)
                        : s)
            .toList();
    assertThat(RegionalPriceIndex.of(changed).medianPricePerSqft(sale))
        .isEqualTo(index.medianPricePerSqft(sale));
  }
}
