package io.midcoast.topology.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.monitor.StageCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-stage authority: the one writer of {@code ml.model}. Requests ({@code
 * ml.model.request}, re-keyed by model id so that one task decides every stage of a model id, one
 * request after the other) are checked against its own store of the model id's records, which it
 * updates before the next request: a decision taken on a stale view is rejected, never applied.
 *
 * <ul>
 *   <li><b>New model</b> (stage CHALLENGER, a version not seen before): CHALLENGER, shadowing the
 *       champion or, before the first promotion, the rules (a model becomes champion only by a
 *       promotion: the evaluation's, once it beats the champion and the rules, or an operator's),
 *       and every other challenger RETIRED (superseded). A version already known is rejected
 *       ({@code VERSION_EXISTS}: two trainers, one stale, chose the same number).
 *   <li><b>Promotion</b> (stage CHAMPION): the version becomes CHAMPION and the champion RETIRED.
 *       Rejected when the version is unknown, already champion, or {@code expectedChampion} names
 *       another champion than the current one ({@code STALE_CHAMPION}: the evaluation compared it
 *       with a champion that has been replaced since); a conditional promotion (the evaluation's,
 *       with {@code expectedChampion}) also when the version is no challenger any more ({@code
 *       NOT_CHALLENGER}: superseded while its outcomes came in). An unconditional one (an
 *       operator's) may bring a retired version back.
 *   <li><b>Retirement</b> (stage RETIRED): rejected for the current champion ({@code
 *       RETIRES_CHAMPION}): a retirement never leaves the model id without a champion.
 * </ul>
 *
 * Invariant: at every moment, exactly one CHAMPION per model id on {@code ml.model} (none before
 * the first promotion: the rules score), as a reader sees it: every record of a model id is in one
 * partition ({@link io.midcoast.topology.catalog.ModelPartitioner}), a promotion writes the new
 * CHAMPION before the old champion's RETIRED, and between the two a reader keeps the newest
 * CHAMPION record. Records published on {@code ml.model} before the authority existed are read from
 * the global model store the first time a model id is seen.
 */
final class ModelStageProcessor implements Processor<String, ModelRecord, String, ModelRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ModelStageProcessor.class);
  private static final StringSerializer KEYS = new StringSerializer();

  /** The champion the registry scores with: latest createdAt, ties the greater version. */
  private static final Comparator<ModelRecord> NEWEST =
      Comparator.comparing(ModelRecord::getCreatedAt).thenComparing(ModelRecord::getVersion);

  /** Counter stage. */
  static final String STAGE = "leads-model-stage";

  private final StageCounters counters;
  private final String storeName;
  private final String globalStoreName;
  private ProcessorContext<String, ModelRecord> context;
  private KeyValueStore<String, ModelRecord> records;
  private KeyValueStore<String, ModelRecord> published;

  ModelStageProcessor(
      final StageCounters counters, final String storeName, final String globalStoreName) {
    this.counters = counters;
    this.storeName = storeName;
    this.globalStoreName = globalStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, ModelRecord> context) {
    this.context = context;
    records = context.getStateStore(storeName);
    published = context.getStateStore(globalStoreName);
  }

  @Override
  public void process(final Record<String, ModelRecord> record) {
    counters.recordIn(STAGE);
    final ModelRecord request = record.value();
    if (request == null || request.getModelId() == null || request.getVersion() == null) {
      reject(record, request, "EMPTY_REQUEST", "no model id or version");
      return;
    }
    final List<ModelRecord> known = known(request.getModelId(), record.timestamp());
    final Optional<ModelRecord> champion =
        known.stream().filter(r -> r.getStage() == ModelStage.CHAMPION).findFirst();
    final Optional<ModelRecord> target =
        known.stream().filter(r -> r.getVersion().equals(request.getVersion())).findFirst();
    final String expected = request.getExpectedChampion();
    if (expected != null && !expected.equals(champion.map(ModelRecord::getVersion).orElse(""))) {
      reject(
          record,
          request,
          "STALE_CHAMPION",
          "decided against champion '"
              + expected
              + "', the champion is '"
              + champion.map(ModelRecord::getVersion).orElse("")
              + "'");
      return;
    }
    switch (request.getStage()) {
      case CHALLENGER -> {
        if (target.isPresent()) {
          reject(record, request, "VERSION_EXISTS", "version already published");
          return;
        }
        // the shadowed scorer is named here, by the authority (a publisher's view may be stale);
        // the first model too is only a challenger: it must beat the rules to be promoted
        final String shadows =
            champion
                .map(c -> "published: shadows champion " + c.getVersion())
                .orElse("published: shadows the rules (no champion yet)");
        final String by = request.getStageReason();
        write(
            request,
            ModelStage.CHALLENGER,
            by == null || by.isBlank() ? shadows : shadows + " (" + by + ")",
            record.timestamp());
        for (final ModelRecord r : known) {
          if (r.getStage() == ModelStage.CHALLENGER) {
            write(
                r,
                ModelStage.RETIRED,
                "superseded by challenger " + request.getVersion(),
                record.timestamp());
          }
        }
      }
      case CHAMPION -> {
        if (target.isEmpty()) {
          reject(record, request, "UNKNOWN_VERSION", "no such version");
          return;
        }
        if (target.get().getStage() == ModelStage.CHAMPION) {
          reject(record, request, "ALREADY_CHAMPION", "already the champion");
          return;
        }
        if (expected != null && target.get().getStage() != ModelStage.CHALLENGER) {
          // the evaluation judged a challenger that has been superseded since: an operator may
          // still bring a retired version back (an unconditional request)
          reject(
              record,
              request,
              "NOT_CHALLENGER",
              "decided for a challenger that is " + target.get().getStage() + " by now");
          return;
        }
        write(target.get(), ModelStage.CHAMPION, reason(request, "promoted"), record.timestamp());
        champion.ifPresent(
            c ->
                write(
                    c,
                    ModelStage.RETIRED,
                    "retired: "
                        + request.getModelId()
                        + ":"
                        + request.getVersion()
                        + " promoted ("
                        + reason(request, "promoted")
                        + ")",
                    record.timestamp()));
      }
      case RETIRED -> {
        if (target.isEmpty()) {
          reject(record, request, "UNKNOWN_VERSION", "no such version");
          return;
        }
        if (target.get().getStage() == ModelStage.CHAMPION) {
          reject(
              record, request, "RETIRES_CHAMPION", "the champion is retired only by a promotion");
          return;
        }
        write(target.get(), ModelStage.RETIRED, reason(request, "retired"), record.timestamp());
      }
      default -> {
        reject(record, request, "UNKNOWN_STAGE", "stage " + request.getStage());
        return;
      }
    }
    counters.recordOut(STAGE);
  }

  /** The records of {@code modelId}: this authority's, else those on ml.model before it. */
  private List<ModelRecord> known(final String modelId, final long at) {
    final List<ModelRecord> out = new ArrayList<>();
    try (KeyValueIterator<String, ModelRecord> it = records.prefixScan(modelId + ":", KEYS)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    if (!out.isEmpty()) {
      return out;
    }
    try (KeyValueIterator<String, ModelRecord> it = published.prefixScan(modelId + ":", KEYS)) {
      it.forEachRemaining(
          kv -> {
            if (kv.value != null && modelId.equals(kv.value.getModelId())) {
              out.add(kv.value);
            }
          });
    }
    // more than one champion from before the authority: the one the registry scores with stays
    final Optional<ModelRecord> newest =
        out.stream().filter(r -> r.getStage() == ModelStage.CHAMPION).max(NEWEST);
    for (int i = 0; i < out.size(); i++) {
      final ModelRecord r = out.get(i);
      if (r.getStage() == ModelStage.CHAMPION && r != newest.orElseThrow()) {
        out.set(i, write(r, ModelStage.RETIRED, "retired: one of several champions", at));
      } else {
        records.put(r.getModelId() + ":" + r.getVersion(), r);
      }
    }
    return out;
  }

  private ModelRecord write(
      final ModelRecord model, final ModelStage stage, final String reason, final long at) {
    final ModelRecord out =
        ModelRecord.newBuilder(model)
            .setStage(stage)
            .setStageReason(reason)
            .setExpectedChampion(null)
            .build();
    final String key = model.getModelId() + ":" + model.getVersion();
    records.put(key, out);
    context.forward(new Record<>(key, out, at));
    LOG.info("{} is now {} ({})", key, stage, reason);
    return out;
  }

  private static String reason(final ModelRecord request, final String fallback) {
    return request.getStageReason() == null || request.getStageReason().isBlank()
        ? fallback
        : request.getStageReason();
  }

  private void reject(
      final Record<String, ModelRecord> record,
      final ModelRecord request,
      final String code,
      final String why) {
    counters.dropped(STAGE, code);
    LOG.warn(
        "model request rejected ({}): {}:{} as {}: {}",
        code,
        request == null ? null : request.getModelId(),
        request == null ? null : request.getVersion(),
        request == null ? null : request.getStage(),
        why);
  }
}
