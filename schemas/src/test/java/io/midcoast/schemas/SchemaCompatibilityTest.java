package io.midcoast.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards schema evolution: the current schema of every top-level record must be released, and must
 * read data written with every earlier release (backward) while every earlier release can read data
 * written with it (forward).
 */
class SchemaCompatibilityTest {

  static Stream<Class<?>> topLevelRecords() {
    return Stream.of(
        Property.class,
        PropertyObservation.class,
        PropertyAggregate.class,
        DeadLetter.class,
        SourceVersion.class,
        TrendCell.class,
        TrendContributions.class,
        TrendAggregate.class,
        PriceEstimate.class,
        EstimateInput.class,
        RegionIndex.class,
        AccuracySample.class,
        AccuracyContribution.class,
        AccuracySamples.class,
        EstimateAccuracy.class,
        PropertyScore.class,
        LeadProfile.class,
        LeadState.class,
        LeadScoreUpdate.class,
        LeadAlert.class,
        LeadTrainingExample.class,
        ModelRecord.class);
  }

  @ParameterizedTest
  @MethodSource("topLevelRecords")
  void currentSchemaShouldBeReleased(final Class<?> type) {
    final Schema current = SpecificData.get().getSchema(type);
    final long fingerprint = SchemaNormalization.parsingFingerprint64(current);
    assertThat(ReleasedSchemas.shipped().of(type.getSimpleName()))
        .as(
            "the current schema of %s is not released: add it as %s-<next>.avsc to %sindex.txt",
            type.getSimpleName(), type.getSimpleName(), ReleasedSchemas.FOLDER)
        .anyMatch(release -> release.fingerprint() == fingerprint);
  }

  @ParameterizedTest
  @MethodSource("topLevelRecords")
  void currentSchemaShouldBeBackwardAndForwardCompatibleWithEveryRelease(final Class<?> type) {
    final Schema current = SpecificData.get().getSchema(type);
    final List<ReleasedSchemas.Release> releases =
        ReleasedSchemas.shipped().of(type.getSimpleName());
    assertThat(releases).isNotEmpty();
    for (final ReleasedSchemas.Release release : releases) {
      assertThat(
              SchemaCompatibility.checkReaderWriterCompatibility(current, release.schema())
                  .getType())
          .as(
              "backward: current %s must read data written with release %d",
              type.getSimpleName(), release.version())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      assertThat(
              SchemaCompatibility.checkReaderWriterCompatibility(release.schema(), current)
                  .getType())
          .as(
              "forward: release %d of %s must read data written now",
              release.version(), type.getSimpleName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @MethodSource("topLevelRecords")
  void releasedVersionsShouldBeNumberedWithoutGaps(final Class<?> type) {
    final List<Integer> versions =
        ReleasedSchemas.shipped().of(type.getSimpleName()).stream()
            .map(ReleasedSchemas.Release::version)
            .toList();
    assertThat(versions)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
  }

  @org.junit.jupiter.api.Test
  void shouldDetectAnIncompatibleChange() {
    final Schema released = ReleasedSchemas.shipped().of("DeadLetter").get(0).schema();
    final Schema renamedRequiredField =
        new Schema.Parser()
            .parse(released.toString().replace("\"name\":\"reason\"", "\"name\":\"reasonCode\""));
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(renamedRequiredField, released)
                .getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }
}
