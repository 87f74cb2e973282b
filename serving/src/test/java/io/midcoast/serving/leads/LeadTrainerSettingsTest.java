package io.midcoast.serving.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.config.ConfigException;
import io.midcoast.topology.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LeadTrainerSettingsTest {

  @Test
  void shouldBeDisabledByDefaultWithDocumentedThresholds() {
    final LeadTrainerSettings settings =
        LeadTrainerSettings.from(ConfigSource.of(new Properties(), Map.of()));

    assertThat(settings)
        .isEqualTo(new LeadTrainerSettings(false, 500, 2_000, 100_000, Duration.ofSeconds(5)));
  }

  @Test
  void shouldReadTheEnvironmentOverTheFile() {
    final Properties file = new Properties();
    file.setProperty(LeadTrainerSettings.MIN_NEW_LABELLED, "50");
    file.setProperty(LeadTrainerSettings.ENABLED, "false");
    final LeadTrainerSettings settings =
        LeadTrainerSettings.from(
            ConfigSource.of(
                file,
                Map.of(
                    "MIDCOAST_LEADS_TRAINER_ENABLED", "true",
                    "MIDCOAST_LEADS_TRAINER_MIN_LABELLED", "400",
                    "MIDCOAST_LEADS_TRAINER_CHECK_INTERVAL_MS", "250")));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.minNewLabelled()).isEqualTo(50);
    assertThat(settings.minLabelled()).isEqualTo(400);
    assertThat(settings.checkInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void shouldTrainOnlyWithEnoughExamplesAndEnoughNewOnes() {
    final LeadTrainerSettings settings =
        new LeadTrainerSettings(true, 500, 2_000, 100_000, Duration.ofSeconds(5));

    assertThat(settings.due(1_999, 1_999)).as("too few in all").isFalse();
    assertThat(settings.due(2_000, 499)).as("too few new").isFalse();
    assertThat(settings.due(2_000, 500)).isTrue();
    assertThat(settings.due(90_000, 500)).isTrue();
  }

  @Test
  void shouldRejectThresholdsThatCannotTrainWithAClearMessage() {
    assertThatThrownBy(
            () -> new LeadTrainerSettings(true, 0, 2_000, 100_000, Duration.ofSeconds(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LeadTrainerSettings.MIN_NEW_LABELLED);
    assertThatThrownBy(() -> new LeadTrainerSettings(true, 10, 39, 100_000, Duration.ofSeconds(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LeadTrainerSettings.MIN_LABELLED);
    assertThatThrownBy(() -> new LeadTrainerSettings(true, 10, 1_000, 999, Duration.ofSeconds(5)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LeadTrainerSettings.MAX_EXAMPLES);
    assertThatThrownBy(
            () ->
                LeadTrainerSettings.from(
                    ConfigSource.of(
                        new Properties(), Map.of("MIDCOAST_LEADS_TRAINER_ENABLED", "yes"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LeadTrainerSettings.ENABLED);
  }
}
