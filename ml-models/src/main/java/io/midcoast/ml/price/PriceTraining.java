package io.midcoast.ml.price;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Training and holdout evaluation of the price model, the library behind {@link TrainPriceModel}.
 *
 * <p>Split: sales closed before {@code holdoutYear} train; sales closed in {@code holdoutYear}
 * (Ames: 2010, 341 sales) are the holdout, only ever scored. Training sales above the configured
 * living area are left out; the holdout is evaluated whole. The regional median $/sqft of a sale
 * comes from {@link RegionalPriceIndex}: for a training sale, from training sales strictly before
 * its date; for a holdout sale, from every sale strictly before its date, as live scoring would see
 * it (earlier 2010 sales feed the index, never the model).
 *
 * <p>Interval: the latest {@code calibrationFraction} of the training sales (by close date) are set
 * aside, a model with the same configuration is fit on the rest, and the 10th and 90th percentiles
 * of {@code ln(actual / estimate)} on the set-aside sales become the interval bounds of the final
 * model, which is then fit on all training sales.
 */
public final class PriceTraining {

  private static final Logger LOG = LoggerFactory.getLogger(PriceTraining.class);

  /** Estimates recorded for the round-trip test: the first this-many holdout sales. */
  public static final int REFERENCE_COUNT = 5;

  private PriceTraining() {}

  /**
   * Closed sales and where they came from.
   *
   * @param sales the sales, in file order
   * @param source file name
   * @param sha256 SHA-256 of the file's bytes
   */
  public record Data(List<ClosedSale> sales, String source, String sha256) {}

  /**
   * Sales of the training and holdout periods.
   *
   * @param train sales closed before the holdout year
   * @param holdout sales closed in the holdout year
   */
  public record Split(List<ClosedSale> train, List<ClosedSale> holdout) {}

  /**
   * One recorded estimate.
   *
   * @param sourceKey the sale's source key
   * @param price estimated price in dollars
   */
  public record Reference(String sourceKey, double price) {}

  /**
   * The outcome of a training run.
   *
   * @param model the final model (fit on every training sale)
   * @param priceModel the final model with its scoring metadata
   * @param config the configuration
   * @param trainCount training examples of the final model
   * @param calibrationCount sales used to calibrate the interval (0: no interval)
   * @param lowLogResidual lower interval bound (log residual), NaN without calibration
   * @param highLogResidual upper interval bound (log residual), NaN without calibration
   * @param holdout holdout evaluation
   * @param references recorded estimates of the first holdout sales
   */
  public record Result(
      Model<Regressor> model,
      PriceModel priceModel,
      TrainingConfig config,
      int trainCount,
      int calibrationCount,
      double lowLogResidual,
      double highLogResidual,
      Evaluation holdout,
      List<Reference> references) {}

