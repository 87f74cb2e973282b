package io.midcoast.serving.leads;

import io.midcoast.ml.lead.LeadLabels;
import io.midcoast.ml.lead.LeadModelArtifact;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.LeadModelContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code ml.model} says about the models of one model id, and the requests that change it
 * (sent to {@code ml.model.request}; the topology's model-stage authority applies them or rejects
 * them when they were decided on a view that is stale by then): the next version for the trainer, a
 * new model, a promotion. Pure: built from the topic's latest record per key.
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

  /**
   * How long a challenger has, once the outcomes after its data are final, to beat the champion and
   * the rules before the trainer replaces it with a newer model: 30 days of event time.
   */
  public static final Duration JUDGING = Duration.ofDays(30);

  /**
   * Until when (event time, the label clock) the challenger of {@code modelId} keeps its seat: the
   * evaluation judges it on final outcomes of examples after its data end, which are final 90 days
   * ({@link LeadLabels#HORIZON}) and the grace ({@link LeadModelContract#LABEL_GRACE}) later, and
   * then has {@link #JUDGING} to gather enough of them. A challenger replaced sooner is never
   * judged (bench run 5: three in a row). Empty without a challenger, or when its metadata is
   * unreadable.
   */
  public Optional<Instant> challengerSeatedUntil(final String modelId) {
    return challenger(modelId)
        .flatMap(
            c -> {
              try {
                return Optional.of(
                    LeadModelArtifact.metadataOf(c.getMetadataJson())
                        .dataEnd()
                        .plus(LeadLabels.HORIZON)
                        .plus(LeadModelContract.LABEL_GRACE)
                        .plus(JUDGING));
              } catch (final IllegalArgumentException | java.time.DateTimeException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * The request that publishes {@code model} (a new version) through the model-stage authority: the
   * model as a CHALLENGER. The authority publishes it as the challenger (of the champion, or of the
   * rules before the first promotion) and retires the challenger it supersedes; a version published
   * meanwhile by another trainer makes it reject the request.
   */
  public List<ModelRecord> publication(final ModelRecord model, final Instant now) {
    return List.of(
        ModelRecord.newBuilder(model)
            .setStage(ModelStage.CHALLENGER)
            .setStageReason("published by the trainer at " + now)
            .setExpectedChampion(null)
            .build());
  }

  /**
   * The request of an operator's promotion of {@code modelId:version}: that version as CHAMPION;
   * the authority retires the champion of the moment.
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
    return List.of(
        ModelRecord.newBuilder(model)
            .setStage(ModelStage.CHAMPION)
            .setStageReason(reason + " at " + now)
            .setExpectedChampion(null)
            .build());
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
