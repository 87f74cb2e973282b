package io.midcoast.topology.leads;

import java.util.Locale;

/**
 * Champion/challenger evaluation over labelled outcomes, as plain text (the values of the internal
 * topic {@value LeadTopology#EVALUATION_BY_CHALLENGER} and of {@value
 * LeadTopology#EVALUATION_STORE}).
 *
 * <p>A contribution is one newly labelled example scored by both models: {@code
 * "<championKey>|<label>|<pChallenger>|<pChampion>"} keyed by the challenger's {@code
 * "<modelId>:<version>"}. The running total per challenger is {@code
 * "<championKey>|<n>|<lossChallenger>|<lossChampion>|<closed>"} with summed log losses; it restarts
 * when the champion changes.
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
   */
  record Contribution(String championKey, int label, double challenger, double champion) {

    String encode() {
      return championKey + "|" + label + "|" + num(challenger) + "|" + num(champion);
    }

    static Contribution decode(final String text) {
      final String[] f = text.split("\\|", -1);
      return new Contribution(
          f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
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
   */
  record Totals(
      String championKey, long n, double challengerLoss, double championLoss, boolean closed) {

    static Totals empty(final String championKey) {
      return new Totals(championKey, 0, 0, 0, false);
    }

    Totals plus(final Contribution c) {
      return new Totals(
          championKey,
          n + 1,
          challengerLoss + logLoss(c.challenger(), c.label()),
          championLoss + logLoss(c.champion(), c.label()),
          closed);
    }

    Totals close() {
      return new Totals(championKey, n, challengerLoss, championLoss, true);
    }

    double challengerMean() {
      return n == 0 ? Double.NaN : challengerLoss / n;
    }

    double championMean() {
      return n == 0 ? Double.NaN : championLoss / n;
    }

    /** The promotion rule: enough outcomes and a strictly lower mean log loss. */
    boolean challengerWins() {
      return !closed && n >= LeadRules.MIN_OUTCOMES && challengerMean() < championMean();
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
          + (closed ? 1 : 0);
    }

    static Totals decode(final String text) {
      final String[] f = text.split("\\|", -1);
      return new Totals(
          f[0],
          Long.parseLong(f[1]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          "1".equals(f[4]));
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
