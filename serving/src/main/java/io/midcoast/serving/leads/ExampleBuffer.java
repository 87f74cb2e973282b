package io.midcoast.serving.leads;

import io.midcoast.ml.lead.FeatureVector;
import io.midcoast.ml.lead.LeadExample;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.schemas.LeadTrainingExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest version of every labelled training example of {@code leads.example} (a compacted
 * topic: the same key comes unlabelled first, then labelled, and may be re-labelled), with the
 * number of labelled examples that arrived or changed label since the last training. Unlabelled
 * examples are not kept: only their key's removal matters (a label withdrawn). At most {@code
 * capacity} examples are kept, the latest by event time. Not thread-safe: one loop owns it.
 */
final class ExampleBuffer {

  private static final Comparator<LeadExample> NEWEST_FIRST =
      Comparator.comparing(LeadExample::asOf)
          .thenComparing(LeadExample::leadId)
          .thenComparing(LeadExample::eventId)
          .reversed();

  private final String featureSchema;
  private final int capacity;
  private final Map<String, LeadExample> labelled = new HashMap<>();
  private int newSinceTraining;
  private long incompatible;
  private Instant clock;

  /**
   * @param featureSchema the feature-layout identity examples must carry (others are skipped)
   * @param capacity examples kept at most
   */
  ExampleBuffer(final String featureSchema, final int capacity) {
    this.featureSchema = Objects.requireNonNull(featureSchema, "featureSchema");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /**
   * Applies one record of {@code leads.example}.
   *
   * @param key the record key {@code "<leadId>:<eventId>"}
   * @param value the example, or null (tombstone)
   * @return whether it counts as a new labelled example (first labelled version, or a changed
   *     label)
   */
  boolean apply(final String key, final LeadTrainingExample value) {
    if (value != null
        && value.getLabel() != null
        && value.getLabelledAt() != null
        && (clock == null || value.getLabelledAt().isAfter(clock))) {
      clock = value.getLabelledAt();
    }
    if (value == null || value.getLabel() == null) {
      labelled.remove(key);
      return false;
    }
    if (!featureSchema.equals(value.getFeatureSchema())
        || value.getFeatures().size() != LeadFeatures.size()) {
      incompatible++;
      labelled.remove(key);
      return false;
    }
    final double[] values = new double[value.getFeatures().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.getFeatures().get(i);
    }
    final LeadExample example =
        new LeadExample(
            value.getLeadId(),
            value.getEventId(),
            value.getAsOf(),
            new FeatureVector(LeadFeatures.NAMES, values),
            value.getLabel());
    final LeadExample previous = labelled.put(key, example);
    if (labelled.size() > capacity + Math.max(16, capacity / 10)) {
      trim();
    }
    if (previous == null || !previous.label().equals(example.label())) {
      newSinceTraining++;
      return true;
    }
    return false;
  }

  /**
   * The label clock of the examples: the latest {@code labelledAt} of any labelled example seen
   * (the lead stage's label clock when it decided a label: how far every source of lead events had
   * been read); empty before the first one. Not the latest {@code asOf}: a fast source puts
   * examples weeks ahead of a slow one, and a cut made from them would take examples whose
   * conversions are decided (at once) but whose non-conversions are still pending, enriching the
   * newest training slices with positives.
   */
  Optional<Instant> clock() {
    return Optional.ofNullable(clock);
  }

  /** Labelled examples held. */
  int labelled() {
    return labelled.size();
  }

  /** Labelled examples that arrived or changed label since {@link #trained()}. */
  int newSinceTraining() {
    return newSinceTraining;
  }

  /** Examples skipped because their feature layout is not this build's. */
  long incompatible() {
    return incompatible;
  }

  /** A copy of the labelled examples (the trainer orders them by time). */
  List<LeadExample> examples() {
    if (labelled.size() > capacity) {
      trim();
    }
    return new ArrayList<>(labelled.values());
  }

  /** Resets the count of new examples: a model was trained on everything held. */
  void trained() {
    newSinceTraining = 0;
  }

  private void trim() {
    final List<Map.Entry<String, LeadExample>> entries = new ArrayList<>(labelled.entrySet());
    entries.sort(Map.Entry.comparingByValue(NEWEST_FIRST));
    for (final Map.Entry<String, LeadExample> old : entries.subList(capacity, entries.size())) {
      labelled.remove(old.getKey());
    }
  }
}