  /** Reads an Ames CSV, rendering each row as a RESO record ({@link AmesReso}) first. */
  public static Data loadAmes(final Path csv) throws IOException {
    final byte[] bytes = Files.readAllBytes(csv);
    final List<Map<String, String>> rows = AmesReso.readRows(new ByteArrayInputStream(bytes));
    final List<ClosedSale> sales = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ResoSales.closedSale(AmesReso.resoRecord(i + 1, rows.get(i))).ifPresent(sales::add);
    }
    LOG.info("read {} closed sales from {}", sales.size(), csv);
    return new Data(List.copyOf(sales), csv.getFileName().toString(), sha256(bytes));
  }

  /** Reads a RESO JSON-lines file. */
  public static Data loadJsonLines(final Path file) throws IOException {
    return new Data(
        ResoSales.readJsonLines(file),
        file.getFileName().toString(),
        sha256(Files.readAllBytes(file)));
  }

  /** The training/holdout split by close year. */
  public static Split split(final List<ClosedSale> sales, final int holdoutYear) {
    final List<ClosedSale> train = new ArrayList<>();
    final List<ClosedSale> holdout = new ArrayList<>();
    for (final ClosedSale sale : sales) {
      final int year = sale.closeDate().getYear();
      if (year < holdoutYear) {
        train.add(sale);
      } else if (year == holdoutYear) {
        holdout.add(sale);
      }
    }
    return new Split(List.copyOf(train), List.copyOf(holdout));
  }

  /**
   * The training examples of {@code train}: the regional median of each from {@code train} sales
   * strictly before it; sales whose target is undefined or that fail the living-area filter are
   * left out.
   */
  public static List<Example<Regressor>> trainingExamples(
      final List<ClosedSale> train, final TrainingConfig config) {
    final RegionalPriceIndex index = RegionalPriceIndex.of(train);
    final PriceFeatures features = new PriceFeatures(config.featureSet());
    final List<Example<Regressor>> examples = new ArrayList<>(train.size());
    for (final ClosedSale sale : train) {
      final Integer area = sale.characteristics().getLivingAreaSqft();
      if (area != null && area > config.maxTrainLivingArea()) {
        continue;
      }
      final PriceInput input = sale.input(index.medianPricePerSqft(sale));
      final double target = config.target().target(sale.closePrice(), input);
      if (Double.isFinite(target)) {
        examples.add(features.example(input, target));
      }
    }
    return examples;
  }

  /** Trains on {@code data}'s sales before {@code holdoutYear} and evaluates on that year. */
  public static Result train(final Data data, final TrainingConfig config, final int holdoutYear) {
    final Split split = split(data.sales(), holdoutYear);
    LOG.info(
        "{}: {} training sales, {} holdout sales ({})",
        config.label(),
        split.train().size(),
        split.holdout().size(),
        holdoutYear);
    double low = Double.NaN;
    double high = Double.NaN;
    int calibrationCount = 0;
    if (config.calibrationFraction() > 0) {
      final List<ClosedSale> byDate = new ArrayList<>(split.train());
      byDate.sort(Comparator.comparing(ClosedSale::closeDate));
      final int cut = (int) Math.round(byDate.size() * (1 - config.calibrationFraction()));
      final LocalDateCut boundary = new LocalDateCut(byDate.get(cut).closeDate());
      final List<ClosedSale> fit = byDate.stream().filter(boundary::before).toList();
      final List<ClosedSale> calibration =
          byDate.stream().filter(s -> !boundary.before(s)).toList();
      final PriceModel calibrationModel = fit(data, fit, config);
      final RegionalPriceIndex index = RegionalPriceIndex.of(split.train());
      final List<Double> residuals = new ArrayList<>();
      for (final ClosedSale sale : calibration) {
        final double estimate =
            calibrationModel.predictPrice(sale.input(index.medianPricePerSqft(sale)));
        if (Double.isFinite(estimate)) {
          residuals.add(Math.log(sale.closePrice() / estimate));
        }
      }
      final double[] sorted =
          residuals.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      low = quantile(sorted, 0.10);
      high = quantile(sorted, 0.90);
      calibrationCount = sorted.length;
      LOG.info(
          "interval calibrated on {} sales from {}: log residual q10={} q90={}",
          calibrationCount,
          boundary.date(),
          low,
          high);
    }
    final List<Example<Regressor>> examples = trainingExamples(split.train(), config);
    final Model<Regressor> model = fitExamples(data, examples, config);
    final PriceModel priceModel =
        new PriceModel(model, config.featureSet(), config.target(), low, high, "candidate");
    final RegionalPriceIndex all = RegionalPriceIndex.of(data.sales());
    final List<ClosedSale> holdout = split.holdout();
    final double[] actual = new double[holdout.size()];
    final double[] predicted = new double[holdout.size()];
    final double[] lows = new double[holdout.size()];
    final double[] highs = new double[holdout.size()];
    final List<Reference> references = new ArrayList<>();
    for (int i = 0; i < holdout.size(); i++) {
      final ClosedSale sale = holdout.get(i);
      actual[i] = sale.closePrice();
      predicted[i] = priceModel.predictPrice(sale.input(all.medianPricePerSqft(sale)));
      if (!Double.isFinite(predicted[i])) {
        throw new IllegalStateException("holdout sale " + sale.sourceKey() + " cannot be scored");
      }
      final double[] interval = priceModel.interval(predicted[i]);
      lows[i] = interval[0];
      highs[i] = interval[1];
      if (i < REFERENCE_COUNT) {
        references.add(new Reference(sale.sourceKey(), predicted[i]));
      }
    }
    final Evaluation evaluation =
        holdout.isEmpty()
            ? null
            : Evaluation.of(
                actual,
                predicted,
                Double.isNaN(low) ? null : lows,
                Double.isNaN(low) ? null : highs);
    if (evaluation != null) {
      LOG.info("{} holdout: {}", config.label(), evaluation.summary());
    }
    return new Result(
        model,
        priceModel,
        config,
        examples.size(),
        calibrationCount,
        low,
        high,
        evaluation,
        List.copyOf(references));
  }

  private record LocalDateCut(java.time.LocalDate date) {
    boolean before(final ClosedSale sale) {
      return sale.closeDate().isBefore(date);
    }
  }

  private static PriceModel fit(
      final Data data, final List<ClosedSale> train, final TrainingConfig config) {
    final Model<Regressor> model = fitExamples(data, trainingExamples(train, config), config);
    return new PriceModel(
        model, config.featureSet(), config.target(), Double.NaN, Double.NaN, "calibration");
  }

  private static Model<Regressor> fitExamples(
      final Data data, final List<Example<Regressor>> examples, final TrainingConfig config) {
    final RegressionFactory factory = new RegressionFactory();
    final MutableDataset<Regressor> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                data.source() + " sha256=" + data.sha256() + " closed before holdout year",
                factory),
            factory);
    dataset.addAll(examples);
    return config.trainer().train(dataset);
  }

  /** The {@code q}-quantile of sorted values (linear interpolation between order statistics). */
  static double quantile(final double[] sorted, final double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    final double position = q * (sorted.length - 1);
    final int lower = (int) Math.floor(position);
    final int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  /** SHA-256 hex of {@code bytes}. */
  static String sha256(final byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
