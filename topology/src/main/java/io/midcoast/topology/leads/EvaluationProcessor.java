package io.midcoast.topology.leads;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import io.midcoast.topology.monitor.StageCounters;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Champion/challenger evaluation, keyed by the challenger's {@code "<modelId>:<version>"}: sums
 * both models' log loss over the same labelled outcomes (from every partition) and promotes the
 * challenger when {@link ModelEvaluation.Totals#challengerWins()}: it asks the model-stage
 * authority ({@link ModelStageProcessor}, through {@code ml.model.request}) to make the challenger
 * CHAMPION on condition that the champion is still the one it was compared with; the authority
 * retires the old champion on {@code ml.model}, and the global model store then swaps the scorers
 * on every instance.
 */
final class EvaluationProcessor implements Processor<String, String, String, ModelRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(EvaluationProcessor.class);

  /** Counter stage. */
  static final String STAGE = "leads-evaluation";

  private final StageCounters counters;
  private final String storeName;
  private final String modelStoreName;
  private ProcessorContext<String, ModelRecord> context;
  private KeyValueStore<String, String> totals;
  private KeyValueStore<String, ModelRecord> models;

  EvaluationProcessor(
      final StageCounters counters, final String storeName, final String modelStoreName) {
    this.counters = counters;
    this.storeName = storeName;
    this.modelStoreName = modelStoreName;
  }

  @Override
  public void init(final ProcessorContext<String, ModelRecord> context) {
    this.context = context;
    totals = context.getStateStore(storeName);
    models = context.getStateStore(modelStoreName);
  }

  @Override
  public void process(final Record<String, String> record) {
    counters.recordIn(STAGE);
    final ModelEvaluation.Contribution c = ModelEvaluation.Contribution.decode(record.value());
    final String stored = totals.get(record.key());
    ModelEvaluation.Totals t =
        stored == null
            ? ModelEvaluation.Totals.empty(c.championKey())
            : ModelEvaluation.Totals.decode(stored);
    if (t.closed()) {
      counters.dropped(STAGE, "EVALUATION_CLOSED");
      return;
    }
    if (!t.championKey().equals(c.championKey())) {
      t = ModelEvaluation.Totals.empty(c.championKey()); // the champion changed: start over
    }
    t = t.plus(c);
    if (t.challengerWins()) {
      t = promote(record, t);
    }
    totals.put(record.key(), t.encode());
    counters.recordOut(STAGE);
  }

  private ModelEvaluation.Totals promote(
      final Record<String, String> record, final ModelEvaluation.Totals t) {
    final ModelRecord challenger = models.get(record.key());
    if (challenger == null || challenger.getStage() != ModelStage.CHALLENGER) {
      LOG.info("{} is no longer a challenger; its evaluation ends", record.key());
      return t.close();
    }
    final String figures =
        String.format(
            Locale.ROOT,
            "log loss %.4f vs %.4f of %s (z %.2f) and %.4f of the rules (z %.2f) over %d"
                + " outcomes after its training data",
            t.challengerMean(),
            t.championMean(),
            t.championKey(),
            t.zOverChampion(),
            t.rulesMean(),
            t.zOverRules(),
            t.n());
    LOG.info("asking to promote {}: {}", record.key(), figures);
    // a request to the model-stage authority, conditional on the champion it was compared with
    final String championKey = t.championKey();
    final String prefix = challenger.getModelId() + ":";
    context.forward(
        new Record<>(
            record.key(),
            ModelRecord.newBuilder(challenger)
                .setStage(ModelStage.CHAMPION)
                .setStageReason("promoted: " + figures)
                .setExpectedChampion(
                    championKey.startsWith(prefix) ? championKey.substring(prefix.length()) : "")
                .build(),
            record.timestamp()));
    return t.close();
  }
}
