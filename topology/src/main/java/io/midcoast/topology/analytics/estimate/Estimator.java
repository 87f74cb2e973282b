package io.midcoast.topology.analytics.estimate;

import io.midcoast.ml.price.ExtendedCharacteristics;
import io.midcoast.ml.price.PriceInput;
import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Factor;
import io.midcoast.schemas.Listing;
import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.RegionIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Values properties with the price model: a group valued in one model call as of one date with one
 * regional index ({@link #value}), and the {@link PriceEstimate} to publish when a valuation moved
 * materially from the published one, with its top factors ({@link #publishable}). Prices are whole
 * dollars.
 */
public final class Estimator {

  /** How many factors an estimate carries. */
  public static final int TOP_FACTORS = 5;

  /** An estimate is republished when its price or a bound moved by at least this fraction. */
  public static final double MATERIAL_ESTIMATE_CHANGE = 0.001;

  private final PriceModel model;

  /**
   * A property's valuation, not yet explained.
   *
   * @param estimate the estimate record, without factors
   * @param input what the model was given (to explain it)
   */
  public record Valuation(PriceEstimate estimate, PriceInput input) {}

  /**
   * @param model the price model
   */
  public Estimator(final PriceModel model) {
    this.model = model;
  }

  /**
   * Values {@code group} in one model call as of {@code asOf} with the regional {@code index}: per
   * property, in order, its valuation, or empty when the model cannot value it.
   */
  public List<Optional<Valuation>> value(
      final List<Property> group, final RegionIndex index, final LocalDate asOf) {
    final List<PriceInput> inputs = new ArrayList<>(group.size());
    for (final Property property : group) {
      inputs.add(input(property, asOf, index.getPricePerSqft()));
    }
    final List<Optional<PriceModel.Estimate>> results = model.estimates(inputs);
    final List<Optional<Valuation>> valuations = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      final PriceInput input = inputs.get(i);
      final Property property = group.get(i);
      valuations.add(
          results.get(i).map(r -> new Valuation(record(property, r, index, asOf), input)));
    }
    return valuations;
  }

  /**
   * The estimate to publish in place of {@code published} (null when none), with its factors; empty
   * when the valuation is not a material change ({@link #sameEstimate}).
   */
  public Optional<PriceEstimate> publishable(
      final PriceEstimate published, final Valuation valuation) {
    if (sameEstimate(published, valuation.estimate())) {
      return Optional.empty();
    }
    final List<Factor> factors = new ArrayList<>(TOP_FACTORS);
    for (final PriceModel.Contribution c : model.explain(valuation.input(), TOP_FACTORS)) {
      factors.add(new Factor(c.feature(), Math.round(c.effect() * 10_000) / 10_000.0));
    }
    return Optional.of(PriceEstimate.newBuilder(valuation.estimate()).setFactors(factors).build());
  }

  /**
   * No material change: price and bounds within {@link #MATERIAL_ESTIMATE_CHANGE}, same model, list
   * price and region. The valuation date, the regional input and the factors alone are not a
   * change.
   */
  public static boolean sameEstimate(final PriceEstimate a, final PriceEstimate b) {
    return a != null
        && close(a.getEstimateCents(), b.getEstimateCents())
        && close(a.getLowCents(), b.getLowCents())
        && close(a.getHighCents(), b.getHighCents())
        && a.getModelVersion().equals(b.getModelVersion())
        && Objects.equals(a.getListPriceCents(), b.getListPriceCents())
        && Objects.equals(a.getCity(), b.getCity())
        && Objects.equals(a.getSubdivision(), b.getSubdivision());
  }

  private static boolean close(final long a, final long b) {
    return Math.abs(a - b) < MATERIAL_ESTIMATE_CHANGE * Math.max(Math.abs(a), Math.abs(b));
  }

  private static PriceInput input(
      final Property property, final LocalDate asOf, final Double regionPricePerSqft) {
    final Listing listing = property.getListing();
    return new PriceInput(
        property.getCharacteristics(),
        property.getAddress(),
        ExtendedCharacteristics.of(
            property.getCharacteristics(),
            listing == null ? null : listing.getSpecialListingConditions()),
        asOf,
        regionPricePerSqft);
  }

  private PriceEstimate record(
      final Property property,
      final PriceModel.Estimate estimate,
      final RegionIndex index,
      final LocalDate asOf) {
    final Listing listing = property.getListing();
    return PriceEstimate.newBuilder()
        .setPropertyId(property.getPropertyId())
        .setModelId(PriceModel.MODEL_ID)
        .setModelVersion(model.version())
        .setEstimateCents(wholeDollars(estimate.price()))
        .setLowCents(wholeDollars(estimate.low()))
        .setHighCents(wholeDollars(estimate.high()))
        .setAsOf(asOf)
        .setCity(property.getAddress().getCity())
        .setSubdivision(property.getAddress().getSubdivision())
        .setRegionPricePerSqftCents(
            index.getPricePerSqft() == null ? null : Math.round(index.getPricePerSqft() * 100))
        .setRegionIndexLevel(index.getLevel())
        .setListPriceCents(
            listing != null && EstimateRules.isListed(listing) ? listing.getListPriceCents() : null)
        .setFactors(List.of())
        .build();
  }

  /** Estimates are rounded to whole dollars: sub-dollar model noise is not a change. */
  private static long wholeDollars(final double dollars) {
    return Math.round(dollars) * 100;
  }
}
