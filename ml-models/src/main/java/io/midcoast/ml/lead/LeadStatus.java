package io.midcoast.ml.lead;

import java.util.Locale;
import java.util.Optional;

/**
 * A lead's status, the {@code status} attribute of a {@code status_changed} event, in pipeline
 * order. {@link #CLOSED_WON} and {@link #CLOSED_LOST} are terminal for labelling ({@link
 * LeadLabels}), although a CRM may reopen a lead with a later change.
 */
public enum LeadStatus {
  /** Not yet contacted. */
  NEW,
  /** The agent reached the lead. */
  CONTACTED,
  /** The agent qualified the lead. */
  QUALIFIED,
  /** The lead is touring homes. */
  SHOWING,
  /** The lead made an offer. */
  OFFER,
  /** The lead bought (or sold) through the agent: the positive outcome. */
  CLOSED_WON,
  /** The agent closed the lead without a deal. */
  CLOSED_LOST;

  /** The wire name, e.g. {@code closed_won}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this status closes the lead. */
  public boolean closed() {
    return this == CLOSED_WON || this == CLOSED_LOST;
  }

  /** The status of a wire name (case-insensitive); empty when null or unknown. */
  public static Optional<LeadStatus> fromWire(final String name) {
    if (name == null) {
      return Optional.empty();
    }
    final String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (final LeadStatus status : values()) {
      if (status.name().equals(key)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
