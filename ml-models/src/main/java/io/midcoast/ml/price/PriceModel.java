package io.midcoast.ml.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.midcoast.ml.tree.TreeContributions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.regression.Regressor;

/**
 * A trained price model ready to score: the Tribuo model, the feature definition and target
 * transform it was trained with, and its 80% interval (log-residual quantiles from a calibration
 * split). Loaded from a model file plus its summary JSON as written by {@link TrainPriceModel}.
 * Thread-safe.
 */
public final class PriceModel {

  /** Version of the model shipped in this jar. */
  public static final String BUNDLED_VERSION = "1.0.0";

  /** Identity of the price model family. */
  public static final String MODEL_ID = "midcoast-price";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * One estimate.
   *
   * @param price estimated price in dollars
   * @param low lower bound of the 80% interval in dollars
   * @param high upper bound of the 80% interval in dollars
   */
  public record Estimate(double price, double low, double high) {

    /** Estimated price in whole cents. */
    public long priceCents() {
      return Math.round(price * 100);
    }

    /** Lower bound in whole cents. */
    public long lowCents() {
      return Math.round(low * 100);
    }

    /** Upper bound in whole cents. */
    public long highCents() {
      return Math.round(high * 100);
    }
  }

  private final Model<Regressor> model;
  private final PriceFeatures features;
  private final TargetTransform target;
  private final double lowLogResidual;
  private final double highLogResidual;
  private final String version;
  private volatile TreeContributions treeContributions;

  /**
   * A model with its scoring metadata.
   *
   * @param model the Tribuo regressor
   * @param featureSet features it was trained on
   * @param target target transform it was trained with
   * @param lowLogResidual 10th percentile of {@code ln(actual / estimate)} on the calibration split
   * @param highLogResidual 90th percentile of the same
   * @param version model version
   */
  public PriceModel(
      final Model<Regressor> model,
      final FeatureSet featureSet,
      final TargetTransform target,
      final double lowLogResidual,
      final double highLogResidual,
      final String version) {
    this.model = Objects.requireNonNull(model, "model");
    if (model instanceof XGBoostModel<Regressor> xgboost) {
      // one native thread per call: the stream thread is the unit of parallelism, and OpenMP's
      // default (all cores) costs ~5x per single estimate on a shared 2-core machine
      xgboost.setNumThreads(1);
    }
    this.features = new PriceFeatures(featureSet);
    this.target = Objects.requireNonNull(target, "target");
    this.lowLogResidual = lowLogResidual;
    this.highLogResidual = highLogResidual;
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The model shipped in this jar ({@code /models/price-model-<BUNDLED_VERSION>.*}). */
  public static PriceModel loadBundled() {
    final String base = "/models/price-model-" + BUNDLED_VERSION;
    try (InputStream modelIn = PriceModel.class.getResourceAsStream(base + ".tribuo");
        InputStream summaryIn = PriceModel.class.getResourceAsStream(base + ".json")) {
      if (modelIn == null || summaryIn == null) {
        throw new IllegalStateException("missing bundled model " + base);
      }
      return of(Model.deserializeFromStream(modelIn), JSON.readTree(summaryIn));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot load bundled model " + base, e);
    }
  }

  /** Loads a model file and its summary JSON. */
  public static PriceModel load(final Path modelFile, final Path summaryFile) throws IOException {
    return of(Model.deserializeFromFile(modelFile), JSON.readTree(summaryFile.toFile()));
  }

  private static PriceModel of(final Model<?> raw, final JsonNode summary) {
    if (!raw.validate(Regressor.class)) {
      throw new IllegalStateException("not a regression model: " + raw.getClass().getName());
    }
    @SuppressWarnings("unchecked")
    final Model<Regressor> model = (Model<Regressor>) raw;
    final JsonNode config = summary.path("config");
    final JsonNode interval = summary.path("interval");
    return new PriceModel(
        model,
        FeatureSet.valueOf(config.path("featureSet").asText()),
        TargetTransform.valueOf(config.path("target").asText()),
        interval.path("lowLogResidual").asDouble(Double.NaN),
        interval.path("highLogResidual").asDouble(Double.NaN),
        summary.path("version").asText());
  }

  /** Reads only the summary of a model file pair (for tools and tests). */
  static JsonNode readSummary(final Path summaryFile) throws IOException {
    return JSON.readTree(Files.readAllBytes(summaryFile));
  }

  /** The model version. */
  public String version() {
    return version;
  }

  /** The feature definition this model reads. */
  public PriceFeatures features() {
    return features;
  }

  /** The underlying Tribuo model (with its provenance). */
  public Model<Regressor> tribuoModel() {
    return model;
  }

  /**
   * The estimated price in dollars, or NaN when the input lacks what the target needs (e.g. a
   * regional median for {@link TargetTransform#LOG_RATIO}).
   */
  public double predictPrice(final PriceInput input) {
    final double baselineCheck = target.price(0.0, input);
    if (Double.isNaN(baselineCheck)) {
      return Double.NaN;
    }
    final double output = model.predict(features.example(input)).getOutput().getValues()[0];
    return target.price(output, input);
  }

  /**
   * Estimated prices in dollars of many inputs in one call (one native call for XGBoost models,
   * much cheaper per estimate than {@link #predictPrice} one by one); NaN where an input cannot be
   * scored.
   */
  public double[] predictPrices(final List<PriceInput> inputs) {
    final double[] prices = new double[inputs.size()];
    final List<Example<Regressor>> examples = new ArrayList<>(inputs.size());
    final List<Integer> positions = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      prices[i] = Double.NaN;
      if (!Double.isNaN(target.price(0.0, inputs.get(i)))) {
        examples.add(features.example(inputs.get(i)));
        positions.add(i);
      }
    }
    if (!examples.isEmpty()) {
      final List<Prediction<Regressor>> predictions = model.predict(examples);
      for (int j = 0; j < predictions.size(); j++) {
        final int i = positions.get(j);
        prices[i] = target.price(predictions.get(j).getOutput().getValues()[0], inputs.get(i));
      }
    }
    return prices;
  }

