package io.midcoast.topology.leads;

import io.midcoast.ml.lead.FeatureBins;
import io.midcoast.ml.lead.FeatureVector;
import io.midcoast.ml.lead.LeadCheckpoints;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadFeatures;
import io.midcoast.ml.lead.LeadLabels;
import io.midcoast.ml.lead.LeadScore;
import io.midcoast.ml.lead.LeadScorer;
import io.midcoast.ml.lead.LeadSnapshot;
import io.midcoast.ml.lead.PopulationStability;
import io.midcoast.ml.lead.RuleBasedLeadScorer;
import io.midcoast.schemas.LeadAlert;
import io.midcoast.schemas.LeadAlertKind;
import io.midcoast.schemas.LeadFactor;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.LeadTrainingExample;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.monitor.LeadMonitor;
import io.midcoast.topology.monitor.StageCounters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lead stage, keyed and partitioned by leadId: dedupe, fold into the {@link LeadState}, publish
 * the profile, the training example (pending until labelled by event time), the score (champion,
 * challenger in shadow) when it moved, alerts, evaluation contributions, and drift. Labels follow
 * the label clock of {@link SourceProgress} (how far every source partition has been read in event
 * time; the parse stage stamps records with occurredAt), and expiry of pending examples runs on a
 * stream-time punctuator up to that clock.
 */
final class LeadProcessor implements Processor<String, byte[], String, LeadOutput> {

  /** Counter stage. */
  static final String STAGE = "leads";

  private static final StringSerializer KEYS = new StringSerializer();

  /** The rule-based scorer every challenger must also beat. */
  private static final RuleBasedLeadScorer RULES = new RuleBasedLeadScorer();

  /** Store names of the stage. */
  record Stores(String state, String scores, String pending, String expiry, String prices) {}

  private final StageCounters counters;
  private final LeadMonitor monitor;
  private final ModelRegistry registry;
  private final Stores names;

  private ProcessorContext<String, LeadOutput> context;
  private KeyValueStore<String, LeadState> states;
  private KeyValueStore<String, LeadScoreUpdate> scores;
  private KeyValueStore<String, LeadTrainingExample> pending;
  private KeyValueStore<String, String> expiry;
  private KeyValueStore<String, Long> prices;
  private SourceProgress sources;
  private long expiredUpTo = Long.MIN_VALUE / 2;

