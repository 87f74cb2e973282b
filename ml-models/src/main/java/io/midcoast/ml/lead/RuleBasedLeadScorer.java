package io.midcoast.ml.lead;

import java.util.List;

/**
 * The fallback scorer while no trained model is loaded: a hand-written logistic rule, {@value
 * #MODEL_ID} version {@value #VERSION}.
 *
 * <p>{@code probability = σ(b + Σ wᵢ·(tᵢ(xᵢ) − rᵢ))} with σ the logistic function, {@code b} =
 * {@value #INTERCEPT} (a reference lead converts with probability ≈ 10%), {@code tᵢ} the feature's
 * {@link LeadFeatures#transform model transform} (log1p for counts and durations, ln for the
 * velocity) and {@code rᵢ} a reference value of the transformed feature; each term is that
 * feature's contribution.
 *
 * <table>
 *   <caption>Rule terms</caption>
 *   <tr><th>feature</th><th>weight</th><th>reference (transformed)</th></tr>
 *   <tr><td>pre_approved</td><td>+0.8</td><td>0</td></tr>
 *   <tr><td>timeline_0_3m / 3_6m / 6_12m / 12m_plus</td><td>+0.7 / +0.3 / −0.3 / −0.9</td>
 *       <td>0</td></tr>
 *   <tr><td>source_referral / open_house / social</td><td>+0.5 / +0.3 / −0.4</td><td>0</td></tr>
 *   <tr><td>showing_attended_30d</td><td>+0.5</td><td>0</td></tr>
 *   <tr><td>showing_requested_30d</td><td>+0.3</td><td>0</td></tr>
 *   <tr><td>inquiry_30d</td><td>+0.3</td><td>0</td></tr>
 *   <tr><td>decayed_engagement</td><td>+0.4</td><td>ln(1 + 5)</td></tr>
 *   <tr><td>days_since_last_activity</td><td>−0.4</td><td>ln(1 + 1)</td></tr>
 *   <tr><td>days_since_previous_activity</td><td>−0.3</td><td>ln(1 + 1)</td></tr>
 *   <tr><td>engagement_velocity</td><td>+0.3</td><td>0 (velocity 1)</td></tr>
 *   <tr><td>viewed_in_budget_share_30d</td><td>+0.8</td><td>0.5 × budget_comparable</td></tr>
 * </table>
 *
 * <p>The budget term counts only when {@code budget_comparable} is 1. Thread-safe.
 */
public final class RuleBasedLeadScorer implements LeadScorer {

  /** Model family id of the rule. */
  public static final String MODEL_ID = "midcoast-lead-rules";

  /** Version of the rule. */
  public static final String VERSION = "1";

  /** Log-odds of the reference lead. */
  public static final double INTERCEPT = -2.2;

  private record Term(String feature, double weight, double reference) {}

  private static final List<Term> TERMS =
      List.of(
          new Term("pre_approved", 0.8, 0),
          new Term("timeline_0_3m", 0.7, 0),
          new Term("timeline_3_6m", 0.3, 0),
          new Term("timeline_6_12m", -0.3, 0),
          new Term("timeline_12m_plus", -0.9, 0),
          new Term("source_referral", 0.5, 0),
          new Term("source_open_house", 0.3, 0),
          new Term("source_social", -0.4, 0),
          new Term("showing_attended_30d", 0.5, 0),
          new Term("showing_requested_30d", 0.3, 0),
          new Term("inquiry_30d", 0.3, 0),
          new Term("decayed_engagement", 0.4, Math.log1p(5)),
          new Term("days_since_last_activity", -0.4, Math.log1p(1)),
          new Term("days_since_previous_activity", -0.3, Math.log1p(1)),
          new Term("engagement_velocity", 0.3, 0),
          new Term("viewed_in_budget_share_30d", 0.8, 0.5));

  private static final int[] INDEX =
      TERMS.stream().mapToInt(t -> LeadFeatures.NAMES.indexOf(t.feature())).toArray();

  private static final int COMPARABLE = LeadFeatures.NAMES.indexOf("budget_comparable");
  private static final int IN_BUDGET = LeadFeatures.NAMES.indexOf("viewed_in_budget_share_30d");

  /** The rule scorer (stateless). */
  public RuleBasedLeadScorer() {}

  @Override
  public LeadScore score(final FeatureVector features) {
    LeadScorer.requireLeadLayout(features);
    final double[] x = features.valuesUnsafe();
    final double[] contributions = new double[x.length];
    double logit = INTERCEPT;
    for (int j = 0; j < INDEX.length; j++) {
      final int i = INDEX[j];
      if (i == IN_BUDGET && x[COMPARABLE] == 0.0) {
        continue;
      }
      final double c =
          TERMS.get(j).weight()
              * (LeadFeatures.transform(i).apply(x[i]) - TERMS.get(j).reference());
      contributions[i] = c;
      logit += c;
    }
    return new LeadScore(
        LeadScore.sigmoid(logit),
        MODEL_ID,
        VERSION,
        LeadScore.topFactors(LeadFeatures.NAMES, x, contributions, LeadScore.TOP_FACTORS));
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public String modelVersion() {
    return VERSION;
  }
}
