package io.midcoast.ml.price;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.VariableInfo;

/**
 * The training command: reads closed sales, trains the price model on sales before the holdout
 * year, evaluates it on the holdout year and writes {@code price-model-<version>.tribuo} (Tribuo
 * protobuf model, with its provenance) and {@code price-model-<version>.json} (evaluation and
 * provenance summary) to the output directory.
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.price.TrainPriceModel [--data ames.csv|sales.jsonl] [--out DIR]
 *   [--version 1.0.0] [--algorithm XGBOOST|RANDOM_FOREST|EXTRA_TREES|CART|LINEAR]
 *   [--features FEED|EXTENDED] [--target LOG_RATIO|LOG_PRICE] [--trees N] [--depth N]
 *   [--min-child W] [--feature-fraction F] [--eta E] [--subsample S] [--seed N]
 *   [--max-train-area SQFT] [--calibration F] [--holdout-year 2010]
 * </pre>
 *
 * A path ending in {@code .csv} is read as the Ames CSV, anything else as RESO JSON lines. Defaults
 * are {@link TrainingConfig#defaults()}; the data defaults to {@value #DEFAULT_DATA} (run from the
 * repository root). See ml-models/train-price-model.sh and docs/price-model.md.
 */
public final class TrainPriceModel {

  /** Name of the regression target in Tribuo examples. */
  public static final String TARGET_NAME = "price";

  /** Default data file: the project's Ames copy, relative to the repository root. */
  public static final String DEFAULT_DATA = "deploy/embedded/src/main/resources/data/ames.csv";

