package io.midcoast.topology.leads;

import java.util.Locale;

/**
 * Champion/challenger evaluation over labelled outcomes, as plain text (the values of the internal
 * topic {@value LeadTopology#EVALUATION_BY_CHALLENGER} and of {@value
 * LeadTopology#EVALUATION_STORE}).
 *
 * <p>A contribution is one newly labelled example scored by the challenger, the champion and the
 * rules: {@code "<championKey>|<label>|<pChallenger>|<pChampion>|<pRules>"} keyed by the
 * challenger's {@code "<modelId>:<version>"}. The running total per challenger is {@code
 * "<championKey>|<n>|<lossChallenger>|<lossChampion>|<closed>|<lossRules>|<sqChampion>|<sqRules>"}:
 * summed log losses, and the summed squares of the paired improvements (champion's loss −
 * challenger's, rules' loss − challenger's) for their standard errors; it restarts when the
 * champion changes. Texts of the earlier four- and five-field forms still decode (a contribution
 * without the rules' probability counts the champion's for it; a total without the squares starts
 * over).
 */
final class ModelEvaluation {

  private static final double CLAMP = 1e-15;

  /**
   * One labelled example scored by both models.
   *
   * @param championKey {@code "<modelId>:<version>"} of the champion (rules included)
   * @param label the outcome, 0 or 1
   * @param challenger the challenger's probability
   * @param champion the champion's probability
   * @param rules the rule-based scorer's probability
   */
  record Contribution(
      String championKey, int label, double challenger, double champion, double rules) {

    String encode() {
      return championKey
          + "|"
          + label
          + "|"
          + num(challenger)
          + "|"
          + num(champion)
          + "|"
          + num(rules);
    }

    static Contribution decode(final String text) {
      final String[] f = text.split("\\|", -1);
      final double champion = Double.parseDouble(f[3]);
      return new Contribution(
          f[0],
          Integer.parseInt(f[1]),
          Double.parseDouble(f[2]),
          champion,
          f.length > 4 ? Double.parseDouble(f[4]) : champion);
    }
  }

  /**
   * The running total of one challenger.
   *
   * @param championKey the champion it is compared with
   * @param n outcomes
   * @param challengerLoss summed log loss of the challenger
   * @param championLoss summed log loss of the champion
   * @param closed whether the evaluation is over (promoted, or the challenger left its stage)
   * @param rulesLoss summed log loss of the rules
   * @param championSquares summed squares of (champion's loss − challenger's) per outcome
   * @param rulesSquares summed squares of (rules' loss − challenger's) per outcome
   */
  record Totals(
      String championKey,
      long n,
      double challengerLoss,
      double championLoss,
      boolean closed,
      double rulesLoss,
      double championSquares,
      double rulesSquares) {

    static Totals empty(final String championKey) {
      return new Totals(championKey, 0, 0, 0, false, 0, 0, 0);
    }

    Totals plus(final Contribution c) {
      final double challenger = logLoss(c.challenger(), c.label());
      final double champion = logLoss(c.champion(), c.label());
      final double rules = logLoss(c.rules(), c.label());
      return new Totals(
          championKey,
          n + 1,
          challengerLoss + challenger,
          championLoss + champion,
          closed,
          rulesLoss + rules,
          championSquares + (champion - challenger) * (champion - challenger),
          rulesSquares + (rules - challenger) * (rules - challenger));
    }

    Totals close() {
      return new Totals(
          championKey,
          n,
          challengerLoss,
          championLoss,
          true,
          rulesLoss,
          championSquares,
          rulesSquares);
    }

    double challengerMean() {
      return n == 0 ? Double.NaN : challengerLoss / n;
    }

    double championMean() {
      return n == 0 ? Double.NaN : championLoss / n;
    }

    double rulesMean() {
      return n == 0 ? Double.NaN : rulesLoss / n;
    }

    /** The paired z of the challenger's improvement over the champion. */
    double zOverChampion() {
      return z(championLoss - challengerLoss, championSquares);
    }

    /** The paired z of the challenger's improvement over the rules. */
    double zOverRules() {
      return z(rulesLoss - challengerLoss, rulesSquares);
    }

    /** Mean improvement ÷ its standard error, from the sums of the paired differences. */
    private double z(final double sum, final double squares) {
      if (n < 2) {
        return Double.NaN;
      }
      final double mean = sum / n;
      final double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
      if (variance == 0) {
        return mean > 0 ? Double.POSITIVE_INFINITY : 0;
      }
      return mean / Math.sqrt(variance / n);
    }

    /**
     * The promotion rule: at least {@link LeadRules#MIN_OUTCOMES} outcomes, and a mean log loss
     * lower than the champion's and the rules' by {@link LeadRules#PROMOTION_MARGIN} of theirs,
     * each improvement significant ({@link LeadRules#PROMOTION_Z}, paired over the same outcomes).
     */
    boolean challengerWins() {
      return !closed
          && n >= LeadRules.MIN_OUTCOMES
          && challengerMean() <= championMean() * (1 - LeadRules.PROMOTION_MARGIN)
          && challengerMean() <= rulesMean() * (1 - LeadRules.PROMOTION_MARGIN)
          && zOverChampion() >= LeadRules.PROMOTION_Z
          && zOverRules() >= LeadRules.PROMOTION_Z;
    }

    String encode() {
      return championKey
          + "|"
          + n
          + "|"
          + num(challengerLoss)
          + "|"
          + num(championLoss)
          + "|"
          + (closed ? 1 : 0)
          + "|"
          + num(rulesLoss)
          + "|"
          + num(championSquares)
          + "|"
          + num(rulesSquares);
    }

    static Totals decode(final String text) {
      final String[] f = text.split("\\|", -1);
      final boolean closed = "1".equals(f[4]);
      if (f.length < 8) {
        // a total from before the rules and the squares: keep a closed one closed, else start over
        return closed ? empty(f[0]).close() : empty(f[0]);
      }
      return new Totals(
          f[0],
          Long.parseLong(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          closed,
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]),
          Double.parseDouble(f[7]));
    }
  }

  private ModelEvaluation() {}

  /** Log loss of probability {@code p} for {@code label}, p clamped to [1e-15, 1 − 1e-15]. */
  static double logLoss(final double p, final int label) {
    final double q = Math.min(1 - CLAMP, Math.max(CLAMP, p));
    return label == 1 ? -Math.log(q) : -Math.log(1 - q);
  }

  private static String num(final double x) {
    return String.format(Locale.ROOT, "%.17g", x);
  }
}
