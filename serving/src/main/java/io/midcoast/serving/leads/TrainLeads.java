package io.midcoast.serving.leads;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.midcoast.schemas.ModelRecord;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training round, then exit ({@code ./midcoast train-leads}): reads every labelled example of
 * {@code leads.example}, trains, publishes the model to {@code ml.model} (champion when there is
 * none, else challenger) and prints its key and stage. Same configuration as the application
 * ({@code --config FILE} or {@code MIDCOAST_CONFIG}, {@code MIDCOAST_*} variables). Exit code 0: a
 * model was published; 3: too few labelled examples; 1: an error.
 */
public final class TrainLeads {

  private static final Logger LOG = LoggerFactory.getLogger(TrainLeads.class);

  private TrainLeads() {}

  public static void main(final String[] args) {
    System.exit(run(args));
  }

  static int run(final String[] args) {
    try {
      final ConfigSource config = ConfigSource.load(ConfigSource.configFile(args));
      final KafkaSettings kafka = KafkaSettings.from(config);
      final LeadTrainerSettings settings = LeadTrainerSettings.from(config);
      final String clientId = kafka.applicationId() + "-train-leads";
      try (ModelTopic models = ModelTopic.create(kafka, clientId, Duration.ofSeconds(30));
          LeadTrainerLoop loop =
              LeadTrainerLoop.create(
                  kafka,
                  clientId,
                  settings,
                  models,
                  new SimpleMeterRegistry(),
                  Clock.systemUTC())) {
        final Optional<ModelRecord> model = loop.trainOnce();
        if (model.isEmpty()) {
          System.out.println("train-leads: too few labelled examples, nothing published");
          return 3;
        }
        System.out.println(
            "train-leads: published "
                + ModelCatalog.key(model.get().getModelId(), model.get().getVersion())
                + " as "
                + model.get().getStage());
        return 0;
      }
    } catch (final RuntimeException e) {
      LOG.error("train-leads failed", e);
      System.out.println("train-leads: " + e.getMessage());
      return 1;
    }
  }
}
