package io.midcoast.ml.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code feeds.lead.event} message:
 *
 * <pre>
 * {"eventId","leadId","type","occurredAt","listingKey"?,"agentId"?,"attributes":{}}
 * </pre>
 *
 * <p>{@code occurredAt} is an ISO-8601 instant ({@code 2024-03-01T14:05:00Z}); epoch milliseconds
 * are accepted on input. Attribute values are strings, numbers or booleans; {@code created} carries
 * {@code name, email, phone, source, budgetMin, budgetMax} (whole dollars), {@code timeline,
 * propertyType, location, preApproved}; {@code status_changed} carries {@code status}.
 *
 * @param eventId unique id of the event (duplicates are the same event delivered twice)
 * @param leadId the lead
 * @param type event type
 * @param occurredAt event time
 * @param listingKey listing concerned, or null
 * @param agentId agent concerned, or null
 * @param attributes type-specific attributes, in wire order (unmodifiable, never null)
 */
public record LeadEvent(
    String eventId,
    String leadId,
    LeadEventType type,
    Instant occurredAt,
    String listingKey,
    String agentId,
    Map<String, Object> attributes) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Validates and copies the attributes (null values dropped). */
  public LeadEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    final Map<String, Object> copy = new LinkedHashMap<>();
    if (attributes != null) {
      attributes.forEach(
          (k, v) -> {
            if (v != null) {
              copy.put(k, v);
            }
          });
    }
    attributes = Collections.unmodifiableMap(copy);
  }

  /** An attribute as a string (numbers and booleans rendered), or null when absent. */
  public String attribute(final String name) {
    final Object value = attributes.get(name);
    return value == null ? null : value.toString();
  }

  /** An attribute as a number, or null when absent or not numeric. */
  public Double numberAttribute(final String name) {
    final Object value = attributes.get(name);
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (final NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** An attribute as a boolean ({@code true}, {@code "true"}, {@code "yes"}, 1), or null. */
  public Boolean booleanAttribute(final String name) {
    final Object value = attributes.get(name);
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof String s) {
      final String v = s.strip().toLowerCase(java.util.Locale.ROOT);
      if (v.equals("true") || v.equals("yes") || v.equals("y") || v.equals("1")) {
        return true;
      }
      if (v.equals("false") || v.equals("no") || v.equals("n") || v.equals("0")) {
        return false;
      }
    }
    return null;
  }

  /** The status of a {@code status_changed} event, or null. */
  public LeadStatus status() {
    return type == LeadEventType.STATUS_CHANGED
        ? LeadStatus.fromWire(attribute("status")).orElse(null)
        : null;
  }

  /** This event in the wire format, fields in contract order, absent optionals left out. */
  public String toJson() {
    final ObjectNode node = JSON.createObjectNode();
    node.put("eventId", eventId);
    node.put("leadId", leadId);
    node.put("type", type.wireName());
    node.put("occurredAt", occurredAt.toString());
    if (listingKey != null) {
      node.put("listingKey", listingKey);
    }
    if (agentId != null) {
      node.put("agentId", agentId);
    }
    node.set("attributes", JSON.valueToTree(attributes));
    try {
      return JSON.writeValueAsString(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("cannot render lead event " + eventId, e);
    }
  }

  /**
   * Parses one wire message.
   *
   * @throws IllegalArgumentException when it is not JSON, lacks a required field, or has an unknown
   *     type or an unreadable time (the message then belongs in the dead-letter topic)
   */
  public static LeadEvent fromJson(final String json) {
    final JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    final Map<String, Object> attributes = new LinkedHashMap<>();
    final JsonNode attrs = node.path("attributes");
    if (attrs.isObject()) {
      for (final Map.Entry<String, JsonNode> e : attrs.properties()) {
        final JsonNode v = e.getValue();
        if (v.isBoolean()) {
          attributes.put(e.getKey(), v.booleanValue());
        } else if (v.isIntegralNumber()) {
          attributes.put(e.getKey(), v.longValue());
        } else if (v.isNumber()) {
          attributes.put(e.getKey(), v.doubleValue());
        } else if (v.isTextual()) {
          attributes.put(e.getKey(), v.textValue());
        } else if (!v.isNull()) {
          attributes.put(e.getKey(), v.toString());
        }
      }
    }
    return new LeadEvent(
        required(node, "eventId"),
        required(node, "leadId"),
        LeadEventType.parse(required(node, "type")),
        instant(node.path("occurredAt")),
        optional(node, "listingKey"),
        optional(node, "agentId"),
        attributes);
  }

  private static String required(final JsonNode node, final String field) {
    final String value = optional(node, field);
    if (value == null) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value;
  }

  private static String optional(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode()) {
      return null;
    }
    final String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  private static Instant instant(final JsonNode value) {
    if (value.isIntegralNumber()) {
      if (!value.canConvertToLong()) { // longValue() would wrap it to an arbitrary time
        throw new IllegalArgumentException("unreadable occurredAt: " + value);
      }
      return Instant.ofEpochMilli(value.longValue());
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("missing occurredAt");
    }
    try {
      return Instant.parse(value.textValue().strip());
    } catch (final DateTimeParseException e) {
      throw new IllegalArgumentException("unreadable occurredAt: " + value.textValue(), e);
    }
  }
}
