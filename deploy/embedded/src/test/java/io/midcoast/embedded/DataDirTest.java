package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

  @TempDir Path temp;

  @Test
  void shouldRefuseToWipeADirectoryItDidNotCreate() throws Exception {
    final Path foreign = Files.createDirectories(temp.resolve("home"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");
    assertThatThrownBy(() -> DataDir.wipe(foreign)).hasMessageContaining("refusing to delete");
    assertThat(foreign.resolve("precious.txt")).exists();
  }

  @Test
  void shouldRefuseToMoveIntoANonEmptyForeignDirectory() throws Exception {
    final Path foreign = Files.createDirectories(temp.resolve("home"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");
    assertThatThrownBy(() -> DataDir.prepare(foreign)).hasMessageContaining("not empty");
    assertThat(foreign.resolve(DataDir.OWNER_MARKER)).doesNotExist();
  }

  @Test
  void shouldWipeItsOwnDirectory() throws Exception {
    final Path dir = DataDir.prepare(temp.resolve(".midcoast"));
    Files.createDirectories(dir.resolve("kafka/data"));
    DataDir.wipe(dir);
    assertThat(dir).doesNotExist();
  }

  @Test
  void shouldRememberThatTheFeedWasPublished() {
    final Path dir = DataDir.prepare(temp.resolve(".midcoast"));
    assertThat(DataDir.feedPublished(dir)).isFalse();
    DataDir.markFeedPublished(dir, "2930 records");
    assertThat(DataDir.feedPublished(dir)).isTrue();
  }

  @Test
  void shouldRecordTheStackEndpoints() {
    final Path dir = DataDir.prepare(temp.resolve(".midcoast"));
    final Properties endpoints = new Properties();
    endpoints.setProperty("kafka.bootstrap.servers", "localhost:9092");
    DataDir.writeStackFile(dir, endpoints);
    assertThat(DataDir.stackEndpoint(dir, "kafka.bootstrap.servers")).contains("localhost:9092");
    assertThat(DataDir.stackEndpoint(dir, "missing")).isEmpty();
  }
}
