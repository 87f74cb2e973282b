package io.midcoast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.topology.config.ConfigException;
import io.midcoast.topology.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServingSettingsTest {

  @Test
  void shouldUseDefaultsWhenNothingIsSet() {
    final ServingSettings settings =
        ServingSettings.from(ConfigSource.of(new Properties(), Map.of()));
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.retryAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFile() {
    final Properties file = new Properties();
    file.setProperty("midcoast.http.port", "9000");
    final ServingSettings settings =
        ServingSettings.from(ConfigSource.of(file, Map.of("MIDCOAST_HTTP_PORT", "9100")));
    assertThat(settings.port()).isEqualTo(9100);
  }

  @Test
  void shouldRejectAnInvalidPortNamingTheKeyAndTheVariable() {
    final ConfigSource source =
        ConfigSource.of(new Properties(), Map.of("MIDCOAST_HTTP_PORT", "http"));
    assertThatThrownBy(() -> ServingSettings.from(source))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("midcoast.http.port")
        .hasMessageContaining("MIDCOAST_HTTP_PORT");
  }
}
