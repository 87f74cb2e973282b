package io.midcoast.topology.leads;

import io.midcoast.ml.lead.LeadModelArtifact;
import io.midcoast.ml.lead.LeadScorer;
import io.midcoast.ml.lead.RuleBasedLeadScorer;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.LeadModelContract;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded lead models of one application instance: written by the global {@code ml.model}
 * processor, read by every stream thread. The champion is the {@code CHAMPION} record of {@link
 * LeadModelContract#MODEL_ID} with the latest {@code createdAt} (ties: the greater version), the
 * challenger likewise among {@code CHALLENGER} records; the choice depends only on the records, not
 * on their arrival order. Without a champion, {@link #champion()} is the {@link
 * RuleBasedLeadScorer} fallback. Thread-safe: readers see an immutable snapshot.
 */
public final class ModelRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private static final LeadScorer FALLBACK = new RuleBasedLeadScorer();

  /**
   * A loaded model.
   *
   * @param record its {@code ml.model} record
   * @param artifact the artifact rebuilt from the record
   */
  public record Loaded(ModelRecord record, LeadModelArtifact artifact) {

    /** The model version. */
    public String version() {
      return record.getVersion();
    }

    /** Latest example time the model was trained or evaluated on (its data ends there). */
    public Instant dataEnd() {
      return artifact.metadata().dataEnd();
    }
  }

  /**
   * What the stream threads read.
   *
   * @param champion the champion, or null (fallback)
   * @param challenger the challenger, or null
   */
  private record Snapshot(Loaded champion, Loaded challenger) {}

  private static final Comparator<Loaded> NEWEST =
      Comparator.comparing((Loaded l) -> l.record().getCreatedAt())
          .thenComparing(l -> l.record().getVersion());

  private final Map<String, Loaded> byKey = new HashMap<>();
  private volatile Snapshot snapshot = new Snapshot(null, null);

  /** An empty registry: the fallback scores. */
  public ModelRegistry() {}

  /**
   * Applies one {@code ml.model} record.
   *
   * @param key the record key {@code "<modelId>:<version>"}
   * @param record the record, or null (tombstone)
   * @return false when the record is a lead model whose artifact cannot be read (skipped)
   */
  public synchronized boolean apply(final String key, final ModelRecord record) {
    if (record == null || !LeadModelContract.MODEL_ID.equals(record.getModelId())) {
      byKey.remove(key);
      refresh();
      return true;
    }
    final Loaded previous = byKey.get(key);
    final byte[] payload = bytes(record.getPayload());
    try {
      final LeadModelArtifact artifact =
          previous != null
                  && previous.record().getMetadataJson().equals(record.getMetadataJson())
                  && previous.record().getPayload().equals(record.getPayload())
              ? previous.artifact()
              : LeadModelArtifact.fromParts(record.getMetadataJson(), payload);
      byKey.put(key, new Loaded(record, artifact));
      refresh();
      return true;
    } catch (final IllegalArgumentException e) {
      LOG.error("lead model {} is unreadable and is skipped: {}", key, e.getMessage());
      byKey.remove(key);
      refresh();
      return false;
    }
  }

  /** The scorer of the champion, or the rule-based fallback. */
  public LeadScorer champion() {
    final Loaded c = snapshot.champion();
    return c == null ? FALLBACK : c.artifact().scorer();
  }

  /** The champion model, when one is loaded. */
  public Optional<Loaded> championModel() {
    return Optional.ofNullable(snapshot.champion());
  }

  /** The challenger model, when one is loaded. */
  public Optional<Loaded> challenger() {
    return Optional.ofNullable(snapshot.challenger());
  }

  private void refresh() {
    snapshot = new Snapshot(newest(ModelStage.CHAMPION), newest(ModelStage.CHALLENGER));
  }

  private Loaded newest(final ModelStage stage) {
    return byKey.values().stream()
        .filter(l -> l.record().getStage() == stage)
        .max(NEWEST)
        .orElse(null);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer b = buffer.duplicate();
    final byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
