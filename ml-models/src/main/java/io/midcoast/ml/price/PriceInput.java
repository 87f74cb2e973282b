package io.midcoast.ml.price;

import io.midcoast.schemas.Address;
import io.midcoast.schemas.Characteristics;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything {@link PriceFeatures} reads to describe one property at one date.
 *
 * @param characteristics canonical physical facts
 * @param address canonical address (subdivision, city, coordinates)
 * @param extended extended physical facts ({@link ExtendedCharacteristics#EMPTY} when none)
 * @param asOf the valuation date: the close date in training, today (or the listing date) live
 * @param regionMedianPricePerSqft the region's trailing median close price per square foot of
 *     living area from sales strictly before {@code asOf} ({@link RegionalPriceIndex}); null when
 *     the region has no history
 */
public record PriceInput(
    Characteristics characteristics,
    Address address,
    ExtendedCharacteristics extended,
    LocalDate asOf,
    Double regionMedianPricePerSqft) {

  /** Checks the non-null components. */
  public PriceInput {
    Objects.requireNonNull(characteristics, "characteristics");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(extended, "extended");
    Objects.requireNonNull(asOf, "asOf");
  }
}
