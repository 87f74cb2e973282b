package io.midcoast.ml.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Training examples from lead events, in process, the way the topology builds them: each lead's
 * events are folded into its {@link LeadSnapshot} in event-time order, and at every event the
 * {@link LeadFeatures} vector as of that event becomes an example, labelled by {@link LeadLabels}
 * from the lead's status changes and the watermark. Also the JSON-lines file format of examples
 * read by {@link TrainLeadModel}:
 *
 * <pre>
 * {"leadId":"…","eventId":"…","asOf":"2024-03-01T14:05:00Z","label":1,
 *  "features":{"created_7d":0.0, … every name of LeadFeatures.NAMES …}}
 * </pre>
 *
 * <p>{@code label} is 0, 1 or null (unknown); every feature of {@link LeadFeatures#NAMES} must be
 * present (others are ignored).
 */
public final class LeadExamples {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private LeadExamples() {}

  /**
   * The examples of {@code events}: one per event of an open lead (a lead closed at the event's
   * time gives none) and one per {@link LeadCheckpoints checkpoint} of its age up to {@code
   * watermark} (id {@code checkpoint-<days>d}), sorted by time; duplicated event ids are folded
   * once.
   *
   * @param events lead events, in any order
   * @param listingPrice current price in cents of a listing key (the join with {@code
   *     property.state}), null when unknown
   * @param watermark event time up to which outcomes are known
   */
  public static List<LeadExample> fromEvents(
      final List<LeadEvent> events,
      final Function<String, Long> listingPrice,
      final Instant watermark) {
    final List<LeadEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId));
    final Set<String> seen = new HashSet<>();
    final Map<String, List<LeadEvent>> byLead = new LinkedHashMap<>();
    for (final LeadEvent e : sorted) {
      if (seen.add(e.eventId())) {
        byLead.computeIfAbsent(e.leadId(), k -> new ArrayList<>()).add(e);
      }
    }
    final List<LeadExample> out = new ArrayList<>(sorted.size());
    for (final Map.Entry<String, List<LeadEvent>> lead : byLead.entrySet()) {
      final List<LeadLabels.StatusChange> history = new ArrayList<>();
      for (final LeadEvent e : lead.getValue()) {
        if (e.status() != null) {
          history.add(new LeadLabels.StatusChange(e.occurredAt(), e.status()));
        }
      }
      final List<LeadCheckpoints.Checkpoint> checkpoints = checkpoints(lead.getValue(), watermark);
      int next = 0;
      LeadSnapshot snapshot = LeadSnapshot.empty(lead.getKey());
      for (final LeadEvent e : lead.getValue()) {
        // a checkpoint is taken once every event at or before it is folded
        for (;
            next < checkpoints.size() && checkpoints.get(next).at().isBefore(e.occurredAt());
            next++) {
          final LeadCheckpoints.Checkpoint c = checkpoints.get(next);
          add(out, lead.getKey(), c.id(), c.at(), snapshot, history, watermark);
        }
        snapshot =
            snapshot.with(e, e.listingKey() == null ? null : listingPrice.apply(e.listingKey()));
        add(out, e.leadId(), e.eventId(), e.occurredAt(), snapshot, history, watermark);
      }
      for (; next < checkpoints.size(); next++) {
        final LeadCheckpoints.Checkpoint c = checkpoints.get(next);
        add(out, lead.getKey(), c.id(), c.at(), snapshot, history, watermark);
      }
    }
    out.sort(
        Comparator.comparing(LeadExample::asOf)
            .thenComparing(LeadExample::leadId)
            .thenComparing(LeadExample::eventId));
    return out;
  }

  /**
   * The lead's checkpoints ({@link LeadCheckpoints}) up to {@code watermark}, from the creation
   * time its events give; none when no {@code created} event is among them.
   */
  private static List<LeadCheckpoints.Checkpoint> checkpoints(
      final List<LeadEvent> events, final Instant watermark) {
    LeadSnapshot all = LeadSnapshot.empty(events.get(0).leadId());
    for (final LeadEvent e : events) {
      all = all.with(e, null);
    }
    if (all.createdAt() == null) {
      return List.of();
    }
    final List<LeadCheckpoints.Checkpoint> out = new ArrayList<>();
    for (final LeadCheckpoints.Checkpoint c : LeadCheckpoints.of(all.createdAt())) {
      if (!c.at().isAfter(watermark)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Adds the example of a lead as of {@code asOf}, unless the lead was closed then. */
  private static void add(
      final List<LeadExample> out,
      final String leadId,
      final String eventId,
      final Instant asOf,
      final LeadSnapshot snapshot,
      final List<LeadLabels.StatusChange> history,
      final Instant watermark) {
    final LeadLabels.Decision decision = LeadLabels.decide(asOf, history, watermark);
    if (decision != LeadLabels.Decision.CLOSED) {
      out.add(
          new LeadExample(
              leadId, eventId, asOf, LeadFeatures.vector(snapshot, asOf), decision.label()));
    }
  }

  /** One example as a JSON line. */
  public static String toJson(final LeadExample example) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("leadId", example.leadId());
    node.put("eventId", example.eventId());
    node.put("asOf", example.asOf().toString());
    if (example.label() == null) {
      node.putNull("label");
    } else {
      node.put("label", example.label());
    }
    final ObjectNode features = node.putObject("features");
    final FeatureVector v = example.features();
    for (int i = 0; i < v.size(); i++) {
      features.put(v.names().get(i), v.value(i));
    }
    try {
      return JSON.writeValueAsString(node);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses one JSON line; {@link IllegalArgumentException} when malformed. */
  public static LeadExample fromJson(final String line) {
    try {
      final JsonNode node = JSON.readTree(line);
      final JsonNode features = node.path("features");
      final double[] values = new double[LeadFeatures.size()];
      for (int i = 0; i < values.length; i++) {
        final JsonNode value = features.get(LeadFeatures.NAMES.get(i));
        if (value == null || !value.isNumber()) {
          throw new IllegalArgumentException("missing feature " + LeadFeatures.NAMES.get(i));
        }
        values[i] = value.doubleValue();
      }
      final JsonNode label = node.path("label");
      return new LeadExample(
          node.path("leadId").asText(),
          node.path("eventId").asText(),
          Instant.parse(node.path("asOf").asText()),
          new FeatureVector(LeadFeatures.NAMES, values, false),
          label.isNumber() ? Integer.valueOf(label.intValue()) : null);
    } catch (final JsonProcessingException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("malformed example: " + e.getMessage(), e);
    }
  }

  /** Writes examples as JSON lines. */
  public static void write(final Path file, final List<LeadExample> examples) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (final LeadExample e : examples) {
        out.write(toJson(e));
        out.newLine();
      }
    }
  }

  /** Reads a JSON-lines file of examples (blank lines skipped). */
  public static List<LeadExample> read(final Path file) throws IOException {
    final List<LeadExample> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          try {
            out.add(fromJson(line));
          } catch (final IllegalArgumentException e) {
            throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }
}
