package io.midcoast.connect;

import io.midcoast.schemas.LeadFactor;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadScoreUpdate;
import java.time.Instant;
import java.util.List;

/** Fixtures of the lead outputs (profiles, score updates) as the lead topology writes them. */
final class Leads {

  static final Instant AS_OF = Instant.parse("2024-03-05T14:30:00.123Z");

  private Leads() {}

  /** A profile with every field, optional or not, set. */
  static LeadProfile fullProfile(final String leadId) {
    return LeadProfile.newBuilder()
        .setLeadId(leadId)
        .setAgentId("agent-7")
        .setName("Ada Lovelace")
        .setSource("zillow")
        .setBudgetMinCents(20_000_000L)
        .setBudgetMaxCents(32_500_000L)
        .setTimeline("0-3 months")
        .setPropertyType("Residential")
        .setLocation("AMES")
        .setPreApproved(true)
        .setCreatedAt(AS_OF.minusSeconds(86_400))
        .setStatus("qualified")
        .setStatusAt(AS_OF.minusSeconds(3_600))
        .setLastActivityAt(AS_OF)
        .setUpdatedAt(AS_OF)
        .build();
  }

  /** A profile with only the required fields. */
  static LeadProfile minimalProfile(final String leadId) {
    return LeadProfile.newBuilder().setLeadId(leadId).setUpdatedAt(AS_OF).build();
  }

  /** A score update with factors and a challenger's shadow score. */
  static LeadScoreUpdate score(
      final String leadId, final double probability, final String modelVersion) {
    return LeadScoreUpdate.newBuilder()
        .setLeadId(leadId)
        .setAgentId("agent-7")
        .setProbability(probability)
        .setModelId("midcoast-lead")
        .setModelVersion(modelVersion)
        .setFactors(
            List.of(
                factor("pre_approved", 1.0, 0.84), factor("days_since_last_activity", 12, -0.3)))
        .setAsOf(AS_OF)
        .setEventId("e-" + modelVersion)
        .setChallengerVersion("3")
        .setChallengerProbability(0.51)
        .build();
  }

  /** A score update without optional fields (the fallback model, no challenger). */
  static LeadScoreUpdate minimalScore(final String leadId) {
    return LeadScoreUpdate.newBuilder()
        .setLeadId(leadId)
        .setProbability(0.05)
        .setModelId("midcoast-lead")
        .setModelVersion("fallback")
        .setAsOf(AS_OF)
        .build();
  }

  static LeadFactor factor(final String feature, final double value, final double contribution) {
    return LeadFactor.newBuilder()
        .setFeature(feature)
        .setValue(value)
        .setContribution(contribution)
        .build();
  }
}
