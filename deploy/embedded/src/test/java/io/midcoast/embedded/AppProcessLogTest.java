package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppProcessLogTest {

  @Test
  void shouldSumTheRecordsOfTheAppsRestoreLines() {
    final String log =
        String.join(
            "\n",
            "09:13:21.657 INFO  [app-GlobalStreamThread] i.m.serving.query.StreamsRuntime -"
                + " restoring leads-listing-price-store from leads.listing.price-0 offsets 0..12",
            "09:13:21.690 INFO  [app-GlobalStreamThread] i.m.serving.query.StreamsRuntime -"
                + " restored leads-listing-price-store from leads.listing.price-0: 12 records",
            "09:13:22.001 INFO  [app-StreamThread-1] i.m.serving.query.StreamsRuntime - restored"
                + " leads-state-store from app-leads-state-store-changelog-1: 1099 records",
            "09:13:22.002 INFO  [app-StreamThread-1] i.m.serving.query.StreamsRuntime - restored"
                + " leads-state-store from app-leads-state-store-changelog-2: 0 records");

    assertThat(AppProcess.restoredIn(log)).isEqualTo(1_111);
    assertThat(AppProcess.restoredIn("restoring x from y offsets 0..5")).isZero();
  }
}
