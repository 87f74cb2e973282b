package io.midcoast.serving.leads;

import io.midcoast.ml.lead.LeadTrainer;
import io.midcoast.topology.config.ConfigException;
import io.midcoast.topology.config.ConfigSource;
import java.time.Duration;

/**
 * Settings of the lead trainer loop.
 *
 * @param enabled whether the application runs the loop ({@code midcoast.leads.trainer.enabled}, env
 *     {@code MIDCOAST_LEADS_TRAINER_ENABLED}, default false; enable it on one instance only)
 * @param minNewLabelled labelled examples (new, or whose label changed) since the last training
 *     that trigger the next one ({@code midcoast.leads.trainer.min.new.labelled}, default 500)
 * @param minLabelled labelled examples needed at all before the first training ({@code
 *     midcoast.leads.trainer.min.labelled}, default 2000)
 * @param maxExamples labelled examples kept in memory, the latest by event time ({@code
 *     midcoast.leads.trainer.max.examples}, default 100000; about 400 bytes each)
 * @param checkInterval how often the loop checks whether to train ({@code
 *     midcoast.leads.trainer.check.interval.ms}, default 5000)
 */
public record LeadTrainerSettings(
    boolean enabled, int minNewLabelled, int minLabelled, int maxExamples, Duration checkInterval) {

  public static final String ENABLED = "midcoast.leads.trainer.enabled";
  public static final String MIN_NEW_LABELLED = "midcoast.leads.trainer.min.new.labelled";
  public static final String MIN_LABELLED = "midcoast.leads.trainer.min.labelled";
  public static final String MAX_EXAMPLES = "midcoast.leads.trainer.max.examples";
  public static final String CHECK_INTERVAL_MS = "midcoast.leads.trainer.check.interval.ms";

  /** Validates the ranges. */
  public LeadTrainerSettings {
    if (minNewLabelled < 1) {
      throw new ConfigException(
          MIN_NEW_LABELLED, Integer.toString(minNewLabelled), "must be at least 1");
    }
    if (minLabelled < 2 * LeadTrainer.MIN_PER_CLASS) {
      throw new ConfigException(
          MIN_LABELLED,
          Integer.toString(minLabelled),
          "must be at least " + 2 * LeadTrainer.MIN_PER_CLASS + " (both classes are needed)");
    }
    if (maxExamples < minLabelled) {
      throw new ConfigException(
          MAX_EXAMPLES, Integer.toString(maxExamples), "must be at least " + MIN_LABELLED);
    }
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new ConfigException(CHECK_INTERVAL_MS, checkInterval.toString(), "must be positive");
    }
  }

  /** Reads and validates the trainer settings. */
  public static LeadTrainerSettings from(final ConfigSource source) {
    return new LeadTrainerSettings(
        source.bool(ENABLED, false),
        source.integer(MIN_NEW_LABELLED, 500),
        source.integer(MIN_LABELLED, 2_000),
        source.integer(MAX_EXAMPLES, 100_000),
        Duration.ofMillis(source.longValue(CHECK_INTERVAL_MS, 5_000)));
  }

  /** Whether a training run is due: enough labelled examples, and enough new ones. */
  public boolean due(final int labelled, final int newLabelled) {
    return labelled >= minLabelled && newLabelled >= minNewLabelled;
  }
}
