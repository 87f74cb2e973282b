package io.midcoast.ml.price;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How wide the 80% interval should be: prints, for each training year Y from the second on, the
 * 10th/90th percentiles of {@code ln(actual / estimate)} of a model fit on the sales before Y and
 * scored on the sales of Y (a year-ahead error, the horizon the shipped model serves 2010 at), then
 * the holdout coverage each choice of calibration residuals would give the shipped configuration:
 * the shipped bounds (the latest 15% of training sales), each single year, and the years pooled.
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.price.IntervalStudy deploy/embedded/src/main/resources/data/ames.csv
 * </pre>
 */
public final class IntervalStudy {

  private IntervalStudy() {}

  /** Arguments: the Ames CSV. */
  public static void main(final String[] args) throws IOException {
    final PriceTraining.Data data = PriceTraining.loadAmes(Path.of(args[0]));
    final TrainingConfig shipped = TrainingConfig.defaults();
    final TrainingConfig noInterval = shipped.withCalibrationFraction(0);
    final int holdoutYear = AmesReso.HOLDOUT_YEAR;
    final int firstYear =
        data.sales().stream().mapToInt(s -> s.closeDate().getYear()).min().orElseThrow();

    final Map<String, double[]> candidates = new LinkedHashMap<>();
    final List<Double> pooled = new ArrayList<>();
    for (int year = firstYear + 1; year < holdoutYear; year++) {
      final double[] residuals = yearAhead(data, noInterval, year);
      for (final double r : residuals) {
        pooled.add(r);
      }
      candidates.put("year-ahead " + year, residuals);
    }
    candidates.put(
        "year-ahead pooled", pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray());

    final PriceTraining.Result withShipped = PriceTraining.train(data, shipped, holdoutYear);
    final double[] holdout = yearAhead(data, noInterval, holdoutYear);
    System.out.printf(
        "holdout %d: %d sales, log residual q10 %.4f q90 %.4f%n",
        holdoutYear, holdout.length, quantile(holdout, 0.10), quantile(holdout, 0.90));
    report(
        "shipped (latest 15% of training sales)",
        withShipped.calibrationCount(),
        withShipped.lowLogResidual(),
        withShipped.highLogResidual(),
        holdout);
    for (final Map.Entry<String, double[]> c : candidates.entrySet()) {
      report(
          c.getKey(),
          c.getValue().length,
          quantile(c.getValue(), 0.10),
          quantile(c.getValue(), 0.90),
          holdout);
    }
  }

  /** Sorted log residuals of the sales of {@code year} under a model fit on the years before. */
  private static double[] yearAhead(
      final PriceTraining.Data data, final TrainingConfig config, final int year) {
    final List<ClosedSale> upTo =
        data.sales().stream().filter(s -> s.closeDate().getYear() <= year).toList();
    final PriceTraining.Result result =
        PriceTraining.train(
            new PriceTraining.Data(upTo, data.source(), data.sha256()), config, year);
    final RegionalPriceIndex index = RegionalPriceIndex.of(upTo);
    return upTo.stream()
        .filter(s -> s.closeDate().getYear() == year)
        .mapToDouble(
            s ->
                Math.log(
                    s.closePrice()
                        / result.priceModel().predictPrice(s.input(index.medianPricePerSqft(s)))))
        .filter(Double::isFinite)
        .sorted()
        .toArray();
  }

  private static void report(
      final String name,
      final int calibrationSales,
      final double low,
      final double high,
      final double[] holdout) {
    final long inside = Arrays.stream(holdout).filter(r -> r >= low && r <= high).count();
    System.out.printf(
        "%-40s %5d sales  q10 %.4f  q90 %.4f  holdout coverage %.1f%%%n",
        name, calibrationSales, low, high, 100.0 * inside / holdout.length);
  }

  private static double quantile(final double[] sorted, final double q) {
    return PriceTraining.quantile(sorted, q);
  }
}
