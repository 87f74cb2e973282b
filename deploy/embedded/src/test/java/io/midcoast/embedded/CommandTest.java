package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTest {

  @Test
  void shouldShowHelpWithoutArguments() {
    assertThat(Command.parse(List.of())).isInstanceOf(Command.Help.class);
    assertThat(Command.parse(List.of("--help"))).isInstanceOf(Command.Help.class);
  }

  @Test
  void shouldParseDevWithDefaults() {
    assertThat(Command.parse(List.of("dev")))
        .isEqualTo(new Command.Dev(false, Optional.empty(), true, 9092, 9093, 15432, 8083, 8080));
  }

  @Test
  void shouldParseDevOptions() {
    assertThat(
            Command.parse(
                List.of(
                    "dev",
                    "--clean",
                    "--data-dir",
                    "/tmp/x",
                    "--no-feed",
                    "--http-port",
                    "9090",
                    "--kafka-port",
                    "19092",
                    "--controller-port",
                    "19093",
                    "--postgres-port",
                    "5433",
                    "--connect-port",
                    "18083")))
        .isEqualTo(
            new Command.Dev(
                true, Optional.of(Path.of("/tmp/x")), false, 19092, 19093, 5433, 18083, 9090));
  }

  @Test
  void shouldParseRun() {
    assertThat(
            Command.parse(
                List.of(
                    "run",
                    "--bootstrap-servers",
                    "kafka:9092",
                    "--postgres-url",
                    "jdbc:postgresql://db/midcoast")))
        .isEqualTo(
            new Command.Run(
                "kafka:9092",
                Optional.of("jdbc:postgresql://db/midcoast"),
                "midcoast",
                "midcoast",
                Optional.empty(),
                8080,
                "midcoast"));
  }

  @Test
  void shouldRequireBootstrapServersForRun() {
    assertThatThrownBy(() -> Command.parse(List.of("run")))
        .isInstanceOf(Command.UsageException.class)
        .hasMessageContaining("--bootstrap-servers");
  }

  @Test
  void shouldParseFeed() {
    assertThat(Command.parse(List.of("feed", "--bootstrap-servers", "localhost:9092")))
        .isEqualTo(new Command.Feed(Optional.of("localhost:9092"), Optional.empty()));
  }

  @Test
  void shouldRejectUnknownCommandsAndOptions() {
    assertThatThrownBy(() -> Command.parse(List.of("deploy")))
        .isInstanceOf(Command.UsageException.class)
        .hasMessageContaining("unknown command 'deploy'");
    assertThatThrownBy(() -> Command.parse(List.of("dev", "--fast")))
        .isInstanceOf(Command.UsageException.class)
        .hasMessageContaining("unknown option '--fast' for dev");
  }

  @Test
  void shouldRejectMissingOrInvalidValues() {
    assertThatThrownBy(() -> Command.parse(List.of("dev", "--data-dir")))
        .hasMessageContaining("--data-dir needs a value");
    assertThatThrownBy(() -> Command.parse(List.of("dev", "--http-port", "http")))
        .hasMessageContaining("--http-port must be a port number");
    assertThatThrownBy(() -> Command.parse(List.of("dev", "--http-port", "70000")))
        .hasMessageContaining("--http-port must be a port number");
  }
}
