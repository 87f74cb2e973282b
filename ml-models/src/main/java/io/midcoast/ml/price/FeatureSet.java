package io.midcoast.ml.price;

/** Which inputs {@link PriceFeatures} turns into features. */
public enum FeatureSet {
  /** Only what the live RESO feed and the canonical {@code Characteristics} carry today. */
  FEED,
  /** {@link #FEED} plus {@link ExtendedCharacteristics}. */
  EXTENDED
}