  /** The estimate with its 80% interval; empty when the input cannot be scored. */
  public Optional<Estimate> estimate(final PriceInput input) {
    final double price = predictPrice(input);
    if (!Double.isFinite(price)) {
      return Optional.empty();
    }
    return Optional.of(withInterval(price));
  }

  /** The interval bounds for an estimated {@code price}: {low, high}. */
  double[] interval(final double price) {
    return new double[] {price * Math.exp(lowLogResidual), price * Math.exp(highLogResidual)};
  }

  /**
   * One input's share of an estimate.
   *
   * @param feature the feature name ({@link PriceFeatures})
   * @param effect the fraction by which it moves the price: {@code exp(c) − 1} for its additive
   *     contribution {@code c} to the model's log-price output (path contributions of the trees,
   *     {@link TreeContributions})
   */
  public record Contribution(String feature, double effect) {}

  /**
   * The estimates of many inputs in one call ({@link #predictPrices}), each with its 80% interval;
   * empty where an input cannot be scored.
   */
  public List<Optional<Estimate>> estimates(final List<PriceInput> inputs) {
    final double[] prices = predictPrices(inputs);
    final List<Optional<Estimate>> out = new ArrayList<>(prices.length);
    for (final double price : prices) {
      out.add(Double.isFinite(price) ? Optional.of(withInterval(price)) : Optional.empty());
    }
    return out;
  }

  /**
   * The {@code top} inputs with the largest absolute effect on the estimate of {@code input},
   * largest first; empty when the model gives no per-feature explanation.
   */
  public List<Contribution> explain(final PriceInput input, final int top) {
    if (!(model instanceof XGBoostModel<Regressor>)) {
      return List.of();
    }
    final ImmutableFeatureMap featureMap = model.getFeatureIDMap();
    final List<Feature> present = new ArrayList<>();
    for (final Feature feature : features.features(input)) {
      if (featureMap.getID(feature.getName()) >= 0) {
        present.add(feature);
      }
    }
    present.sort(Comparator.comparingInt(f -> featureMap.getID(f.getName())));
    final int[] columns = new int[present.size()];
    final float[] values = new float[present.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = featureMap.getID(present.get(i).getName());
      values[i] = (float) present.get(i).getValue();
    }
    final double[] contributions =
        contributions().contributions(columns, values, featureMap.size());
    final List<Contribution> all = new ArrayList<>();
    for (int id = 0; id < featureMap.size(); id++) {
      if (contributions[id] != 0.0) {
        all.add(new Contribution(featureMap.get(id).getName(), Math.expm1(contributions[id])));
      }
    }
    all.sort(
        Comparator.comparingDouble((Contribution c) -> -Math.abs(c.effect()))
            .thenComparing(Contribution::feature));
    return List.copyOf(all.subList(0, Math.min(top, all.size())));
  }

  private TreeContributions contributions() {
    TreeContributions trees = treeContributions;
    if (trees == null) {
      trees = TreeContributions.of(((XGBoostModel<Regressor>) model).getInnerModels().get(0));
      treeContributions = trees;
    }
    return trees;
  }

  private Estimate withInterval(final double price) {
    final double low = Double.isNaN(lowLogResidual) ? price : price * Math.exp(lowLogResidual);
    final double high = Double.isNaN(highLogResidual) ? price : price * Math.exp(highLogResidual);
    return new Estimate(price, low, high);
  }
}
