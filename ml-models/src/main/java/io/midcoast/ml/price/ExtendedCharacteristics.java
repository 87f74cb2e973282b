package io.midcoast.ml.price;

import io.midcoast.schemas.Characteristics;
import java.util.List;

/**
 * Physical facts beyond {@link io.midcoast.schemas.Characteristics} that RESO Data Dictionary 2.0
 * Property records carry and that the price model can use. Held apart from the canonical record
 * until the schema carries these fields (docs/price-model.md lists the proposed Avro fields); every
 * field is nullable (unknown), and {@link #EMPTY} is the value for a record that has none of them.
 *
 * @param yearBuiltEffective RESO {@code YearBuiltEffective}: year of the last major remodel
 * @param belowGradeFinishedArea RESO {@code BelowGradeFinishedArea}, square feet
 * @param belowGradeUnfinishedArea RESO {@code BelowGradeUnfinishedArea}, square feet
 * @param bathroomsFull RESO {@code BathroomsFull}: full baths, above and below grade
 * @param bathroomsHalf RESO {@code BathroomsHalf}: half baths, above and below grade
 * @param fireplacesTotal RESO {@code FireplacesTotal}
 * @param roomsTotal RESO {@code RoomsTotal} (above grade, without baths)
 * @param coolingYn RESO {@code CoolingYN} (central air)
 * @param architecturalStyle RESO {@code ArchitecturalStyle}, first value (e.g. {@code Two_Story})
 * @param constructionMaterials RESO {@code ConstructionMaterials}, first value (exterior cladding)
 * @param foundationDetails RESO {@code FoundationDetails}, first value
 * @param propertyCondition overall condition rating 1 (very poor) to 10 (very excellent), the local
 *     field {@code OverallCondition}: RESO's {@code PropertyCondition} lookup (Fixer, Updated/
 *     Remodeled, ...) has no rating scale
 * @param poolPrivateYn RESO {@code PoolPrivateYN}
 * @param newConstructionYn RESO {@code NewConstructionYN}
 * @param attachedGarageYn RESO {@code AttachedGarageYN}
 * @param specialListingConditions RESO {@code SpecialListingConditions}, first value (e.g. {@code
 *     Standard}, {@code ShortSale}, {@code RealEstateOwned})
 */
public record ExtendedCharacteristics(
    Integer yearBuiltEffective,
    Integer belowGradeFinishedArea,
    Integer belowGradeUnfinishedArea,
    Integer bathroomsFull,
    Integer bathroomsHalf,
    Integer fireplacesTotal,
    Integer roomsTotal,
    Boolean coolingYn,
    String architecturalStyle,
    String constructionMaterials,
    String foundationDetails,
    Integer propertyCondition,
    Boolean poolPrivateYn,
    Boolean newConstructionYn,
    Boolean attachedGarageYn,
    String specialListingConditions) {

  /** No extended facts known. */
  public static final ExtendedCharacteristics EMPTY =
      new ExtendedCharacteristics(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null);

  /** The RESO Data Dictionary field name of each component, in declaration order. */
  public static final List<String> RESO_FIELDS =
      List.of(
          "YearBuiltEffective",
          "BelowGradeFinishedArea",
          "BelowGradeUnfinishedArea",
          "BathroomsFull",
          "BathroomsHalf",
          "FireplacesTotal",
          "RoomsTotal",
          "CoolingYN",
          "ArchitecturalStyle",
          "ConstructionMaterials",
          "FoundationDetails",
          "OverallCondition",
          "PoolPrivateYN",
          "NewConstructionYN",
          "AttachedGarageYN",
          "SpecialListingConditions");

  /**
   * The extended facts of a canonical {@link Characteristics} (as ingest stores them) and the
   * listing's special listing conditions: the live-scoring counterpart of {@link
   * ResoSales#extended}, taking the first value of each comma-joined list field as the feed reader
   * does.
   *
   * @param c canonical characteristics
   * @param specialListingConditions the listing's comma-joined SpecialListingConditions, or null
   */
  public static ExtendedCharacteristics of(
      final Characteristics c, final String specialListingConditions) {
    return new ExtendedCharacteristics(
        c.getYearBuiltEffective(),
        c.getBelowGradeFinishedAreaSqft(),
        c.getBelowGradeUnfinishedAreaSqft(),
        c.getBathroomsFull(),
        c.getBathroomsHalf(),
        c.getFireplacesTotal(),
        c.getRoomsTotal(),
        c.getCoolingYN(),
        firstValue(c.getArchitecturalStyle()),
        firstValue(c.getConstructionMaterials()),
        firstValue(c.getFoundationDetails()),
        c.getOverallCondition(),
        c.getPoolPrivateYN(),
        c.getNewConstructionYN(),
        c.getAttachedGarageYN(),
        firstValue(specialListingConditions));
  }

  /** The text before the first comma, stripped; null when none is left. */
  static String firstValue(final String commaJoined) {
    if (commaJoined == null) {
      return null;
    }
    final int comma = commaJoined.indexOf(',');
    final String first = (comma < 0 ? commaJoined : commaJoined.substring(0, comma)).strip();
    return first.isEmpty() ? null : first;
  }
}
