package io.midcoast.serving;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the application: one concern per package (http, json, query, push,
 * metrics, leads) without cycles; only the wiring in the root package ({@code Main}, {@code
 * MidcoastApp}, {@code ServingSettings}) sees every package; and serving reaches the topologies
 * only through their public contract (the catalog of topics and stores, config, monitor, the
 * composed topology), never through a processor's internals.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void shouldReadTheMainClasses() {
    assertThat(MAIN.size()).isGreaterThan(30);
  }

  @Test
  void shouldHaveNoCyclesBetweenTheConcerns() {
    slices().matching("io.midcoast.serving.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void shouldLeaveTheWiringToTheRootPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.midcoast.serving.*..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.midcoast.serving")
        .check(MAIN);
  }

  @Test
  void shouldNotReachIntoTopologyInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.midcoast.topology.ingest..",
            "io.midcoast.topology.analytics..",
            "io.midcoast.topology.leads..")
        .as(
            "serving uses the topologies' contract (catalog, config, monitor, the error handlers),"
                + " not their internals")
        .allowEmptyShould(false)
        .check(MAIN);
  }
}
