package io.midcoast.topology.ingest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midcoast.schemas.Characteristics;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.deadletter.Rejection;
import io.midcoast.topology.ingest.IngestFixtures;
import io.midcoast.topology.ingest.collect.ResoRecord;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The extended RESO facts read by {@link ResoMapper}. */
class ResoMapperTest {

  private static NormalizedRecord map(final ObjectNode json) {
    return ResoMapper.map(new ResoRecord(json));
  }

  private static ObjectNode extended() {
    final ObjectNode json = IngestFixtures.listing("L1");
    json.put("YearBuiltEffective", 2004);
    json.put("BelowGradeFinishedArea", 639.4);
    json.put("BelowGradeUnfinishedArea", "441");
    json.put("BathroomsFull", 2);
    json.put("BathroomsHalf", "1");
    json.put("FireplacesTotal", 0);
    json.put("RoomsTotal", 7.0);
    json.put("CoolingYN", true);
    json.putArray("ArchitecturalStyle").add("One_Story");
    json.putArray("ConstructionMaterials").add("Brick").add(" Vinyl Siding ");
    json.put("FoundationDetails", "Poured Concrete, Block");
    json.put("OverallCondition", 5);
    json.put("PoolPrivateYN", "N");
    json.put("NewConstructionYN", "false");
    json.put("AttachedGarageYN", "Yes");
    json.putArray("SpecialListingConditions").add("ShortSale").add("Auction");
    return json;
  }

  @Test
  void shouldReadEveryExtendedFact() {
    final NormalizedRecord record = map(extended());
    final Characteristics c = record.characteristics();

    assertThat(c.getYearBuiltEffective()).isEqualTo(2004);
    assertThat(c.getBelowGradeFinishedAreaSqft()).isEqualTo(639);
    assertThat(c.getBelowGradeUnfinishedAreaSqft()).isEqualTo(441);
    assertThat(c.getBathroomsFull()).isEqualTo(2);
    assertThat(c.getBathroomsHalf()).isEqualTo(1);
    assertThat(c.getFireplacesTotal()).isZero();
    assertThat(c.getRoomsTotal()).isEqualTo(7);
    assertThat(c.getCoolingYN()).isTrue();
    assertThat(c.getArchitecturalStyle()).isEqualTo("One_Story");
    assertThat(c.getConstructionMaterials()).isEqualTo("Brick,Vinyl Siding");
    assertThat(c.getFoundationDetails()).isEqualTo("Poured Concrete,Block");
    assertThat(c.getOverallCondition()).isEqualTo(5);
    assertThat(c.getPoolPrivateYN()).isFalse();
    assertThat(c.getNewConstructionYN()).isFalse();
    assertThat(c.getAttachedGarageYN()).isTrue();
    assertThat(record.specialListingConditions()).isEqualTo("ShortSale,Auction");
  }

  @Test
  void shouldLeaveAbsentOrBlankExtendedFactsUnknown() {
    final ObjectNode json = IngestFixtures.listing("L1");
    json.putNull("CoolingYN");
    json.put("ArchitecturalStyle", " ");
    json.putArray("ConstructionMaterials");
    json.put("SpecialListingConditions", "");
    final NormalizedRecord record = map(json);
    final Characteristics c = record.characteristics();

    assertThat(c.getYearBuiltEffective()).isNull();
    assertThat(c.getBelowGradeFinishedAreaSqft()).isNull();
    assertThat(c.getCoolingYN()).isNull();
    assertThat(c.getArchitecturalStyle()).isNull();
    assertThat(c.getConstructionMaterials()).isNull();
    assertThat(c.getOverallCondition()).isNull();
    assertThat(record.specialListingConditions()).isNull();
  }

  @Test
  void shouldConvertBelowGradeAreasFromTheirOwnUnits() {
    final ObjectNode json = IngestFixtures.listing("L1");
    json.put("BelowGradeFinishedArea", 50);
    json.put("BelowGradeFinishedAreaUnits", "Square Meters");
    json.put("BelowGradeUnfinishedArea", 300);
    json.put("BelowGradeUnfinishedAreaUnits", "Square Feet");
    final Characteristics c = map(json).characteristics();

    assertThat(c.getBelowGradeFinishedAreaSqft()).isEqualTo(538);
    assertThat(c.getBelowGradeUnfinishedAreaSqft()).isEqualTo(300);
  }

  @Test
  void shouldGiveTheSameListFromAnArrayAndFromACommaString() {
    final ObjectNode array = IngestFixtures.listing("L1");
    array.putArray("SpecialListingConditions").add("Standard").add(" Auction");
    final ObjectNode text = IngestFixtures.listing("L1");
    text.put("SpecialListingConditions", "Standard, Auction");

    assertThat(map(array).specialListingConditions())
        .isEqualTo(map(text).specialListingConditions())
        .isEqualTo("Standard,Auction");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  void shouldRejectAnExtendedFactOfTheWrongType(
      final String name, final Consumer<ObjectNode> breakIt, final RejectReason reason) {
    final ObjectNode json = extended();
    breakIt.accept(json);

    assertThatThrownBy(() -> map(json))
        .isInstanceOf(Rejection.class)
        .extracting(e -> ((Rejection) e).reason())
        .isEqualTo(reason);
  }

  static Stream<Arguments> badFields() {
    return Stream.of(
        Arguments.of(
            "fractional full baths",
            (Consumer<ObjectNode>) j -> j.put("BathroomsFull", 1.5),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "rooms as text",
            (Consumer<ObjectNode>) j -> j.put("RoomsTotal", "seven"),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "cooling maybe",
            (Consumer<ObjectNode>) j -> j.put("CoolingYN", "maybe"),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "pool as object",
            (Consumer<ObjectNode>) j -> j.putObject("PoolPrivateYN"),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "style list holding an object",
            (Consumer<ObjectNode>) j -> j.putArray("ArchitecturalStyle").addObject(),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "materials as object",
            (Consumer<ObjectNode>) j -> j.putObject("ConstructionMaterials"),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "fractional condition",
            (Consumer<ObjectNode>) j -> j.put("OverallCondition", 5.5),
            RejectReason.WRONG_FIELD_TYPE),
        Arguments.of(
            "basement in hectares",
            (Consumer<ObjectNode>) j -> j.put("BelowGradeFinishedAreaUnits", "Hectares"),
            RejectReason.UNKNOWN_UNIT));
  }
}
