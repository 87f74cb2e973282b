package io.midcoast.ml.price;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.reso.SpecialListingConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * The one definition of the price model's features, used by training and by live scoring alike. It
 * reads the canonical Avro records ({@link Characteristics}, {@link Address}), the {@link
 * ExtendedCharacteristics}, the valuation date and the region's trailing median price per square
 * foot ({@link RegionalPriceIndex}) and never a source format.
 *
 * <p>An unknown (null) input produces no feature, which Tribuo reads as 0; trees learn the
 * difference because every real value of these features is non-zero. Categorical values become
 * one-hot features {@code name=value} with value 1.
 *
 * <p>Features of {@link FeatureSet#FEED} (what the live feed carries today):
 *
 * <ul>
 *   <li>{@code living_area}, {@code log_living_area}: {@code livingAreaSqft};
 *   <li>{@code lot_size}, {@code log_lot_size}: {@code lotSizeSqft};
 *   <li>{@code bedrooms}, {@code bathrooms}: {@code bedrooms}, {@code bathrooms};
 *   <li>{@code year_built}, {@code age}: {@code yearBuilt} and valuation year − yearBuilt;
 *   <li>{@code garage_spaces}: {@code garageSpaces};
 *   <li>{@code latitude}, {@code longitude}: address coordinates;
 *   <li>{@code region_ppsf}: the region's trailing median $/sqft as of the valuation date, {@code
 *       region_baseline} = region_ppsf × living area, {@code log_region_baseline};
 *   <li>{@code subtype=*}, {@code zoning=*}, {@code subdivision=*}: one-hot {@code
 *       propertySubType}, {@code zoning}, address {@code subdivision}.
 * </ul>
 *
 * <p>Features added by {@link FeatureSet#EXTENDED}:
 *
 * <ul>
 *   <li>{@code effective_age} = valuation year − {@code yearBuiltEffective}, {@code remodeled} = 1
 *       when yearBuiltEffective is after yearBuilt;
 *   <li>{@code bsmt_finished}, {@code bsmt_unfinished}, {@code bsmt_total}, {@code total_finished}
 *       (living area + finished basement);
 *   <li>{@code baths_full}, {@code baths_half}, {@code baths_weighted} (full + ½ half);
 *   <li>{@code fireplaces}, {@code rooms_total}, {@code condition} (1–9);
 *   <li>{@code central_air}, {@code pool}, {@code new_construction}, {@code attached_garage}: 1
 *       when yes; {@code distressed}: 1 when SpecialListingConditions is a distressed sale ({@link
 *       SpecialListingConditions#distressed}: ShortSale, RealEstateOwned, InForeclosure,
 *       NoticeOfDefault, BankruptcyProperty, HudOwned, Auction);
 *   <li>{@code style=*}, {@code exterior=*}, {@code foundation=*}: one-hot architectural style,
 *       construction material, foundation.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PriceFeatures {

  private static final List<String> FEED_NUMERIC =
      List.of(
          "living_area",
          "log_living_area",
          "lot_size",
          "log_lot_size",
          "bedrooms",
          "bathrooms",
          "year_built",
          "age",
          "garage_spaces",
          "latitude",
          "longitude",
          "region_ppsf",
          "region_baseline",
          "log_region_baseline");

  private static final List<String> EXTENDED_NUMERIC =
      List.of(
          "effective_age",
          "bsmt_finished",
          "bsmt_unfinished",
          "bsmt_total",
          "total_finished",
          "baths_full",
          "baths_half",
          "baths_weighted",
          "fireplaces",
          "rooms_total",
          "condition");

  private final FeatureSet featureSet;

  /** Features of {@code featureSet}. */
  public PriceFeatures(final FeatureSet featureSet) {
    this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
  }

  /** Which feature set this definition computes. */
  public FeatureSet featureSet() {
    return featureSet;
  }

  /** Names of the numeric (not one-hot, not flag) features of this set. */
  public List<String> numericFeatures() {
    if (featureSet == FeatureSet.FEED) {
      return FEED_NUMERIC;
    }
    final List<String> all = new ArrayList<>(FEED_NUMERIC);
    all.addAll(EXTENDED_NUMERIC);
    return List.copyOf(all);
  }

  /** The features of {@code input}, in a fixed order, unknown inputs left out. */
  public List<Feature> features(final PriceInput input) {
    final List<Feature> out = new ArrayList<>(48);
    final Characteristics c = input.characteristics();
    final Address a = input.address();
    final int year = input.asOf().getYear();
    final Integer area = c.getLivingAreaSqft();
    add(out, "living_area", area);
    addLog(out, "log_living_area", area);
    add(out, "lot_size", c.getLotSizeSqft());
    addLog(out, "log_lot_size", c.getLotSizeSqft());
    add(out, "bedrooms", c.getBedrooms());
    add(out, "bathrooms", c.getBathrooms());
    add(out, "year_built", c.getYearBuilt());
    if (c.getYearBuilt() != null) {
      out.add(new Feature("age", year - c.getYearBuilt() + 1));
    }
    add(out, "garage_spaces", c.getGarageSpaces());
    add(out, "latitude", a.getLatitude());
    add(out, "longitude", a.getLongitude());
    final Double ppsf = input.regionMedianPricePerSqft();
    add(out, "region_ppsf", ppsf);
    final double baseline = TargetTransform.baseline(input);
    if (!Double.isNaN(baseline)) {
      out.add(new Feature("region_baseline", baseline));
      out.add(new Feature("log_region_baseline", Math.log(baseline)));
    }
    oneHot(out, "subtype", c.getPropertySubType());
    oneHot(out, "zoning", c.getZoning());
    oneHot(out, "subdivision", a.getSubdivision());
    if (featureSet == FeatureSet.EXTENDED) {
      extended(out, input.extended(), c, year);
    }
    return out;
  }

  /** A training example: the features of {@code input} labelled with {@code target}. */
  public Example<Regressor> example(final PriceInput input, final double target) {
    return example(input, new Regressor(TrainPriceModel.TARGET_NAME, target));
  }

  /** An unlabelled example of {@code input} for scoring. */
  public Example<Regressor> example(final PriceInput input) {
    return example(input, RegressionFactory.UNKNOWN_REGRESSOR);
  }

  private Example<Regressor> example(final PriceInput input, final Regressor label) {
    final ArrayExample<Regressor> example = new ArrayExample<>(label);
    example.addAll(features(input));
    return example;
  }

  private static void extended(
      final List<Feature> out,
      final ExtendedCharacteristics e,
      final Characteristics c,
      final int year) {
    if (e.yearBuiltEffective() != null) {
      out.add(new Feature("effective_age", year - e.yearBuiltEffective() + 1));
      if (c.getYearBuilt() != null) {
        flag(out, "remodeled", e.yearBuiltEffective() > c.getYearBuilt());
      }
    }
    add(out, "bsmt_finished", e.belowGradeFinishedArea());
    add(out, "bsmt_unfinished", e.belowGradeUnfinishedArea());
    if (e.belowGradeFinishedArea() != null || e.belowGradeUnfinishedArea() != null) {
      add(
          out,
          "bsmt_total",
          orZero(e.belowGradeFinishedArea()) + orZero(e.belowGradeUnfinishedArea()));
    }
    if (c.getLivingAreaSqft() != null) {
      add(out, "total_finished", c.getLivingAreaSqft() + orZero(e.belowGradeFinishedArea()));
    }
    add(out, "baths_full", e.bathroomsFull());
    add(out, "baths_half", e.bathroomsHalf());
    if (e.bathroomsFull() != null || e.bathroomsHalf() != null) {
      add(out, "baths_weighted", orZero(e.bathroomsFull()) + 0.5 * orZero(e.bathroomsHalf()));
    }
    add(out, "fireplaces", e.fireplacesTotal());
    add(out, "rooms_total", e.roomsTotal());
    add(out, "condition", e.propertyCondition());
    flag(out, "central_air", e.coolingYn());
    flag(out, "pool", e.poolPrivateYn());
    flag(out, "new_construction", e.newConstructionYn());
    flag(out, "attached_garage", e.attachedGarageYn());
    if (e.specialListingConditions() != null) {
      flag(out, "distressed", SpecialListingConditions.distressed(e.specialListingConditions()));
    }
    oneHot(out, "style", e.architecturalStyle());
    oneHot(out, "exterior", e.constructionMaterials());
    oneHot(out, "foundation", e.foundationDetails());
  }

  private static int orZero(final Integer value) {
    return value == null ? 0 : value;
  }

  private static void add(final List<Feature> out, final String name, final Number value) {
    if (value != null && Double.isFinite(value.doubleValue())) {
      out.add(new Feature(name, value.doubleValue()));
    }
  }

  private static void addLog(final List<Feature> out, final String name, final Number value) {
    if (value != null && value.doubleValue() > 0) {
      out.add(new Feature(name, Math.log(value.doubleValue())));
    }
  }

  /** Flags are present only when true: Tribuo reads an absent feature as 0. */
  private static void flag(final List<Feature> out, final String name, final Boolean value) {
    if (Boolean.TRUE.equals(value)) {
      out.add(new Feature(name, 1.0));
    }
  }

  private static void oneHot(final List<Feature> out, final String name, final String value) {
    if (value != null && !value.isBlank()) {
      out.add(new Feature(name + "=" + value.strip(), 1.0));
    }
  }
}
