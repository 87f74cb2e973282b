package io.midcoast.ml.lead;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The twelve event types of {@code feeds.lead.event}, with their wire names ({@code type} field).
 *
 * <p>{@link #leadDriven()} tells whether the lead itself acted (as opposed to the agent or the
 * CRM); {@link #engagementWeight()} is the weight of one event of this type in the time-decayed
 * engagement feature ({@link LeadFeatures}).
 */
public enum LeadEventType {
  /** The lead entered the CRM; attributes carry the profile. */
  CREATED("created", false, 0.0),
  /** The lead was assigned to an agent ({@code agentId}). */
  ASSIGNED("assigned", false, 0.0),
  /** The lead viewed a listing ({@code listingKey}). */
  LISTING_VIEWED("listing_viewed", true, 1.0),
  /** The lead saved a search. */
  SEARCH_SAVED("search_saved", true, 2.0),
  /** The lead sent an inquiry about a listing. */
  INQUIRY("inquiry", true, 4.0),
  /** The lead asked for a showing. */
  SHOWING_REQUESTED("showing_requested", true, 5.0),
  /** The lead attended a showing. */
  SHOWING_ATTENDED("showing_attended", true, 8.0),
  /** The lead opened an email. */
  EMAIL_OPENED("email_opened", true, 0.5),
  /** The lead clicked a link in an email. */
  EMAIL_CLICKED("email_clicked", true, 1.0),
  /** The agent logged a call with the lead. */
  CALL_LOGGED("call_logged", false, 2.0),
  /** The lead used the mortgage calculator. */
  MORTGAGE_CALCULATOR_USED("mortgage_calculator_used", true, 3.0),
  /** The lead's status changed (attribute {@code status}, see {@link LeadStatus}). */
  STATUS_CHANGED("status_changed", false, 0.0);

  private static final Map<String, LeadEventType> BY_WIRE =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(t -> t.wire, Function.identity()));

  private final String wire;
  private final boolean leadDriven;
  private final double engagementWeight;

  LeadEventType(final String wire, final boolean leadDriven, final double engagementWeight) {
    this.wire = wire;
    this.leadDriven = leadDriven;
    this.engagementWeight = engagementWeight;
  }

  /** The wire name, e.g. {@code listing_viewed}. */
  public String wireName() {
    return wire;
  }

  /** Whether the lead itself acted (counted by the engagement velocity). */
  public boolean leadDriven() {
    return leadDriven;
  }

  /** Weight of one event of this type in the time-decayed engagement. */
  public double engagementWeight() {
    return engagementWeight;
  }

  /**
   * The type of a wire name; case and surrounding blanks are ignored, {@code -} reads as {@code _}.
   * Empty when the name is null or unknown.
   */
  public static Optional<LeadEventType> fromWire(final String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        BY_WIRE.get(name.strip().toLowerCase(Locale.ROOT).replace('-', '_')));
  }

  /** The type of a wire name, or {@link IllegalArgumentException} when unknown. */
  public static LeadEventType parse(final String name) {
    return fromWire(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown lead event type: " + name));
  }
}