  private static final Logger LOG = LoggerFactory.getLogger(TrainPriceModel.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private TrainPriceModel() {}

  /** Runs the command; see the class documentation for the arguments. */
  public static void main(final String[] args) throws IOException {
    final Map<String, String> options = options(args);
    final Path data = dataPath(options.get("data"));
    final Path out = Path.of(options.getOrDefault("out", "ml-models/target/price-model"));
    final String version = options.getOrDefault("version", PriceModel.BUNDLED_VERSION);
    final int holdoutYear =
        Integer.parseInt(
            options.getOrDefault("holdout-year", Integer.toString(AmesReso.HOLDOUT_YEAR)));
    final TrainingConfig config = config(options);
    final PriceTraining.Data sales =
        data.toString().endsWith(".csv")
            ? PriceTraining.loadAmes(data)
            : PriceTraining.loadJsonLines(data);
    final PriceTraining.Result result = PriceTraining.train(sales, config, holdoutYear);
    write(out, version, sales, result, holdoutYear);
  }

  /** Writes the model file and its summary; returns the model file. */
  public static Path write(
      final Path out,
      final String version,
      final PriceTraining.Data data,
      final PriceTraining.Result result,
      final int holdoutYear)
      throws IOException {
    Files.createDirectories(out);
    final Path modelFile = out.resolve("price-model-" + version + ".tribuo");
    final Path summaryFile = out.resolve("price-model-" + version + ".json");
    result.model().serializeToFile(modelFile);
    JSON.writeValue(summaryFile.toFile(), summary(version, data, result, holdoutYear, modelFile));
    LOG.info(
        "wrote {} ({} bytes) and {}", modelFile, Files.size(modelFile), summaryFile.getFileName());
    return modelFile;
  }

  static ObjectNode summary(
      final String version,
      final PriceTraining.Data data,
      final PriceTraining.Result result,
      final int holdoutYear,
      final Path modelFile) {
    final ObjectNode root = JSON.createObjectNode();
    root.put("modelId", PriceModel.MODEL_ID);
    root.put("version", version);
    root.put("modelFile", modelFile.getFileName().toString());
    root.put("format", "Tribuo " + org.tribuo.Tribuo.VERSION + " protobuf (Model.serializeToFile)");
    final ObjectNode dataNode = root.putObject("data");
    dataNode.put("source", data.source());
    dataNode.put("sha256", data.sha256());
    dataNode.put("closedSales", data.sales().size());
    dataNode.put("trainingRule", "close year < " + holdoutYear);
    dataNode.put("holdoutRule", "close year = " + holdoutYear + " (never trained on)");
    dataNode.put("trainingExamples", result.trainCount());
    dataNode.put(
        "regionalMedian",
        "median $/sqft of the subdivision's sales in [date-"
            + RegionalPriceIndex.WINDOW_MONTHS
            + " months, date), min "
            + RegionalPriceIndex.MIN_SALES
            + " sales; else the city's in the same window; else the city's before the date");
    final ObjectNode configNode = root.putObject("config");
    result.config().asMap().forEach((k, v) -> configNode.putPOJO(k, v));
    root.put("trainer", result.model().getProvenance().getTrainerProvenance().toString());
    final ArrayNode featureList = root.putArray("features");
    final TreeSet<String> names = new TreeSet<>();
    for (final VariableInfo info : result.model().getFeatureIDMap()) {
      names.add(info.getName());
    }
    names.forEach(featureList::add);
    final Evaluation holdout = result.holdout();
    if (holdout != null) {
      final ObjectNode eval = root.putObject("holdout");
      eval.put("sales", holdout.count());
      eval.put("mdape", round(holdout.mdape()));
      eval.put("within5", round(holdout.within5()));
      eval.put("within10", round(holdout.within10()));
      eval.put("within20", round(holdout.within20()));
      eval.put("rmse", Math.round(holdout.rmse()));
      eval.put("intervalCoverage80", round(holdout.intervalCoverage()));
    }
    final ObjectNode interval = root.putObject("interval");
    interval.put(
        "method",
        "10th/90th percentiles of ln(actual/estimate) on the latest "
            + result.config().calibrationFraction()
            + " of training sales (by close date), scored by a model fit on the earlier ones");
    interval.put("calibrationSales", result.calibrationCount());
    interval.put("lowLogResidual", result.lowLogResidual());
    interval.put("highLogResidual", result.highLogResidual());
    final ArrayNode refs = root.putArray("references");
    for (final PriceTraining.Reference reference : result.references()) {
      refs.addObject().put("sourceKey", reference.sourceKey()).put("price", reference.price());
    }
    return root;
  }

  private static double round(final double value) {
    return Double.isNaN(value) ? value : Math.round(value * 10_000) / 10_000.0;
  }

  static TrainingConfig config(final Map<String, String> o) {
    final TrainingConfig d = TrainingConfig.defaults();
    return new TrainingConfig(
        FeatureSet.valueOf(
            o.getOrDefault("features", d.featureSet().name()).toUpperCase(Locale.ROOT)),
        TargetTransform.valueOf(
            o.getOrDefault("target", d.target().name()).toUpperCase(Locale.ROOT)),
        TrainingConfig.Algorithm.valueOf(
            o.getOrDefault("algorithm", d.algorithm().name()).toUpperCase(Locale.ROOT)),
        Integer.parseInt(o.getOrDefault("trees", Integer.toString(d.trees()))),
        Integer.parseInt(o.getOrDefault("depth", Integer.toString(d.maxDepth()))),
        Float.parseFloat(o.getOrDefault("min-child", Float.toString(d.minChildWeight()))),
        Float.parseFloat(o.getOrDefault("feature-fraction", Float.toString(d.featureFraction()))),
        Double.parseDouble(o.getOrDefault("eta", Double.toString(d.eta()))),
        Double.parseDouble(o.getOrDefault("subsample", Double.toString(d.subsample()))),
        Long.parseLong(o.getOrDefault("seed", Long.toString(d.seed()))),
        Integer.parseInt(
            o.getOrDefault("max-train-area", Integer.toString(d.maxTrainLivingArea()))),
        Double.parseDouble(
            o.getOrDefault("calibration", Double.toString(d.calibrationFraction()))));
  }

  private static Path dataPath(final String given) {
    if (given != null) {
      return Path.of(given);
    }
    return Path.of(DEFAULT_DATA);
  }

  static Map<String, String> options(final String[] args) {
    final Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
