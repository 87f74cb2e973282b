package io.midcoast.ml.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadFeaturesTest {

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private int ids;

  private LeadEvent event(final LeadEventType type, final double days, final String listing) {
    return new LeadEvent(
        "e" + ids++,
        "l",
        type,
        T0.plus(Duration.ofMinutes((long) (days * 1440))),
        listing,
        null,
        Map.of());
  }

  private LeadSnapshot created() {
    final Map<String, Object> a = new LinkedHashMap<>();
    a.put("source", "Facebook");
    a.put("budgetMin", 200_000);
    a.put("budgetMax", 300_000);
    a.put("timeline", "0-3 months");
    a.put("preApproved", "yes");
    return LeadSnapshot.empty("l")
        .with(new LeadEvent("c", "l", LeadEventType.CREATED, T0, null, null, a), null);
  }

  @Test
  void shouldHaveOneDocumentedLayout() {
    assertThat(LeadFeatures.NAMES).hasSize(LeadFeatures.size()).doesNotHaveDuplicates();
    assertThat(LeadFeatures.NAMES)
        .contains(
            "listing_viewed_7d",
            "status_changed_30d",
            "engagement_velocity",
            "decayed_engagement",
            "viewed_in_budget_share_30d",
            "timeline_unknown",
            "source_other",
            "days_since_created",
            "days_since_last_engagement",
            "engagement_silence",
            "listing_views_per_day_30d");
  }

  @Test
  void shouldMeasureTheSilenceSinceTheLastEngagementIgnoringEmailOpens() {
    LeadSnapshot s = created();
    s = s.with(event(LeadEventType.LISTING_VIEWED, 1, "A"), 250_000_00L);
    s = s.with(event(LeadEventType.LISTING_VIEWED, 2, "B"), 250_000_00L);
    s = s.with(event(LeadEventType.INQUIRY, 3, "B"), null);
    s = s.with(event(LeadEventType.LISTING_VIEWED, 4, "C"), 250_000_00L);
    s = s.with(event(LeadEventType.EMAIL_OPENED, 13, null), null);
    final FeatureVector v = LeadFeatures.vector(s, T0.plus(Duration.ofDays(14)));
    assertThat(v.value("days_since_last_activity")).isCloseTo(1, within(1e-6));
    assertThat(v.value("days_since_last_engagement")).isCloseTo(10, within(1e-6));
    // 4 engagements in the 4 days before the silence: 10 days × 1 a day expected
    assertThat(v.value("engagement_silence")).isCloseTo(10, within(1e-6));
    assertThat(v.value("listing_views_per_day_30d")).isCloseTo(3 / 14.0, within(1e-9));
    final FeatureVector quiet = LeadFeatures.vector(created(), T0.plus(Duration.ofDays(5)));
    assertThat(quiet.value("days_since_last_engagement")).isCloseTo(5, within(1e-6));
    assertThat(quiet.value("engagement_silence")).isZero();
  }

  @Test
  void shouldCountByTypeInSevenAndThirtyDaysUsingOnlyThePast() {
    LeadSnapshot s = created();
    s = s.with(event(LeadEventType.LISTING_VIEWED, 1, "A"), 250_000_00L);
    s = s.with(event(LeadEventType.LISTING_VIEWED, 20, "B"), 350_000_00L);
    s = s.with(event(LeadEventType.LISTING_VIEWED, 21, "A"), 250_000_00L);
    s = s.with(event(LeadEventType.INQUIRY, 22, "A"), null);
    s = s.with(event(LeadEventType.SHOWING_ATTENDED, 29, "A"), null); // after asOf below
    final Instant asOf = T0.plus(Duration.ofDays(25));
    final FeatureVector v = LeadFeatures.vector(s, asOf);
    assertThat(v.value("listing_viewed_7d")).isEqualTo(2);
    assertThat(v.value("listing_viewed_30d")).isEqualTo(3);
    assertThat(v.value("inquiry_7d")).isEqualTo(1);
    assertThat(v.value("showing_attended_30d")).isZero();
    assertThat(v.value("created_30d")).isEqualTo(1);
    assertThat(v.value("distinct_listings_viewed_30d")).isEqualTo(2);
    assertThat(v.value("days_since_last_activity")).isCloseTo(3, within(1e-6));
    assertThat(v.value("days_since_previous_activity")).isCloseTo(1, within(1e-6));
    assertThat(v.value("days_since_created")).isCloseTo(25, within(1e-6));
    assertThat(v.value("has_budget")).isEqualTo(1);
    assertThat(v.value("budget_comparable")).isEqualTo(1);
    assertThat(v.value("viewed_in_budget_share_30d")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(v.value("viewed_price_to_budget_max_30d")).isCloseTo(250.0 / 300, within(1e-9));
    assertThat(v.value("pre_approved")).isEqualTo(1);
    assertThat(v.value("timeline_0_3m")).isEqualTo(1);
    assertThat(v.value("source_social")).isEqualTo(1);
    // velocity: 3 lead-driven in 7d, 1 in the 18 earlier days (age 25 → window 18 days)
    assertThat(v.value("engagement_velocity")).isCloseTo(4.0 / (7.0 / 18 + 1), within(1e-9));
    // decayed: views at 4, 5 and 24 days old (weight 1), inquiry 3 days old (weight 4)
    final double decayed =
        Math.pow(0.5, 4 / 7.0)
            + Math.pow(0.5, 5 / 7.0)
            + Math.pow(0.5, 24 / 7.0)
            + 4 * Math.pow(0.5, 3 / 7.0);
    assertThat(v.value("decayed_engagement")).isCloseTo(decayed, within(1e-9));
  }

  @Test
  void shouldKeepRecencyAfterPruningOldActivities() {
    LeadSnapshot s = created();
    s = s.with(event(LeadEventType.LISTING_VIEWED, 2, "A"), null);
    s = s.with(event(LeadEventType.EMAIL_OPENED, 402, null), null);
    assertThat(s.activities()).hasSize(1); // the created event and the view are 400 days older
    assertThat(s.lastActivityBefore()).isEqualTo(T0.plus(Duration.ofDays(2)));
    final FeatureVector v = LeadFeatures.vector(s, T0.plus(Duration.ofDays(402)));
    assertThat(v.value("days_since_last_activity")).isZero();
    assertThat(v.value("days_since_previous_activity")).isCloseTo(400, within(1e-6));
    assertThat(v.value("listing_viewed_30d")).isZero();
  }

  @Test
  void shouldKeepTheVectorAsOfAnyTimeWithinTheLatenessBoundExact() {
    final LeadEvent first = event(LeadEventType.LISTING_VIEWED, 2, "A");
    final LeadEvent second = event(LeadEventType.INQUIRY, 20, "A");
    final Instant asOf = T0.plus(Duration.ofDays(21));
    final FeatureVector then =
        LeadFeatures.vector(created().with(first, null).with(second, null), asOf);
    // a year of later activity does not change what the lead looked like on day 21
    LeadSnapshot later = created().with(first, null).with(second, null);
    for (int day = 30; day <= 20 + 365; day += 5) {
      later = later.with(event(LeadEventType.EMAIL_OPENED, day, null), null);
    }
    assertThat(LeadFeatures.vector(later, asOf)).isEqualTo(then);
  }

  @Test
  void shouldGiveTheSameVectorWhateverTheArrivalOrder() {
    LeadSnapshot inOrder = created();
    LeadSnapshot late = created();
    final LeadEvent a = event(LeadEventType.LISTING_VIEWED, 1, "A");
    final LeadEvent b = event(LeadEventType.INQUIRY, 2, "A");
    inOrder = inOrder.with(a, null).with(b, null);
    late = late.with(b, null).with(a, null);
    final Instant asOf = T0.plus(Duration.ofDays(3));
    assertThat(LeadFeatures.vector(late, asOf)).isEqualTo(LeadFeatures.vector(inOrder, asOf));
  }

  @Test
  void shouldBeNeutralForAnUnknownLead() {
    final FeatureVector v = LeadFeatures.vector(LeadSnapshot.empty("x"), T0);
    assertThat(v.value("engagement_velocity")).isEqualTo(1.0);
    assertThat(v.value("timeline_unknown")).isEqualTo(1.0);
    assertThat(v.value("source_other")).isEqualTo(1.0);
    assertThat(v.value("days_since_last_activity")).isZero();
  }

  @Test
  void shouldBucketTimelinesAndSources() {
    assertThat(LeadFeatures.timelineBucket("ASAP")).isEqualTo("0_3m");
    assertThat(LeadFeatures.timelineBucket("6-12 months")).isEqualTo("6_12m");
    assertThat(LeadFeatures.timelineBucket("12+ months")).isEqualTo("12m_plus");
    assertThat(LeadFeatures.timelineBucket("someday")).isEqualTo("unknown");
    assertThat(LeadFeatures.sourceBucket("realtor.com")).isEqualTo("realtor_com");
    assertThat(LeadFeatures.sourceBucket("Open House")).isEqualTo("open_house");
    assertThat(LeadFeatures.sourceBucket(null)).isEqualTo("other");
    // common CRM values (issue 12: "portal" fell into other)
    assertThat(LeadFeatures.sourceBucket("portal")).isEqualTo("realtor_com");
    assertThat(LeadFeatures.sourceBucket("Homes.com")).isEqualTo("realtor_com");
    assertThat(LeadFeatures.sourceBucket("Redfin")).isEqualTo("realtor_com");
    assertThat(LeadFeatures.sourceBucket("Trulia")).isEqualTo("zillow");
    assertThat(LeadFeatures.sourceBucket("Paid Search")).isEqualTo("website");
    assertThat(LeadFeatures.sourceBucket("PPC")).isEqualTo("website");
    assertThat(LeadFeatures.sourceBucket("sphere")).isEqualTo("referral");
    assertThat(LeadFeatures.sourceBucket("Past-Client")).isEqualTo("referral");
    assertThat(LeadFeatures.sourceBucket("sign call")).isEqualTo("open_house");
    assertThat(LeadFeatures.sourceBucket("TikTok")).isEqualTo("social");
    assertThat(LeadFeatures.sourceBucket("billboard")).isEqualTo("other");
  }
}
