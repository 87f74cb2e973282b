package io.midcoast.topology.leads;

import io.midcoast.ml.lead.LeadActivity;
import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadEventType;
import io.midcoast.ml.lead.LeadLabels;
import io.midcoast.ml.lead.LeadSnapshot;
import io.midcoast.ml.lead.LeadStatus;
import io.midcoast.schemas.LeadActivityRecord;
import io.midcoast.schemas.LeadProfile;
import io.midcoast.schemas.LeadState;
import io.midcoast.schemas.LeadStatusChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The one mapping between the Avro lead state ({@link LeadState}, {@link LeadProfile}) and the
 * ml-models records ({@link LeadSnapshot}, {@link LeadActivity}, {@link LeadLabels.StatusChange}).
 * Folding an event is {@link LeadSnapshot#with} plus what only the Avro state keeps: the name, the
 * latest lead-driven activity, the status history and the recent event ids.
 *
 * <p>The state is bounded: at most {@code LeadSnapshot.MAX_ACTIVITIES} activities (of the last 395
 * days), {@link LeadRules#MAX_STATUS_CHANGES} status changes and {@link LeadRules#MAX_EVENT_IDS}
 * event ids, each id and listing key at most {@link LeadRules#MAX_KEPT_ID_BYTES} bytes ({@link
 * #keptId}), and texts of at most {@link LeadRules#MAX_TEXT_LENGTH} characters (the parse stage
 * dead-letters longer ones).
 */
final class LeadStates {

  private static final String DIGEST_PREFIX = "sha256:";

  private LeadStates() {}

  /**
   * Kept activities, for re-scoring: the distinct event times at or after {@code from}, in order.
   */
  static List<Instant> activityTimes(final LeadState state, final Instant from) {
    final List<Instant> out = new ArrayList<>();
    for (final LeadActivityRecord a : state.getActivities()) {
      final Instant at = a.getOccurredAt();
      if (!at.isBefore(from) && (out.isEmpty() || !out.get(out.size() - 1).equals(at))) {
        out.add(at);
      }
    }
    return out;
  }

  /** The snapshot the features read; an empty one for a lead not seen yet. */
  static LeadSnapshot snapshot(final String leadId, final LeadState state) {
    if (state == null) {
      return LeadSnapshot.empty(leadId);
    }
    final LeadProfile p = state.getProfile();
    final List<LeadActivity> activities = new ArrayList<>(state.getActivities().size());
    for (final LeadActivityRecord a : state.getActivities()) {
      activities.add(
          new LeadActivity(
              LeadEventType.parse(a.getType()),
              a.getOccurredAt(),
              keptId(a.getListingKey()),
              a.getListingPriceCents()));
    }
    return new LeadSnapshot(
        p.getLeadId(),
        p.getAgentId(),
        state.getAgentAt(),
        p.getSource(),
        p.getBudgetMinCents(),
        p.getBudgetMaxCents(),
        p.getTimeline(),
        p.getPreApproved(),
        p.getPropertyType(),
        p.getLocation(),
        p.getCreatedAt(),
        LeadStatus.fromWire(p.getStatus()).orElse(LeadStatus.NEW),
        p.getStatusAt(),
        activities,
        state.getLastActivityBefore());
  }

  /** The status history the labels read. */
  static List<LeadLabels.StatusChange> history(final LeadState state) {
    final List<LeadLabels.StatusChange> out = new ArrayList<>();
    if (state != null) {
      for (final LeadStatusChange c : state.getStatusChanges()) {
        LeadStatus.fromWire(c.getStatus())
            .ifPresent(s -> out.add(new LeadLabels.StatusChange(c.getAt(), s)));
      }
    }
    return out;
  }

  /**
   * Whether {@code eventId} was already folded into {@code state} (kept as itself or, when long, as
   * its digest: {@link #keptId}).
   */
  static boolean seen(final LeadState state, final String eventId) {
    if (state == null) {
      return false;
    }
    final List<String> ids = state.getRecentEventIds();
    final String kept = keptId(eventId);
    // a long id folded before ids were digested is kept as itself
    return ids.contains(kept) || (!kept.equals(eventId) && ids.contains(eventId));
  }

  /**
   * How the lead state keeps an id (an event id, a viewed listing's key): itself when it takes at
   * most {@link LeadRules#MAX_KEPT_ID_BYTES} bytes in UTF-8, else {@code "sha256:"} and the
   * unpadded base64url of its SHA-256 (50 characters). Equal ids stay equal and distinct ids
   * distinct, so deduplication and distinct-listing counts are unchanged; null stays null.
   */
  static String keptId(final String id) {
    if (id == null) {
      return null;
    }
    final byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= LeadRules.MAX_KEPT_ID_BYTES) {
      return id;
    }
    try {
      return DIGEST_PREFIX
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(MessageDigest.getInstance("SHA-256").digest(utf8));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * {@code prior} with {@code event} folded in (pure).
   *
   * @param prior the state so far, or null
   * @param event the event (not seen before)
   * @param listingPriceCents the viewed listing's price, or null
   */
  static LeadState fold(
      final LeadState prior, final LeadEvent event, final Long listingPriceCents) {
    final LeadSnapshot next = snapshot(event.leadId(), prior).with(event, listingPriceCents);
    final LeadProfile old = prior == null ? null : prior.getProfile();
    final Instant updated =
        old == null || event.occurredAt().isAfter(old.getUpdatedAt())
            ? event.occurredAt()
            : old.getUpdatedAt();
    Instant lastActivity = old == null ? null : old.getLastActivityAt();
    if (event.type().leadDriven()
        && (lastActivity == null || event.occurredAt().isAfter(lastActivity))) {
      lastActivity = event.occurredAt();
    }
    String name = old == null ? null : old.getName();
    if (event.type() == LeadEventType.CREATED && event.attribute("name") != null) {
      name = event.attribute("name");
    }
    final LeadProfile profile =
        LeadProfile.newBuilder()
            .setLeadId(next.leadId())
            .setAgentId(next.agentId())
            .setName(name)
            .setSource(next.source())
            .setBudgetMinCents(next.budgetMinCents())
            .setBudgetMaxCents(next.budgetMaxCents())
            .setTimeline(next.timeline())
            .setPropertyType(next.propertyType())
            .setLocation(next.location())
            .setPreApproved(next.preApproved())
            .setCreatedAt(next.createdAt())
            .setStatus(next.status().wireName())
            .setStatusAt(next.statusAt())
            .setLastActivityAt(lastActivity)
            .setUpdatedAt(updated)
            .build();
    final List<LeadActivityRecord> activities = new ArrayList<>(next.activities().size());
    for (final LeadActivity a : next.activities()) {
      activities.add(
          LeadActivityRecord.newBuilder()
              .setType(a.type().wireName())
              .setOccurredAt(a.occurredAt())
              .setListingKey(keptId(a.listingKey()))
              .setListingPriceCents(a.listingPriceCents())
              .build());
    }
    final List<LeadStatusChange> changes =
        new ArrayList<>(prior == null ? List.of() : prior.getStatusChanges());
    if (event.status() != null) {
      changes.add(
          LeadStatusChange.newBuilder()
              .setStatus(event.status().wireName())
              .setAt(event.occurredAt())
              .build());
      changes.sort(java.util.Comparator.comparing(LeadStatusChange::getAt));
    }
    final List<String> ids = new ArrayList<>(prior == null ? List.of() : prior.getRecentEventIds());
    ids.add(keptId(event.eventId()));
    return LeadState.newBuilder()
        .setProfile(profile)
        .setActivities(activities)
        .setLastActivityBefore(next.lastActivityBefore())
        .setStatusChanges(tail(changes, LeadRules.MAX_STATUS_CHANGES))
        .setRecentEventIds(tail(ids, LeadRules.MAX_EVENT_IDS))
        .setLastProbability(prior == null ? null : prior.getLastProbability())
        .setAgentAt(next.agentAt())
        .build();
  }

  /**
   * Whether the profile changed in a way worth publishing: any field but {@code updatedAt} and
   * {@code lastActivityAt} (those move with every event; the state store has them).
   */
  static boolean profileChanged(final LeadProfile before, final LeadProfile after) {
    if (before == null) {
      return true;
    }
    final LeadProfile a = LeadProfile.newBuilder(before).setUpdatedAt(Instant.EPOCH).build();
    a.setLastActivityAt(null);
    final LeadProfile b = LeadProfile.newBuilder(after).setUpdatedAt(Instant.EPOCH).build();
    b.setLastActivityAt(null);
    return !Objects.equals(a, b);
  }

  private static <T> List<T> tail(final List<T> list, final int max) {
    return list.size() <= max
        ? list
        : new ArrayList<>(list.subList(list.size() - max, list.size()));
  }
}
