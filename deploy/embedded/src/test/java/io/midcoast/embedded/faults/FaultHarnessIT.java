package io.midcoast.embedded.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.embedded.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The short fault run ({@link FaultPlan#quick()}): a feed with a known truth through three Kafka
 * nodes and two instances while an instance is killed twice, a broker once, Postgres is stopped and
 * Connect restarted; every table, {@code property.state} and {@code ingest.dlq} must then equal the
 * truth exactly. {@code ./midcoast verify-faults} is the full run.
 *
 * <p>About six minutes on the 2-core machine, the longest test of the suite; {@code
 * -Dmidcoast.faults.it=false} leaves it out of a local run.
 */
@Tag("integration")
@DisabledIfSystemProperty(named = "midcoast.faults.it", matches = "false")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FaultHarnessIT {

  /**
   * The run's directory (the instances' logs, the brokers', Connect's and Postgres' data) is kept
   * under {@code target/} when the run is not exact, and deleted when it is.
   */
  @Test
  void shouldEndExactlyAtTheTruthAfterKillsAndOutages() throws IOException {
    Files.createDirectories(Path.of("target"));
    final Path dir = Files.createTempDirectory(Path.of("target"), "fault-run-");
    final FaultReport report = FaultHarness.run(FaultPlan.quick(), dir);
    System.out.println(report.table());
    if (!report.exact()) {
      System.out.println("the run was not exact; its logs and data are kept in " + dir);
    }

    assertThat(report.faults()).hasSize(FaultPlan.quick().schedule().size());
    assertThat(report.drain().messages()).isEqualTo(report.feed().get("messages"));
    assertThat(report.results())
        .allSatisfy(result -> assertThat(result.exact()).as(result.toString()).isTrue());
    DataDir.deleteRecursively(dir);
  }
}
