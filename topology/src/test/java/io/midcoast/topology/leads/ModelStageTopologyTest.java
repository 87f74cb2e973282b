package io.midcoast.topology.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.catalog.LeadModelContract;
import io.midcoast.topology.catalog.ModelPartitioner;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The model-stage authority: the one writer of {@code ml.model}. Requests decided on a stale view
 * are rejected, and at every moment the model id has exactly one champion once it has a model.
 */
class ModelStageTopologyTest {

  private static final String ID = LeadModelContract.MODEL_ID;

  /** A request: {@code version} asked to be {@code stage}, decided against {@code expected}. */
  private static ModelRecord request(
      final String version, final ModelStage stage, final String expected) {
    return ModelRecord.newBuilder()
        .setModelId(ID)
        .setVersion(version)
        .setStage(stage)
        .setKind("test")
        .setCreatedAt(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(Long.parseLong(version)))
        .setMetadataJson("{}")
        .setPayload(ByteBuffer.wrap(new byte[] {1}))
        .setExpectedChampion(expected)
        .build();
  }

  /** ml.model as a compacted reader sees it: the latest record per key. */
  private static Map<String, ModelStage> apply(
      final LeadFixtures f, final Map<String, ModelStage> view) {
    f.modelsOut.readRecordsToList().forEach(r -> view.put(r.key(), r.value().getStage()));
    return view;
  }

  private static long champions(final Map<String, ModelStage> view) {
    return view.values().stream().filter(s -> s == ModelStage.CHAMPION).count();
  }

  private static String stageOf(final Map<String, ModelStage> view, final String version) {
    final ModelStage s = view.get(ID + ":" + version);
    return s == null ? null : s.name();
  }

