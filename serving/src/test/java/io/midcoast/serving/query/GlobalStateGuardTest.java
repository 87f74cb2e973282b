package io.midcoast.serving.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalStateGuardTest {

  @TempDir Path stateDir;

  @Test
  void shouldKeepTheGlobalStoresAfterACleanStop() throws Exception {
    final Path store = globalStore();
    final GlobalStateGuard guard = new GlobalStateGuard(stateDir, "app");

    guard.starting();
    guard.stoppedCleanly();
    new GlobalStateGuard(stateDir, "app").starting();

    assertThat(store).exists();
  }

  @Test
  void shouldRebuildTheGlobalStoresAfterAnUncleanStop() throws Exception {
    final Path store = globalStore();
    new GlobalStateGuard(stateDir, "app").starting();
    // killed: stoppedCleanly never ran

    new GlobalStateGuard(stateDir, "app").starting();

    assertThat(stateDir.resolve("app/global")).doesNotExist();
    assertThat(store).doesNotExist();
    assertThat(stateDir.resolve("app/0_1/rocksdb/store")).as("task state is Streams' own").exists();
  }

  @Test
  void shouldTouchNoOtherApplication() throws Exception {
    globalStore();
    new GlobalStateGuard(stateDir, "app").starting();
    new GlobalStateGuard(stateDir, "other").starting();
    new GlobalStateGuard(stateDir, "other").starting();

    assertThat(stateDir.resolve("app/global")).exists();
  }

  private Path globalStore() throws Exception {
    final Path store = stateDir.resolve("app/global/rocksdb/leads-listing-price-store");
    Files.createDirectories(store);
    Files.writeString(store.resolve("CURRENT"), "MANIFEST-000001");
    Files.createDirectories(stateDir.resolve("app/0_1/rocksdb/store"));
    return store;
  }
}
