package io.midcoast.serving.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midcoast.schemas.ModelRecord;
import io.midcoast.schemas.ModelStage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  private static final String ID = "midcoast-lead";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static ModelRecord model(
      final String id, final String version, final ModelStage stage, final int minute) {
    return ModelRecord.newBuilder()
        .setModelId(id)
        .setVersion(version)
        .setStage(stage)
        .setKind("lead-classifier")
        .setCreatedAt(T0.plusSeconds(60L * minute))
        .setMetadataJson("{}")
        .setPayload(ByteBuffer.wrap(new byte[] {1}))
        .build();
  }

  /**
   * A challenger is judged on final outcomes after its data end (90 days + the grace later): the
   * trainer leaves it its seat until then and {@link ModelCatalog#JUDGING} more.
   */
  @Test
  void shouldSeatTheChallengerUntilItsOutcomesCouldHaveJudgedIt() {
    final ModelRecord challenger =
        ModelRecord.newBuilder(model(ID, "3", ModelStage.CHALLENGER, 2))
            .setMetadataJson(
                "{\"trainingTo\":\"2024-03-01T00:00:00Z\",\"holdoutTo\":\"2024-04-01T00:00:00Z\","
                    + "\"features\":[],\"transforms\":[],\"bins\":[],\"trainer\":{},"
                    + "\"means\":[],\"sds\":[]}")
            .build();
    final ModelCatalog catalog =
        ModelCatalog.of(List.of(model(ID, "2", ModelStage.CHAMPION, 1), challenger));

    assertThat(catalog.challengerSeatedUntil(ID))
        .contains(Instant.parse("2024-04-01T00:00:00Z").plus(Duration.ofDays(90 + 7 + 30)));
    assertThat(
            ModelCatalog.of(List.of(model(ID, "2", ModelStage.CHAMPION, 1)))
                .challengerSeatedUntil(ID))
        .isEmpty();
    // metadata the trainer cannot read does not hold it back
    assertThat(
            ModelCatalog.of(
                    List.of(ModelRecord.newBuilder(challenger).setMetadataJson("not json").build()))
                .challengerSeatedUntil(ID))
        .isEmpty();
  }

  @Test
  void shouldStartAtVersionOneAndRequestTheFirstModelAsAChallenger() {
    final ModelCatalog empty = ModelCatalog.of(List.of());

    assertThat(empty.nextVersion(ID)).isEqualTo("1");
    final List<ModelRecord> records = empty.publication(model(ID, "1", ModelStage.UNKNOWN, 0), T0);
    // the authority names what it shadows: the catalog's view may be stale
    assertThat(records).extracting(ModelRecord::getStage).containsExactly(ModelStage.CHALLENGER);
    assertThat(records.get(0).getStageReason()).isEqualTo("published by the trainer at " + T0);
    assertThat(records.get(0).getExpectedChampion()).isNull();
  }

  @Test
  void shouldNumberAfterTheGreatestVersionEverPublishedRetiredOnesIncluded() {
    final ModelCatalog catalog =
        ModelCatalog.of(
            List.of(
                model(ID, "2", ModelStage.CHAMPION, 1),
                model(ID, "9", ModelStage.RETIRED, 0),
                model(ID, "10", ModelStage.RETIRED, 2),
                model(ID, "2024-experiment", ModelStage.RETIRED, 3),
                model("other-model", "40", ModelStage.CHAMPION, 0)));

    assertThat(catalog.nextVersion(ID)).isEqualTo("11");
    assertThat(catalog.nextVersion("other-model")).isEqualTo("41");
    assertThat(catalog.nextVersion("new-model")).isEqualTo("1");
  }

  @Test
  void shouldRequestOnlyTheNewModelAndLeaveRetirementsToTheAuthority() {
    final ModelCatalog catalog =
        ModelCatalog.of(
            List.of(
                model(ID, "1", ModelStage.CHAMPION, 0),
                model(ID, "2", ModelStage.CHALLENGER, 1),
                model("other-model", "5", ModelStage.CHALLENGER, 1)));

    final List<ModelRecord> records =
        catalog.publication(model(ID, "3", ModelStage.UNKNOWN, 2), T0);
    assertThat(records)
        .extracting(r -> r.getModelId() + ":" + r.getVersion() + "=" + r.getStage())
        .containsExactly("midcoast-lead:3=CHALLENGER");
    // what it shadows is the authority's to say: the catalog's champion may be stale
    assertThat(records.get(0).getStageReason()).doesNotContain("champion");
  }

  @Test
  void shouldKeepTheLatestRecordOfAKeyAndPickTheNewestChampion() {
    final ModelCatalog catalog =
        ModelCatalog.of(
            List.of(
                model(ID, "1", ModelStage.CHAMPION, 0),
                model(ID, "2", ModelStage.CHAMPION, 5),
                model(ID, "1", ModelStage.RETIRED, 0)));

    assertThat(catalog.all()).hasSize(2);
    assertThat(catalog.champion(ID)).map(ModelRecord::getVersion).contains("2");
  }

  @Test
  void shouldRequestAPromotionWithThePayloadAndNoCondition() {
    final ModelCatalog catalog =
        ModelCatalog.of(
            List.of(
                model(ID, "1", ModelStage.CHAMPION, 0),
                model(ID, "2", ModelStage.CHALLENGER, 1),
                model("other-model", "1", ModelStage.CHAMPION, 0)));

    final List<ModelRecord> records = catalog.promotion(ID, "2", "promoted by an operator", T0);

    assertThat(records)
        .extracting(r -> r.getModelId() + ":" + r.getVersion() + "=" + r.getStage())
        .containsExactly("midcoast-lead:2=CHAMPION");
    assertThat(records.get(0).getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] {1}));
    assertThat(records.get(0).getCreatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(records.get(0).getExpectedChampion()).isNull();
  }

  @Test
  void shouldRefuseToPromoteAnUnknownVersionOrTheChampion() {
    final ModelCatalog catalog = ModelCatalog.of(List.of(model(ID, "1", ModelStage.CHAMPION, 0)));

    assertThatThrownBy(() -> catalog.promotion(ID, "7", "x", T0))
        .isInstanceOf(ModelCatalog.UnknownModelException.class)
        .hasMessageContaining("midcoast-lead:7");
    assertThatThrownBy(() -> catalog.promotion(ID, "1", "x", T0))
        .isInstanceOf(ModelCatalog.AlreadyChampionException.class);
  }
}