  @Test
  void shouldPublishEveryNewModelAsAChallengerTheFirstOneOfTheRules() {
    try (LeadFixtures f = new LeadFixtures()) {
      final Map<String, ModelStage> view = new TreeMap<>();
      f.requests.pipeInput("any-key", request("1", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(null, request("2", ModelStage.CHALLENGER, null));
      f.requests.pipeInput("x", request("3", ModelStage.CHALLENGER, null));
      final List<ModelRecord> out = f.modelsOut.readValuesToList();
      out.forEach(r -> view.put(r.getModelId() + ":" + r.getVersion(), r.getStage()));
      // the rules keep scoring until a model beats them: no model is champion by being first
      assertThat(champions(view)).isZero();
      assertThat(stageOf(view, "1")).isEqualTo("RETIRED"); // superseded by 2
      assertThat(stageOf(view, "2")).isEqualTo("RETIRED"); // superseded by 3
      assertThat(stageOf(view, "3")).isEqualTo("CHALLENGER");
      assertThat(out.get(0).getStageReason())
          .isEqualTo("published: shadows the rules (no champion yet)");

      f.requests.pipeInput(ID, request("3", ModelStage.CHAMPION, "")); // beat the rules
      f.requests.pipeInput(ID, request("4", ModelStage.CHALLENGER, null));
      apply(f, view);
      assertThat(stageOf(view, "3")).isEqualTo("CHAMPION");
      assertThat(stageOf(view, "4")).isEqualTo("CHALLENGER");
    }
  }

  @Test
  void shouldWriteEveryRecordOfAModelToOnePartitionNewChampionFirst() {
    try (LeadFixtures f = new LeadFixtures()) {
      f.requests.pipeInput(ID, request("1", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("1", ModelStage.CHAMPION, ""));
      f.requests.pipeInput(ID, request("2", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("2", ModelStage.CHAMPION, "1"));
      final List<String> promotion =
          f.modelsOut.readRecordsToList().stream()
              .skip(3)
              .map(r -> r.value().getVersion() + " " + r.value().getStage())
              .toList();
      // a reader applying records in order never sees the model id without a champion
      assertThat(promotion).containsExactly("2 CHAMPION", "1 RETIRED");
      final int partition = ModelPartitioner.partition(ID, 3);
      for (final String version : List.of("1", "2", "77")) {
        assertThat(
                new ModelPartitioner()
                    .partitions(
                        "ml.model",
                        ID + ":" + version,
                        request(version, ModelStage.CHALLENGER, null),
                        3))
            .contains(java.util.Set.of(partition));
      }
    }
  }

  @Test
  void shouldRejectTheRacesOfIssue12() {
    try (LeadFixtures f = new LeadFixtures()) {
      final Map<String, ModelStage> view = new TreeMap<>();
      f.requests.pipeInput(ID, request("2", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("2", ModelStage.CHAMPION, "")); // it beat the rules
      f.requests.pipeInput(ID, request("5", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("5", ModelStage.CHAMPION, "2")); // the evaluation wins
      // the trainer, still seeing 2 as champion and 5 as challenger, retires 5 and publishes 6
      f.requests.pipeInput(ID, request("5", ModelStage.RETIRED, "2"));
      f.requests.pipeInput(ID, request("6", ModelStage.CHALLENGER, "2"));
      apply(f, view);
      assertThat(stageOf(view, "5")).isEqualTo("CHAMPION");
      assertThat(stageOf(view, "6")).isNull();
      assertThat(champions(view)).isEqualTo(1);
      // a stale evaluation of 5 against 2 is rejected too; a retirement never removes the champion
      f.requests.pipeInput(ID, request("7", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("7", ModelStage.CHAMPION, "2"));
      f.requests.pipeInput(ID, request("5", ModelStage.RETIRED, null));
      f.requests.pipeInput(ID, request("7", ModelStage.CHALLENGER, null)); // version exists
      apply(f, view);
      assertThat(stageOf(view, "5")).isEqualTo("CHAMPION");
      assertThat(stageOf(view, "7")).isEqualTo("CHALLENGER");
      assertThat(f.counters.drops(ModelStageProcessor.STAGE, "STALE_CHAMPION")).isEqualTo(3);
      assertThat(f.counters.drops(ModelStageProcessor.STAGE, "RETIRES_CHAMPION")).isEqualTo(1);
      assertThat(f.counters.drops(ModelStageProcessor.STAGE, "VERSION_EXISTS")).isEqualTo(1);
    }
  }

  /**
   * Bench run 7: challenger 1 was superseded by 2, then the evaluation, which had been counting 1's
   * outcomes, promoted it. A retired challenger is not promoted by the evaluation; an operator can
   * still bring a retired version back.
   */
  @Test
  void shouldNotLetTheEvaluationPromoteASupersededChallenger() {
    try (LeadFixtures f = new LeadFixtures()) {
      final Map<String, ModelStage> view = new TreeMap<>();
      f.requests.pipeInput(ID, request("1", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("2", ModelStage.CHALLENGER, null));
      f.requests.pipeInput(ID, request("1", ModelStage.CHAMPION, "")); // decided before 2 came
      apply(f, view);
      assertThat(stageOf(view, "1")).isEqualTo("RETIRED");
      assertThat(stageOf(view, "2")).isEqualTo("CHALLENGER");
      assertThat(champions(view)).isZero();
      assertThat(f.counters.drops(ModelStageProcessor.STAGE, "NOT_CHALLENGER")).isEqualTo(1);

      f.requests.pipeInput(ID, request("2", ModelStage.CHAMPION, ""));
      f.requests.pipeInput(ID, request("1", ModelStage.CHAMPION, null)); // an operator's rollback
      apply(f, view);
      assertThat(stageOf(view, "1")).isEqualTo("CHAMPION");
      assertThat(stageOf(view, "2")).isEqualTo("RETIRED");
      assertThat(champions(view)).isEqualTo(1);
    }
  }

  @Test
  void shouldKeepExactlyOneChampionUnderConcurrentStaleWriters() {
    final Random random = new Random(12);
    try (LeadFixtures f = new LeadFixtures()) {
      final Map<String, ModelStage> view = new TreeMap<>();
      final List<Map<String, ModelStage>> history = new ArrayList<>();
      history.add(Map.of());
      int applied = 0;
      boolean hadChampion = false;
      for (int step = 0; step < 400; step++) {
        // each writer decides on a view of ml.model from up to 5 steps ago (its consumer lags)
        final Map<String, ModelStage> seen =
            history.get(Math.max(0, history.size() - 1 - random.nextInt(6)));
        final String champion =
            seen.entrySet().stream()
                .filter(e -> e.getValue() == ModelStage.CHAMPION)
                .map(e -> e.getKey().substring(ID.length() + 1))
                .findFirst()
                .orElse("");
        final List<String> versions =
            seen.keySet().stream().map(k -> k.substring(ID.length() + 1)).toList();
        final int writer = random.nextInt(4);
        if (writer <= 1 || versions.isEmpty()) {
          // one of two trainers (the leader changes): the next version of what it saw
          final long next = versions.stream().mapToLong(Long::parseLong).max().orElse(0) + 1;
          f.requests.pipeInput(ID, request(Long.toString(next), ModelStage.CHALLENGER, null));
        } else if (writer == 2) {
          // the evaluator: the challenger it saw beat the champion it saw
          seen.entrySet().stream()
              .filter(e -> e.getValue() == ModelStage.CHALLENGER)
              .findFirst()
              .ifPresent(
                  e ->
                      f.requests.pipeInput(
                          ID,
                          request(
                              e.getKey().substring(ID.length() + 1),
                              ModelStage.CHAMPION,
                              champion)));
        } else {
          // an operator: promotes or retires any version
          final String v = versions.get(random.nextInt(versions.size()));
          f.requests.pipeInput(
              ID,
              request(v, random.nextBoolean() ? ModelStage.CHAMPION : ModelStage.RETIRED, null));
        }
        apply(f, view);
        hadChampion |= champions(view) > 0;
        assertThat(champions(view))
            .as("champions after step %d", step)
            .isEqualTo(hadChampion ? 1 : 0);
        history.add(Map.copyOf(view));
        applied = view.size();
      }
      assertThat(applied).isGreaterThan(50);
      assertThat(hadChampion).isTrue();
      for (final String reason : List.of("STALE_CHAMPION", "VERSION_EXISTS", "RETIRES_CHAMPION")) {
        assertThat(f.counters.drops(ModelStageProcessor.STAGE, reason)).as(reason).isPositive();
      }
    }
  }
}
