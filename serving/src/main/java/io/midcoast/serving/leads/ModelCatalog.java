package io.midcoast.serving.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code ml.model} says about the models of one model id, and the records that change it: the
 * next version for the trainer, the stage of a new model (champion when there is none, else
 * challenger), and the records of a promotion. Pure: built from the topic's latest record per key.
 *
 * <p>Versions are decimal integers ("1", "2", …), one more than the greatest numeric version of the
 * model id ever published (retired ones included), so a version is never reused.
 */
public final class ModelCatalog {

  private static final Comparator<ModelRecord> NEWEST =
      Comparator.comparing(ModelRecord::getCreatedAt)
          .thenComparingLong(r -> numericVersion(r.getVersion()))
          .thenComparing(ModelRecord::getVersion);

  private final Map<String, ModelRecord> byKey;

  private ModelCatalog(final Map<String, ModelRecord> byKey) {
    this.byKey = byKey;
  }

  /** A catalog of {@code records}: the latest value of each {@code ml.model} key. */
  public static ModelCatalog of(final Iterable<ModelRecord> records) {
    final Map<String, ModelRecord> byKey = new TreeMap<>();
    for (final ModelRecord r : records) {
      byKey.put(key(r.getModelId(), r.getVersion()), r);
    }
    return new ModelCatalog(byKey);
  }

  /** The record key of a model on {@code ml.model}: {@code "<modelId>:<version>"}. */
  public static String key(final String modelId, final String version) {
    return modelId + ":" + version;
  }

  /** Every record, in key order. */
  public List<ModelRecord> all() {
    return List.copyOf(byKey.values());
  }

  /** The record of one version. */
  public Optional<ModelRecord> find(final String modelId, final String version) {
    return Optional.ofNullable(byKey.get(key(modelId, version)));
  }

  /** The version the next trained model of {@code modelId} gets. */
  public String nextVersion(final String modelId) {
    long max = 0;
    for (final ModelRecord r : byKey.values()) {
      if (r.getModelId().equals(modelId)) {
        max = Math.max(max, numericVersion(r.getVersion()));
      }
    }
    return Long.toString(max + 1);
  }

  /** The champion of {@code modelId} (the newest CHAMPION record, as the topology chooses it). */
  public Optional<ModelRecord> champion(final String modelId) {
    return newest(modelId, ModelStage.CHAMPION);
  }

  /** The challenger of {@code modelId} (the newest CHALLENGER record). */
  public Optional<ModelRecord> challenger(final String modelId) {
    return newest(modelId, ModelStage.CHALLENGER);
  }

  /** The stage a newly trained model of {@code modelId} is published with. */
  public ModelStage stageForNewModel(final String modelId) {
    return champion(modelId).isPresent() ? ModelStage.CHALLENGER : ModelStage.CHAMPION;
  }

  /**
   * The records that publish {@code model} (a new version): the model itself with {@link
   * #stageForNewModel}, and, when it is a challenger, every older challenger of its id retired
   * (superseded: one challenger shadows at a time).
   */
  public List<ModelRecord> publication(final ModelRecord model, final Instant now) {
    final ModelStage stage = stageForNewModel(model.getModelId());
    final List<ModelRecord> out = new ArrayList<>();
    out.add(
        ModelRecord.newBuilder(model)
            .setStage(stage)
            .setStageReason(
                stage == ModelStage.CHAMPION
                    ? "published by the trainer: no champion yet"
                    : "published by the trainer: shadows champion "
                        + champion(model.getModelId()).map(ModelRecord::getVersion).orElseThrow())
            .build());
    if (stage == ModelStage.CHALLENGER) {
      for (final ModelRecord r : byKey.values()) {
        if (r.getModelId().equals(model.getModelId()) && r.getStage() == ModelStage.CHALLENGER) {
          out.add(
              ModelRecord.newBuilder(r)
                  .setStage(ModelStage.RETIRED)
                  .setStageReason("superseded by challenger " + model.getVersion() + " at " + now)
                  .build());
        }
      }
    }
    return out;
  }

  /**
   * The records of an operator's promotion of {@code modelId:version}: that version as CHAMPION and
   * every other CHAMPION of the id RETIRED.
   *
   * @throws UnknownModelException when the version is not in the catalog
   * @throws AlreadyChampionException when it is the champion already
   */
  public List<ModelRecord> promotion(
      final String modelId, final String version, final String reason, final Instant now) {
    final ModelRecord model =
        find(modelId, version).orElseThrow(() -> new UnknownModelException(modelId, version));
    if (model.getStage() == ModelStage.CHAMPION) {
      throw new AlreadyChampionException(modelId, version);
    }
    final List<ModelRecord> out = new ArrayList<>();
    out.add(
        ModelRecord.newBuilder(model)
            .setStage(ModelStage.CHAMPION)
            .setStageReason(reason + " at " + now)
            .build());
    for (final ModelRecord r : byKey.values()) {
      if (r.getModelId().equals(modelId) && r.getStage() == ModelStage.CHAMPION) {
        out.add(
            ModelRecord.newBuilder(r)
                .setStage(ModelStage.RETIRED)
                .setStageReason("replaced by " + version + " (" + reason + ") at " + now)
                .build());
      }
    }
    return out;
  }

  private Optional<ModelRecord> newest(final String modelId, final ModelStage stage) {
    return byKey.values().stream()
        .filter(r -> r.getModelId().equals(modelId) && r.getStage() == stage)
        .max(NEWEST);
  }

  /** A decimal version's value; 0 for anything else (never greater than a trainer version). */
  static long numericVersion(final String version) {
    Objects.requireNonNull(version, "version");
    if (version.isEmpty()
        || version.length() > 18
        || !version.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    return Long.parseLong(version);
  }

  /** The model version to promote does not exist. */
  public static final class UnknownModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownModelException(final String modelId, final String version) {
      super("no model " + key(modelId, version) + " on ml.model");
    }
  }

  /** The model version to promote is the champion already. */
  public static final class AlreadyChampionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyChampionException(final String modelId, final String version) {
      super("model " + key(modelId, version) + " is the champion already");
    }
  }
}
