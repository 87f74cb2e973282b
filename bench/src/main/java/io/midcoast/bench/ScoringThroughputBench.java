package io.midcoast.bench;

import io.midcoast.ml.price.ClosedSale;
import io.midcoast.ml.price.PriceInput;
import io.midcoast.ml.price.PriceModel;
import io.midcoast.ml.price.PriceTraining;
import io.midcoast.ml.price.RegionalPriceIndex;
import io.midcoast.ml.price.TrainPriceModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scoring throughput of the bundled price model alone, on one thread: feature computation plus
 * Tribuo prediction over the Ames sales, after a warm-up: one {@link PriceModel#estimate} per call,
 * then {@link PriceModel#predictPrices} in batches of {@value #BATCH}. Run with {@code
 * OMP_NUM_THREADS=1} ({@code bench/run.sh price-scoring} sets it): XGBoost's OpenMP threads
 * otherwise spin on every call. No broker.
 *
 * <pre>
 * bench/run.sh price-scoring [ames.csv] [seconds]
 * </pre>
 */
public final class ScoringThroughputBench {

  /** Inputs per call in the batched run. */
  static final int BATCH = 100;

  private ScoringThroughputBench() {}

  /** Runs the benchmark: args are the Ames CSV path and the measured seconds (default 10). */
  public static void main(final String[] args) throws IOException {
    final Path csv = Path.of(args.length > 0 ? args[0] : TrainPriceModel.DEFAULT_DATA);
    final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10.0;
    final PriceModel model = PriceModel.loadBundled();
    final PriceTraining.Data data = PriceTraining.loadAmes(csv);
    final RegionalPriceIndex index = RegionalPriceIndex.of(data.sales());
    final List<PriceInput> inputs = new ArrayList<>();
    for (final ClosedSale sale : data.sales()) {
      inputs.add(sale.input(index.medianPricePerSqft(sale)));
    }
    run(model, inputs, seconds / 2, false); // warm-up
    final double single = run(model, inputs, seconds, false);
    run(model, inputs, seconds / 2, true);
    final double batched = run(model, inputs, seconds, true);
    Report.figure(
        "price_scoring_single",
        "%s one thread, one estimate per call: %.0f estimates/s (%.1f µs each)",
        model.version(),
        single,
        1e6 / single);
    Report.figure(
        "price_scoring_batched",
        "%s one thread, batches of %d: %.0f estimates/s (%.1f µs each)",
        model.version(),
        BATCH,
        batched,
        1e6 / batched);
  }

  private static double run(
      final PriceModel model,
      final List<PriceInput> inputs,
      final double s,
      final boolean batched) {
    final long deadline = System.nanoTime() + (long) (s * 1e9);
    final long start = System.nanoTime();
    long count = 0;
    double sink = 0;
    while (System.nanoTime() < deadline) {
      if (batched) {
        for (int from = 0; from < inputs.size(); from += BATCH) {
          final double[] prices =
              model.predictPrices(inputs.subList(from, Math.min(inputs.size(), from + BATCH)));
          sink += prices[0];
        }
      } else {
        for (final PriceInput input : inputs) {
          sink += model.estimate(input).map(PriceModel.Estimate::price).orElse(0.0);
        }
      }
      count += inputs.size();
    }
    final double elapsed = (System.nanoTime() - start) / 1e9;
    if (sink == 42) {
      Report.note("unlikely");
    }
    return count / elapsed;
  }
}
