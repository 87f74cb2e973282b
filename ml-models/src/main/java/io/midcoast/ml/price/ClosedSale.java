package io.midcoast.ml.price;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One closed sale as the price model sees it: the canonical address and characteristics (as the
 * ingest process stage produces them), the extended facts, and the close.
 *
 * @param sourceKey identity of the source record, e.g. {@code AMES-12}
 * @param address normalized address
 * @param characteristics normalized physical facts
 * @param extended extended physical facts ({@link ExtendedCharacteristics#EMPTY} when none)
 * @param closeDate calendar date of the close
 * @param closePriceCents close price in cents
 */
public record ClosedSale(
    String sourceKey,
    Address address,
    Characteristics characteristics,
    ExtendedCharacteristics extended,
    LocalDate closeDate,
    long closePriceCents) {

  /** Checks the non-null components. */
  public ClosedSale {
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(characteristics, "characteristics");
    Objects.requireNonNull(extended, "extended");
    Objects.requireNonNull(closeDate, "closeDate");
  }

  /** Close price in dollars. */
  public double closePrice() {
    return closePriceCents / 100.0;
  }

  /** Close price per square foot of living area, or NaN when the area is unknown or zero. */
  public double pricePerSqft() {
    final Integer area = characteristics.getLivingAreaSqft();
    return area == null || area <= 0 ? Double.NaN : closePrice() / area;
  }

  /** The scoring input of this sale, given the regional median $/sqft as of its close date. */
  public PriceInput input(final Double regionMedianPricePerSqft) {
    return new PriceInput(characteristics, address, extended, closeDate, regionMedianPricePerSqft);
  }
}
