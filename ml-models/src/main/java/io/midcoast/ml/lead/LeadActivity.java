package io.midcoast.ml.lead;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a lead, as kept in its {@link LeadSnapshot}.
 *
 * @param type event type
 * @param occurredAt event time
 * @param listingKey listing concerned, or null
 * @param listingPriceCents that listing's current price in cents (joined from {@code
 *     property.state}), or null when unknown
 */
public record LeadActivity(
    LeadEventType type, Instant occurredAt, String listingKey, Long listingPriceCents) {

  /** Checks the required fields. */
  public LeadActivity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
