package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.Characteristics;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import io.midcoast.schemas.reso.SpecialListingConditions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The investment, risk and development-potential scores of a property, version {@value
 * #FORMULA_VERSION}. Each score starts from a base and adds the points of each rule that applies,
 * then is clamped to 0–100 and rounded half up; every rule that adds or takes points is a factor
 * (name, points). The inputs are the property, its current estimate, the valuation date (the market
 * clock) and the statistics of its subdivision's recent sales ({@link RegionStats}).
 *
 * <p>Investment (base 50):
 *
 * <ul>
 *   <li>{@code value_gap}: listed only; gap = (estimate − list price) / list price; 250 points per
 *       unit gap (+2.5 per 1% under the estimate), clamped to ±25;
 *   <li>{@code price_momentum}: 150 points per unit momentum, ±15;
 *   <li>{@code price_dispersion}: −50 points per unit of the coefficient of variation above 0.15,
 *       down to −10;
 *   <li>{@code days_on_market}: listed over 60 days: +1 per 9 days beyond 60, up to +10
 *       (negotiating room);
 *   <li>{@code price_cut}: list price below the original list price: 100 points per unit cut, up to
 *       +5.
 * </ul>
 *
 * <p>Risk (base 20):
 *
 * <ul>
 *   <li>{@code price_dispersion}: 100 points per unit coefficient of variation, up to +25;
 *   <li>{@code falling_prices}: negative momentum, 200 points per unit fall, up to +20;
 *   <li>{@code age}: 0.3 points per year beyond 30 years, up to +15;
 *   <li>{@code estimate_uncertainty}: width of the 80% interval / estimate beyond 0.2, 100 points
 *       per unit, up to +15;
 *   <li>{@code days_on_market}: listed over 90 days: +1 per 6 days beyond 90, up to +10;
 *   <li>{@code price_cut}: 200 points per unit cut, up to +10;
 *   <li>{@code distressed_sale}: any of the listing's special listing conditions is a distressed
 *       sale ({@link SpecialListingConditions#distressed}): +15;
 *   <li>{@code poor_condition}: overall condition 4 or lower: +3 per point below 5.
 * </ul>
 *
 * <p>Development potential (base 10):
 *
 * <ul>
 *   <li>{@code lot_to_living_area}: lot size / living area beyond 3, 4 points per unit, up to +40;
 *   <li>{@code zoning}: denser or mixed zoning (residential medium/high density, floating village,
 *       commercial, industrial): +15; agricultural: +10; residential low density: +5;
 *   <li>{@code large_lot}: lot of 15,000 sq ft or more: +10 (room to subdivide);
 *   <li>{@code age}: 0.5 points per year beyond 40 years, up to +15 (rebuild candidate);
 *   <li>{@code poor_condition}: overall condition 5 or lower: +3 per point below 6, up to +15.
 * </ul>
 *
 * Momentum and dispersion are left out when the subdivision has too few sales ({@link
 * RegionStats}). Pure and thread-safe.
 */
public final class PropertyScores {

  /** Version of the formulas above; bump it with any change. */
  public static final String FORMULA_VERSION = "1";

  private PropertyScores() {}

  /**
   * The scores of {@code property}.
   *
   * @param property the property
   * @param estimate its current estimate, or null when it has none
   * @param asOf the valuation date
   * @param region its subdivision's recent-sales statistics
   */
  public static PropertyScore score(
      final Property property,
      final PriceEstimate estimate,
      final LocalDate asOf,
      final RegionStats region) {
    final Characteristics c = property.getCharacteristics();
    final Listing listing = property.getListing();
    final boolean listed = listing != null && EstimateRules.isListed(listing);
    final Long listPrice = listed ? listing.getListPriceCents() : null;
    final Integer daysOnMarket = listed ? EstimateRules.daysOnMarket(listing, asOf) : null;
    final double cut = listed ? priceCut(listing) : 0.0;
    final Integer age = c.getYearBuilt() == null ? null : asOf.getYear() - c.getYearBuilt();

    final Score investment = new Score(50);
    if (estimate != null && listPrice != null && listPrice > 0) {
      final double gap = (estimate.getEstimateCents() - listPrice) / (double) listPrice;
      investment.add("value_gap", clamp(gap * 250, -25, 25));
    }
    if (region.momentum() != null) {
      investment.add("price_momentum", clamp(region.momentum() * 150, -15, 15));
    }
    if (region.dispersion() != null) {
      investment.add("price_dispersion", -clamp((region.dispersion() - 0.15) * 50, 0, 10));
    }
    if (daysOnMarket != null && daysOnMarket > 60) {
      investment.add("days_on_market", clamp((daysOnMarket - 60) / 9.0, 0, 10));
    }
    investment.add("price_cut", clamp(cut * 100, 0, 5));

    final Score risk = new Score(20);
    if (region.dispersion() != null) {
      risk.add("price_dispersion", clamp(region.dispersion() * 100, 0, 25));
    }
    if (region.momentum() != null) {
      risk.add("falling_prices", clamp(-region.momentum() * 200, 0, 20));
    }
    if (age != null) {
      risk.add("age", clamp((age - 30) * 0.3, 0, 15));
    }
    if (estimate != null && estimate.getEstimateCents() > 0) {
      final double width =
          (estimate.getHighCents() - estimate.getLowCents()) / (double) estimate.getEstimateCents();
      risk.add("estimate_uncertainty", clamp((width - 0.2) * 100, 0, 15));
    }
    if (daysOnMarket != null && daysOnMarket > 90) {
      risk.add("days_on_market", clamp((daysOnMarket - 90) / 6.0, 0, 10));
    }
    risk.add("price_cut", clamp(cut * 200, 0, 10));
    if (listing != null
        && SpecialListingConditions.distressed(listing.getSpecialListingConditions())) {
      risk.add("distressed_sale", 15);
    }
    if (c.getOverallCondition() != null && c.getOverallCondition() <= 4) {
      risk.add("poor_condition", 3.0 * (5 - c.getOverallCondition()));
    }

    final Score development = new Score(10);
    if (c.getLotSizeSqft() != null && c.getLivingAreaSqft() != null && c.getLivingAreaSqft() > 0) {
      final double ratio = c.getLotSizeSqft() / (double) c.getLivingAreaSqft();
      development.add("lot_to_living_area", clamp((ratio - 3) * 4, 0, 40));
    }
    development.add("zoning", zoningPoints(c.getZoning()));
    if (c.getLotSizeSqft() != null && c.getLotSizeSqft() >= 15_000) {
      development.add("large_lot", 10);
    }
    if (age != null) {
      development.add("age", clamp((age - 40) * 0.5, 0, 15));
    }
    if (c.getOverallCondition() != null && c.getOverallCondition() <= 5) {
      development.add("poor_condition", clamp(3.0 * (6 - c.getOverallCondition()), 0, 15));
    }

    return PropertyScore.newBuilder()
        .setPropertyId(property.getPropertyId())
        .setAsOf(asOf)
        .setFormulaVersion(FORMULA_VERSION)
        .setInvestment(investment.value())
        .setRisk(risk.value())
        .setDevelopment(development.value())
        .setInvestmentFactors(investment.factors())
        .setRiskFactors(risk.factors())
        .setDevelopmentFactors(development.factors())
        .build();
  }

  /** (original list price − list price) / original list price; 0 when not cut or unknown. */
  static double priceCut(final Listing listing) {
    final Long list = listing.getListPriceCents();
    final Long original = listing.getOriginalListPriceCents();
    if (list == null || original == null || original <= 0 || list >= original) {
      return 0.0;
    }
    return (original - list) / (double) original;
  }

  static double zoningPoints(final String zoning) {
    if (zoning == null) {
      return 0;
    }
    final String z = zoning.toLowerCase(Locale.ROOT);
    if (z.contains("high_density")
        || z.contains("medium_density")
        || z.contains("floating_village")
        || z.startsWith("c_")
        || z.startsWith("i_")
        || z.contains("commercial")
        || z.contains("industrial")) {
      return 15;
    }
    if (z.startsWith("a_") || z.contains("agri")) {
      return 10;
    }
    return z.contains("low_density") ? 5 : 0;
  }

  static double clamp(final double value, final double min, final double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static final class Score {
    private final List<Factor> factors = new ArrayList<>();
    private double total;

    Score(final double base) {
      this.total = base;
    }

    void add(final String name, final double points) {
      if (points != 0.0) {
        final double rounded = Math.round(points * 100) / 100.0;
        factors.add(new Factor(name, rounded));
        total += points;
      }
    }

    int value() {
      return (int) Math.round(clamp(total, 0, 100));
    }

    List<Factor> factors() {
      final List<Factor> sorted = new ArrayList<>(factors);
      sorted.sort(
          Comparator.comparingDouble((Factor f) -> -Math.abs(f.getEffect()))
              .thenComparing(Factor::getName));
      return sorted;
    }
  }
}
