package io.midcoast.topology.analytics.estimate;

import io.midcoast.schemas.PriceEstimate;
import io.midcoast.schemas.Property;
import io.midcoast.schemas.PropertyScore;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Scores a property ({@link PropertyScores}, with its estimate and its subdivision's {@link
 * RegionStats}) and says whether the score is news: it is published when a score, the formula
 * version or a factor changed.
 */
public final class Scorer {

  private Scorer() {}

  /**
   * The property's score as of {@code asOf} when it differs from {@code published} (null when
   * none); empty when it is the same.
   *
   * @param published the score last published, or null
   * @param property the property
   * @param estimate its current estimate, or null
   * @param asOf the valuation date
   * @param stats its subdivision's statistics as of {@code asOf}
   */
  public static Optional<PropertyScore> rescore(
      final PropertyScore published,
      final Property property,
      final PriceEstimate estimate,
      final LocalDate asOf,
      final RegionStats stats) {
    final PropertyScore score = PropertyScores.score(property, estimate, asOf, stats);
    return sameScore(published, score) ? Optional.empty() : Optional.of(score);
  }

  /** Same scores, formula version and factors; false when {@code a} is null. */
  public static boolean sameScore(final PropertyScore a, final PropertyScore b) {
    return a != null
        && a.getInvestment() == b.getInvestment()
        && a.getRisk() == b.getRisk()
        && a.getDevelopment() == b.getDevelopment()
        && a.getFormulaVersion().equals(b.getFormulaVersion())
        && a.getInvestmentFactors().equals(b.getInvestmentFactors())
        && a.getRiskFactors().equals(b.getRiskFactors())
        && a.getDevelopmentFactors().equals(b.getDevelopmentFactors());
  }
}