  /**
   * The task's most recently used lead states, decoded: a lead's events come in bursts, and
   * decoding its state from the store on every event took a fifth of the stream thread. The store
   * is written on every change, so this is only a read cache; emptied when the task is
   * (re-)initialized after its state was restored.
   */
  private final Map<String, LeadState> recent =
      new LinkedHashMap<>(LeadRules.STATE_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, LeadState> eldest) {
          return size() > LeadRules.STATE_CACHE;
        }
      };

  private final ArrayDeque<FeatureVector> window = new ArrayDeque<>();
  private final Set<String> drifting = new HashSet<>();
  private long sinceDrift;
  private String driftModel;

  LeadProcessor(
      final StageCounters counters,
      final LeadMonitor monitor,
      final ModelRegistry registry,
      final Stores names) {
    this.counters = counters;
    this.monitor = monitor;
    this.registry = registry;
    this.names = names;
  }

  @Override
  public void init(final ProcessorContext<String, LeadOutput> context) {
    this.context = context;
    states = context.getStateStore(names.state());
    scores = context.getStateStore(names.scores());
    pending = context.getStateStore(names.pending());
    expiry = context.getStateStore(names.expiry());
    prices = context.getStateStore(names.prices());
    sources = new SourceProgress(expiry, context::currentSystemTimeMs);
    recent.clear();
    context.schedule(LeadRules.EXPIRY_SCAN, PunctuationType.STREAM_TIME, this::expire);
  }

  @Override
  public void process(final Record<String, byte[]> record) {
    counters.recordIn(STAGE);
    sources.observe(record.headers());
    final LeadEvent event;
    try {
      event = LeadEvent.fromJson(new String(record.value(), StandardCharsets.UTF_8));
    } catch (final IllegalArgumentException e) {
      counters.dropped(STAGE, "UNPARSEABLE"); // the parse stage let it through: cannot happen
      return;
    }
    final String leadId = event.leadId();
    final Instant watermark = watermark(event.occurredAt());
    // the punctuator runs as stream time moves, before this record's progress is observed: the
    // clock this record moved is applied here, before the event, so that the checkpoints it
    // passed before the event's time are scored (from the state without it) ahead of the event
    if (watermark.toEpochMilli() >= expiredUpTo + LeadRules.EXPIRY_SCAN.toMillis()) {
      expire(context.currentStreamTimeMs());
    }
    final LeadState prior = state(leadId);
    if (LeadStates.seen(prior, event.eventId())) {
      counters.dropped(STAGE, "DUPLICATE");
      return;
    }
    final Long price =
        event.type() == LeadEventType.LISTING_VIEWED && event.listingKey() != null
            ? prices.get(event.listingKey())
            : null;
    LeadState next = LeadStates.fold(prior, event, price);
    final LeadProfile before = prior == null ? null : prior.getProfile();
    final LeadProfile profile = next.getProfile();
    final Instant at = event.occurredAt();

    if (LeadStates.profileChanged(before, profile)) {
      emit(leadId, LeadOutput.Kind.PROFILE, profile, at);
    }
    alertsOf(event, before, profile);

    final LeadSnapshot snapshot = LeadStates.snapshot(leadId, next);
    final List<LeadLabels.StatusChange> history = LeadStates.history(next);
    final FeatureVector asOfEvent = LeadFeatures.vector(snapshot, at);
    example(leadId, event.eventId(), at, asOfEvent, history, watermark);
    if (event.status() != null) {
      relabel(leadId, snapshot, history, watermark, event.eventId());
    }

    final Instant latest = profile.getUpdatedAt();
    final Instant latestBefore = before == null ? null : before.getUpdatedAt();
    final Instant createdAt = profile.getCreatedAt();
    final boolean created =
        createdAt != null && (before == null || !createdAt.equals(before.getCreatedAt()));
    if (created) {
      schedule(leadId, createdAt, watermark);
    }
    final boolean late = latestBefore != null && at.isBefore(latestBefore);
    final FeatureVector current = late ? LeadFeatures.vector(snapshot, latest) : asOfEvent;
    next = rescore(leadId, event, prior, next, snapshot, latest, current, late, created, watermark);
    putState(leadId, next);
    drift(current, watermark);
    counters.recordOut(STAGE);
  }

  /**
   * Scores the lead after an event, in event-time order, the last score always that as of the
   * lead's latest scored time (its latest event, or a later checkpoint already passed): the {@code
   * lead_score} table and {@link #scores} keep the last one published.
   *
   * <ul>
   *   <li>An event at or after the lead's latest is scored as of its time.
   *   <li>A late event (earlier than the lead's latest) may have changed the features as of the
   *       lead's later event times: every event time from the late event's to the latest, within
   *       the lateness bound ({@link LeadSnapshot#LATENESS} before the latest) and at most {@link
   *       LeadRules#MAX_RESCORED} of them (the latest ones), whose vector differs from the one
   *       before the event is scored again, the late event's own time included and the latest
   *       always; pending examples are revised the same way.
   *   <li>Every {@link LeadCheckpoints checkpoint} of the lead's age the label clock has passed
   *       (those not passed yet wait in the expiry index) from the event's time on — from the
   *       creation on when this event set the creation time — is scored again when the event
   *       changed its vector.
   * </ul>
   *
   * Whatever the arrival order, each time's last published score is then that of all the lead's
   * events up to it.
   */
  private LeadState rescore(
      final String leadId,
      final LeadEvent event,
      final LeadState prior,
      final LeadState state,
      final LeadSnapshot snapshot,
      final Instant latest,
      final FeatureVector current,
      final boolean late,
      final boolean created,
      final Instant watermark) {
    final Instant at = event.occurredAt();
    final Instant bound = latest.minus(LeadSnapshot.LATENESS);
    final Instant from = at.isBefore(bound) ? bound : at;
    // time -> the id the score names (the event's, or the checkpoint's)
    final java.util.TreeMap<Instant, String> times = new java.util.TreeMap<>();
    if (late) {
      reviseExamples(leadId, snapshot, from, event.eventId());
      List<Instant> later = LeadStates.activityTimes(state, from);
      if (later.size() > LeadRules.MAX_RESCORED) {
        later = later.subList(later.size() - LeadRules.MAX_RESCORED, later.size());
      }
      later.forEach(t -> times.put(t, event.eventId()));
    } else {
      times.put(at, event.eventId());
    }
    final Set<Instant> fresh =
        checkpoints(leadId, state, snapshot, from, created, watermark, times);
    final Instant last = times.lastKey();
    final LeadSnapshot before = LeadStates.snapshot(leadId, prior);
    LeadState next = state;
    for (final Map.Entry<Instant, String> time : times.entrySet()) {
      final Instant t = time.getKey();
      final boolean checkpoint = LeadCheckpoints.isCheckpoint(time.getValue());
      final FeatureVector vector = t.equals(latest) ? current : LeadFeatures.vector(snapshot, t);
      final boolean always = t.equals(last) || t.equals(at) || fresh.contains(t);
      if (always || !vector.equals(LeadFeatures.vector(before, t))) {
        next =
            score(
                leadId,
                time.getValue(),
                checkpoint ? null : event,
                next,
                t,
                vector,
                t.equals(last));
      }
    }
    return next;
  }

  /**
   * Adds to {@code times} the lead's checkpoints the label clock has passed that this event
   * concerns: those at or after {@code from}, and those no expiry pass has scored yet — all of them
   * when the event set the creation time; the ones the clock passed since the last pass otherwise
   * (scored here, before the event, their index entries removed). Publishes the examples of the
   * latter and returns their times (always scored).
   */
  private Set<Instant> checkpoints(
      final String leadId,
      final LeadState state,
      final LeadSnapshot snapshot,
      final Instant from,
      final boolean created,
      final Instant watermark,
      final Map<Instant, String> times) {
    final Instant createdAt = state.getProfile().getCreatedAt();
    if (createdAt == null) {
      return Set.of();
    }
    final Set<Instant> fresh = new HashSet<>();
    List<LeadLabels.StatusChange> history = null;
    for (final LeadCheckpoints.Checkpoint c : LeadCheckpoints.of(createdAt)) {
      if (c.at().isAfter(watermark)) {
        break;
      }
      final boolean unscored = created || c.at().toEpochMilli() > expiredUpTo;
      if (unscored || !c.at().isBefore(from)) {
        times.putIfAbsent(c.at(), c.id());
      }
      if (unscored) {
        fresh.add(c.at());
        if (!created) {
          expiry.delete(indexKey(c.at(), 'C', leadId + ":" + c.days()));
        }
        history = history == null ? LeadStates.history(state) : history;
        example(leadId, c.id(), c.at(), LeadFeatures.vector(snapshot, c.at()), history, watermark);
      }
    }
    return fresh;
  }

  /**
   * Indexes the checkpoints of a lead created at {@code createdAt} that the label clock has not
   * passed; {@link #expire} scores each when it does (and skips one whose lead has another creation
   * time by then).
   */
  private void schedule(final String leadId, final Instant createdAt, final Instant watermark) {
    for (final LeadCheckpoints.Checkpoint c : LeadCheckpoints.of(createdAt)) {
      if (c.at().isAfter(watermark)) {
        expiry.put(indexKey(c.at(), 'C', leadId + ":" + c.days()), c.days() + " " + leadId);
      }
    }
  }

  /**
   * A checkpoint the label clock passed: the lead's example and score as of it. When the lead has a
   * later score already (a later event), that one is published again after it, so that the last
   * record of the lead stays its latest score.
   */
  private void checkpoint(
      final String entry, final Instant at, final Instant watermark, final PassCache cache) {
    final int space = entry.indexOf(' ');
    final int days = Integer.parseInt(entry.substring(0, space));
    final String leadId = entry.substring(space + 1);
    final LeadState state = cache.state(leadId);
    if (state == null || state.getProfile().getCreatedAt() == null) {
      return;
    }
    final Optional<LeadCheckpoints.Checkpoint> c =
        LeadCheckpoints.at(state.getProfile().getCreatedAt(), days);
    if (c.isEmpty() || !c.get().at().equals(at)) {
      return; // the lead's creation time changed since it was indexed
    }
    final FeatureVector x = LeadFeatures.vector(LeadStates.snapshot(leadId, state), at);
    example(leadId, c.get().id(), at, x, cache.history(leadId), watermark);
    final LeadScoreUpdate stored = scores.get(leadId);
    final boolean latest = stored == null || !at.isBefore(stored.getAsOf());
    final LeadState next = score(leadId, c.get().id(), null, state, at, x, latest);
    if (latest) {
      cache.put(leadId, next);
    } else {
      emit(leadId, LeadOutput.Kind.SCORE, stored, stored.getAsOf());
    }
  }

  /** The lead states and histories one expiry pass reads, each decoded once. */
  private final class PassCache {
    private final Map<String, LeadState> read = new HashMap<>();
    private final Map<String, List<LeadLabels.StatusChange>> histories = new HashMap<>();
    private final Map<String, LeadSnapshot> snapshots = new HashMap<>();

    LeadState state(final String leadId) {
      return read.computeIfAbsent(leadId, LeadProcessor.this::state);
    }

    LeadSnapshot snapshot(final String leadId) {
      return snapshots.computeIfAbsent(leadId, id -> LeadStates.snapshot(id, state(id)));
    }

    List<LeadLabels.StatusChange> history(final String leadId) {
      return histories.computeIfAbsent(leadId, id -> LeadStates.history(state(id)));
    }

    void put(final String leadId, final LeadState state) {
      read.put(leadId, state);
      putState(leadId, state);
    }
  }

  /**
   * Recomputes the vectors of the lead's labelled pending examples as of {@code from} or later (a
   * range of the pending store, keyed by time). An unlabelled one keeps its vector until it is
   * labelled, when {@link #redecide} computes it again: the trainer reads only labelled examples,
   * and revising every pending example of a busy lead on every late event took two fifths of the
   * stream thread.
   */
  private void reviseExamples(
      final String leadId,
      final LeadSnapshot snapshot,
      final Instant from,
      final String exceptEventId) {
    final List<KeyValue<String, LeadTrainingExample>> examples = new ArrayList<>();
    try (KeyValueIterator<String, LeadTrainingExample> it =
        pending.range(leadId + ":" + pad(from.toEpochMilli()), leadId + ":\uffff")) {
      it.forEachRemaining(examples::add);
    }
    for (final KeyValue<String, LeadTrainingExample> e : examples) {
      final LeadTrainingExample example = e.value;
      if (example.getLabel() == null
          || example.getAsOf().isBefore(from)
          || example.getEventId().equals(exceptEventId)) {
        continue;
      }
      final List<Double> features = features(LeadFeatures.vector(snapshot, example.getAsOf()));
      if (!features.equals(example.getFeatures())) {
        final LeadTrainingExample revised =
            LeadTrainingExample.newBuilder(example).setFeatures(features).build();
        pending.put(e.key, revised);
        emit(topicKey(example), LeadOutput.Kind.EXAMPLE, revised, example.getAsOf());
      }
    }
  }

  /** The key of an example on {@code leads.example}: {@code <leadId>:<eventId>}. */
  private static String topicKey(final LeadTrainingExample example) {
    return example.getLeadId() + ":" + example.getEventId();
  }

  /**
   * The key of a pending example in its store: {@code <leadId>:<asOf, 13 digits>:<id>}, so that a
   * lead's examples from a time on are one range.
   */
  private static String pendingKey(final String leadId, final Instant asOf, final String id) {
    return leadId + ":" + pad(asOf.toEpochMilli()) + ":" + id;
  }

  private static List<Double> features(final FeatureVector vector) {
    final List<Double> features = new ArrayList<>(vector.size());
    for (final double v : vector.values()) {
      features.add(v);
    }
    return features;
  }

  /** A lead's state: from {@link #recent}, else from the store. */
  private LeadState state(final String leadId) {
    LeadState state = recent.get(leadId);
    if (state == null) {
      state = states.get(leadId);
      if (state != null) {
        recent.put(leadId, state);
      }
    }
    return state;
  }

  private void putState(final String leadId, final LeadState state) {
    states.put(leadId, state);
    recent.put(leadId, state);
  }

  /**
   * The label clock ({@link SourceProgress}): how far every source of the lead events has been read
   * in event time, at most this task's stream time.
   */
  private Instant watermark(final Instant eventTime) {
    final long streamTime = Math.max(context.currentStreamTimeMs(), eventTime.toEpochMilli());
    return Instant.ofEpochMilli(sources.clock(streamTime));
  }

  private void alertsOf(final LeadEvent event, final LeadProfile before, final LeadProfile after) {
    final Instant previous = before == null ? null : before.getLastActivityAt();
    if (event.type().leadDriven()
        && previous != null
        && !event.occurredAt().isBefore(previous.plus(LeadRules.RETURNING_AFTER))) {
      final long days = java.time.Duration.between(previous, event.occurredAt()).toDays();
      alert(
          LeadAlertKind.RETURNING_LEAD,
          event,
          after,
          "active again after " + days + " days without activity (" + event.type().wireName() + ")",
          null);
    }
    if (event.type() == LeadEventType.SHOWING_REQUESTED) {
      alert(
          LeadAlertKind.HIGH_INTENT,
          event,
          after,
          "showing requested"
              + (event.listingKey() == null ? "" : " for listing " + event.listingKey()),
          null);
    }
  }

  private void alert(
      final LeadAlertKind kind,
      final LeadEvent event,
      final LeadProfile profile,
      final String reason,
      final Double probability) {
    emit(
        event.leadId(),
        LeadOutput.Kind.ALERT,
        LeadAlert.newBuilder()
            .setKind(kind)
            .setLeadId(event.leadId())
            .setAgentId(profile.getAgentId())
            .setReason(reason)
            .setOccurredAt(event.occurredAt())
            .setProbability(probability)
            .setEventId(event.eventId())
            .build(),
        event.occurredAt());
  }

  // ---- examples and labels ----

  /**
   * The training example of a lead as of {@code asOf} (an event's time, or a checkpoint's: {@code
   * id} names which), pending until its label is decided.
   */
  private void example(
      final String leadId,
      final String id,
      final Instant asOf,
      final FeatureVector vector,
      final List<LeadLabels.StatusChange> history,
      final Instant watermark) {
    final LeadLabels.Decision decision = LeadLabels.decide(asOf, history, watermark);
    if (decision == LeadLabels.Decision.CLOSED) {
      return;
    }
    final String key = leadId + ":" + id;
    final List<Double> features = features(vector);
    final LeadTrainingExample example =
        LeadTrainingExample.newBuilder()
            .setLeadId(leadId)
            .setEventId(id)
            .setAsOf(asOf)
            .setFeatureSchema(LeadModelContract.FEATURE_SCHEMA)
            .setFeatures(features)
            .setLabel(decision.label())
            .setLabelledAt(decision.label() == null ? null : watermark)
            .build();
    emit(key, LeadOutput.Kind.EXAMPLE, example, asOf);
    final Instant expires = LeadLabels.expiresAt(asOf);
    final Instant purge = expires.plus(LeadModelContract.LABEL_GRACE);
    if (!watermark.isBefore(purge) && decision.label() != null) {
      evaluate(example); // already final
    }
    if (watermark.isBefore(purge)) {
      final String stored = pendingKey(leadId, asOf, id);
      pending.put(stored, example);
      if (watermark.isBefore(expires)) {
        expiry.put(indexKey(expires, 'E', stored), stored);
      }
      expiry.put(indexKey(purge, 'P', stored), stored);
    }
  }

  /** The lead's pending examples (read before any is changed). */
  private List<KeyValue<String, LeadTrainingExample>> pendingOf(final String leadId) {
    final List<KeyValue<String, LeadTrainingExample>> examples = new ArrayList<>();
    try (KeyValueIterator<String, LeadTrainingExample> it =
        pending.prefixScan(leadId + ":", KEYS)) {
      it.forEachRemaining(examples::add);
    }
    return examples;
  }

  /** Re-decides every pending example of a lead after a status change (late ones included). */
  private void relabel(
      final String leadId,
      final LeadSnapshot snapshot,
      final List<LeadLabels.StatusChange> history,
      final Instant watermark,
      final String exceptEventId) {
    final List<KeyValue<String, LeadTrainingExample>> examples = pendingOf(leadId);
    for (final KeyValue<String, LeadTrainingExample> e : examples) {
      if (!e.value.getEventId().equals(exceptEventId)) {
        redecide(e.key, e.value, snapshot, history, watermark, false);
      }
    }
  }

  /**
   * Decides a pending example ({@code stored}: its key in the pending store) again; an example
   * labelled now gets its vector from {@code snapshot} (late events may have changed it since it
   * was published unlabelled). {@code last}: its grace is over, it leaves the store and, labelled,
   * feeds the evaluation.
   */
  private void redecide(
      final String stored,
      final LeadTrainingExample example,
      final LeadSnapshot snapshot,
      final List<LeadLabels.StatusChange> history,
      final Instant watermark,
      final boolean last) {
    final String key = topicKey(example);
    final LeadLabels.Decision decision = LeadLabels.decide(example.getAsOf(), history, watermark);
    if (decision == LeadLabels.Decision.CLOSED) {
      pending.delete(stored);
      emit(key, LeadOutput.Kind.EXAMPLE, null, example.getAsOf());
      return;
    }
    final Integer label = decision.label();
    LeadTrainingExample current = example;
    if (!Objects.equals(label, example.getLabel())) {
      final LeadTrainingExample.Builder labelled =
          LeadTrainingExample.newBuilder(example)
              .setLabel(label)
              .setLabelledAt(label == null ? null : watermark);
      if (label != null && example.getLabel() == null) {
        labelled.setFeatures(features(LeadFeatures.vector(snapshot, example.getAsOf())));
      }
      current = labelled.build();
      emit(key, LeadOutput.Kind.EXAMPLE, current, example.getAsOf());
      if (!last) {
        pending.put(stored, current);
      }
    }
    if (last) {
      pending.delete(stored);
      if (label != null) {
        evaluate(current);
      }
    }
  }

  /**
   * The stream-time punctuator: decides examples by expiry, then purges them after the grace, up to
   * the label clock.
   */
  private void expire(final long streamTime) {
    final long clock = sources.clock(streamTime);
    expiredUpTo = Math.max(expiredUpTo, clock);
    final Instant watermark = Instant.ofEpochMilli(clock);
    final List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = expiry.range(pad(0), pad(clock) + ":\uffff")) {
      it.forEachRemaining(due::add);
    }
    // a lead's examples fall due together: read (and decode) its state once per pass
    final PassCache cache = new PassCache();
    for (final KeyValue<String, String> entry : due) {
      expiry.delete(entry.key);
      final char action = entry.key.charAt(14);
      if (action == 'C') {
        checkpoint(
            entry.value,
            Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 13))),
            watermark,
            cache);
        continue;
      }
      final LeadTrainingExample example = pending.get(entry.value);
      if (example == null) {
        continue;
      }
      redecide(
          entry.value,
          example,
          cache.snapshot(example.getLeadId()),
          cache.history(example.getLeadId()),
          watermark,
          action == 'P');
    }
  }

  private static String indexKey(final Instant at, final char action, final String exampleKey) {
    return pad(at.toEpochMilli()) + ":" + action + ":" + exampleKey;
  }

  private static String pad(final long millis) {
    return String.format(Locale.ROOT, "%013d", Math.max(0, millis));
  }

  /**
   * An example whose label is final (its horizon and grace are over) feeds the champion/challenger
   * evaluation when it is out of the challenger's time. Not at its first label: a conversion is
   * known at once and a non-conversion only after the 90-day horizon, so the examples labelled so
   * far are mostly positives, and a model that over-predicts would win on them.
   */
  private void evaluate(final LeadTrainingExample example) {
    final Optional<ModelRegistry.Loaded> challenger = registry.challenger();
    if (challenger.isEmpty() || !example.getAsOf().isAfter(challenger.get().dataEnd())) {
      return;
    }
    final double[] x = new double[example.getFeatures().size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = example.getFeatures().get(i);
    }
    final FeatureVector vector = new FeatureVector(LeadFeatures.NAMES, x);
    final LeadScorer champion = registry.champion();
    final ModelEvaluation.Contribution c =
        new ModelEvaluation.Contribution(
            champion.modelId() + ":" + champion.modelVersion(),
            example.getLabel(),
            challenger.get().artifact().scorer().score(vector).probability(),
            champion.score(vector).probability(),
            RULES.score(vector).probability());
    emit(
        LeadModelContract.MODEL_ID + ":" + challenger.get().version(),
        LeadOutput.Kind.EVALUATION,
        c.encode(),
        example.getAsOf());
  }

  // ---- scores ----

  /**
   * Scores the lead as of {@code asOf} (vector {@code x}) with the champion, the challenger in
   * shadow, and publishes it naming {@code id} (the event's id or the checkpoint's). Only the score
   * as of the lead's latest scored time ({@code latest}) is remembered as the last published
   * probability, and only one of an event ({@code event} not null) can raise a hot-lead alert.
   */
  private LeadState score(
      final String leadId,
      final String id,
      final LeadEvent event,
      final LeadState state,
      final Instant asOf,
      final FeatureVector x,
      final boolean latest) {
    final LeadScorer champion = registry.champion();
    final LeadScore score = champion.score(x);
    monitor.scored(score.modelVersion(), champion instanceof RuleBasedLeadScorer);
    final Optional<ModelRegistry.Loaded> challenger = registry.challenger();
    final LeadProfile profile = state.getProfile();
    final List<LeadFactor> factors = new ArrayList<>(score.factors().size());
    for (final io.midcoast.ml.lead.Factor f : score.factors()) {
      factors.add(
          LeadFactor.newBuilder()
              .setFeature(f.feature())
              .setValue(f.value())
              .setContribution(f.contribution())
              .build());
    }
    final LeadScoreUpdate update =
        LeadScoreUpdate.newBuilder()
            .setLeadId(leadId)
            .setAgentId(profile.getAgentId())
            .setProbability(score.probability())
            .setModelId(score.modelId())
            .setModelVersion(score.modelVersion())
            .setFactors(factors)
            .setAsOf(asOf)
            .setEventId(id)
            .setChallengerVersion(challenger.map(ModelRegistry.Loaded::version).orElse(null))
            .setChallengerProbability(
                challenger.map(c -> c.artifact().scorer().score(x).probability()).orElse(null))
            .build();
    emit(leadId, LeadOutput.Kind.SCORE, update, asOf);
    if (!latest) {
      return state;
    }
    scores.put(leadId, update);
    final Double last = state.getLastProbability();
    final double previous = last == null ? 0.0 : last;
    if (event != null
        && previous < LeadRules.HOT_THRESHOLD
        && score.probability() >= LeadRules.HOT_THRESHOLD) {
      alert(
          LeadAlertKind.HOT_LEAD,
          event,
          profile,
          String.format(
              Locale.ROOT,
              "score rose from %.2f to %.2f (threshold %.2f)",
              previous,
              score.probability(),
              LeadRules.HOT_THRESHOLD),
          score.probability());
    }
    return LeadState.newBuilder(state).setLastProbability(score.probability()).build();
  }

  // ---- drift ----

  private void drift(final FeatureVector vector, final Instant watermark) {
    window.addLast(vector);
    if (window.size() > LeadRules.DRIFT_WINDOW) {
      window.removeFirst();
    }
    if (++sinceDrift < LeadRules.DRIFT_EVERY || window.size() < LeadRules.DRIFT_EVERY) {
      return;
    }
    sinceDrift = 0;
    final Optional<ModelRegistry.Loaded> champion = registry.championModel();
    if (champion.isEmpty()) {
      return;
    }
    final String version = champion.get().version();
    if (!version.equals(driftModel)) {
      driftModel = version;
      drifting.clear();
    }
    final List<FeatureBins> bins = champion.get().artifact().metadata().bins();
    for (final PopulationStability.FeatureDrift d :
        PopulationStability.drift(bins, List.copyOf(window))) {
      monitor.featureDrift(d.feature(), d.psi());
      if (d.alert() && drifting.add(d.feature())) {
        emit(
            d.feature(),
            LeadOutput.Kind.ALERT,
            LeadAlert.newBuilder()
                .setKind(LeadAlertKind.FEATURE_DRIFT)
                .setReason(
                    String.format(
                        Locale.ROOT,
                        "feature %s drifted: PSI %.3f > %.2f against the training sample of %s:%s"
                            + " (last %d vectors of partition %d)",
                        d.feature(),
                        d.psi(),
                        PopulationStability.ALERT_THRESHOLD,
                        LeadModelContract.MODEL_ID,
                        version,
                        window.size(),
                        context.taskId().partition()))
                .setOccurredAt(watermark)
                .build(),
            watermark);
      } else if (!d.alert()) {
        drifting.remove(d.feature());
      }
    }
  }

  private void emit(
      final String key, final LeadOutput.Kind kind, final Object value, final Instant at) {
    context.forward(new Record<>(key, new LeadOutput(kind, value), at.toEpochMilli()));
  }
}
