package io.midcoast.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the topologies, as README draws it: no package cycles; the shared
 * packages (catalog, config, dead letters, monitor) know nothing of the bounded contexts (ingest,
 * analytics, leads) that use them; the contexts meet only through topics and the catalog.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void shouldReadTheMainClasses() {
    assertThat(MAIN.size()).isGreaterThan(30);
  }

  @Test
  void shouldHaveNoPackageCycles() {
    slices().matching("io.midcoast.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void shouldKeepTheSharedPackagesFreeOfTheContexts() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.midcoast.topology.catalog..",
            "io.midcoast.topology.config..",
            "io.midcoast.topology.deadletter..",
            "io.midcoast.topology.monitor..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.midcoast.topology.ingest..",
            "io.midcoast.topology.analytics..",
            "io.midcoast.topology.leads..")
        .check(MAIN);
  }

  @Test
  void shouldKeepEveryContextOutOfTheOthers() {
    contextIndependent("ingest", "analytics", "leads");
    contextIndependent("analytics", "ingest", "leads");
    contextIndependent("leads", "ingest", "analytics");
  }

  private static void contextIndependent(final String context, final String... others) {
    final String[] packages = new String[others.length];
    for (int i = 0; i < others.length; i++) {
      packages[i] = "io.midcoast.topology." + others[i] + "..";
    }
    noClasses()
        .that()
        .resideInAPackage("io.midcoast.topology." + context + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages)
        .check(MAIN);
  }
}
