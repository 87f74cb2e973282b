package io.midcoast.ml.price;

/**
 * What the regressor is trained to predict, and how a prediction becomes a price in dollars. Stored
 * with the model (in its summary JSON) so scoring always inverts the transform it was trained with.
 */
public enum TargetTransform {
  /** {@code ln(price)}; price = {@code exp(prediction)}. */
  LOG_PRICE,
  /**
   * {@code ln(price / (regionMedianPricePerSqft × livingArea))}: the log premium over the regional
   * baseline; price = {@code exp(prediction) × baseline}. Needs both inputs.
   */
  LOG_RATIO;

  /** The training target for {@code price} dollars, or NaN when the input lacks what it needs. */
  public double target(final double price, final PriceInput input) {
    if (this == LOG_PRICE) {
      return Math.log(price);
    }
    final double baseline = baseline(input);
    return Double.isNaN(baseline) ? Double.NaN : Math.log(price / baseline);
  }

  /** The price in dollars for a model output, or NaN when the input lacks what it needs. */
  public double price(final double prediction, final PriceInput input) {
    if (this == LOG_PRICE) {
      return Math.exp(prediction);
    }
    return Math.exp(prediction) * baseline(input);
  }

  /** Regional median $/sqft × living area, or NaN when either is unknown. */
  static double baseline(final PriceInput input) {
    final Integer area = input.characteristics().getLivingAreaSqft();
    final Double ppsf = input.regionMedianPricePerSqft();
    if (area == null || area <= 0 || ppsf == null || !(ppsf > 0)) {
      return Double.NaN;
    }
    return ppsf * area;
  }
}
