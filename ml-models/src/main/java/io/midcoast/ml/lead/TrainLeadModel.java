package io.midcoast.ml.lead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a lead model from a JSON-lines file of examples (format: {@link LeadExamples}) and writes
 * the framed artifact ({@link LeadModelArtifact#toBytes()}) and its metadata JSON next to it.
 *
 * <pre>
 * java -cp "$(cat ml-models/target/classpath.txt):ml-models/target/classes" \
 *   io.midcoast.ml.lead.TrainLeadModel examples.jsonl lead-model.bin version [decidedBefore]
 * </pre>
 *
 * <p>{@code decidedBefore} (ISO-8601 instant) is the event time up to which outcomes are known; by
 * default the latest example time in the file, so examples newer than 90 days before it are left
 * out (see {@link LeadTrainer}). Reading from and publishing to Kafka is the topology's job.
 */
public final class TrainLeadModel {

  private static final Logger LOG = LoggerFactory.getLogger(TrainLeadModel.class);

  private TrainLeadModel() {}

  /** Runs the command. */
  public static void main(final String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: TrainLeadModel examples.jsonl out.bin version [decidedBefore]");
    }
    final List<LeadExample> examples = LeadExamples.read(Path.of(args[0]));
    final Instant decidedBefore =
        args.length > 3
            ? Instant.parse(args[3])
            : examples.stream().map(LeadExample::asOf).max(Instant::compareTo).orElseThrow();
    final LeadTrainer.Result result =
        LeadTrainer.train(
            examples, LeadTrainer.Config.defaults(args[2]).withDecidedBefore(decidedBefore));
    final Path out = Path.of(args[1]);
    Files.write(out, result.artifact().toBytes());
    Files.writeString(
        out.resolveSibling(out.getFileName() + ".json"), result.artifact().metadataJson());
    final ClassificationMetrics m = result.holdoutMetrics();
    LOG.info(
        "wrote {} ({} train, {} holdout): AUC {}, log loss {}, ECE {}, training {} ms",
        out,
        result.train().size(),
        m.examples(),
        String.format(Locale.ROOT, "%.4f", m.auc()),
        String.format(Locale.ROOT, "%.4f", m.logLoss()),
        String.format(Locale.ROOT, "%.4f", m.ece()),
        result.trainingTime().toMillis());
  }
}
