package io.midcoast.serving.push;

import io.midcoast.serving.json.AvroJson;
import io.midcoast.serving.json.LeadJson;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WebSocket channels of {@code /ws} and the topics that feed them: one {@link ChannelSource}
 * per (topic, channel family). Every app instance tails every source topic ({@link TopicTail}) and
 * pushes each record to the channels its source maps it to.
 *
 * <p>Registered now:
 *
 * <ul>
 *   <li>{@code trends:<regionType>:<regionId>} ({@code trends:subdivision:North_Ames}): every
 *       {@code analytics.trend} cell of the region, key {@code <regionType>:<regionId>:<YYYY-MM>}
 *   <li>{@code properties:<propertyId>}: every {@code property.state} change of the property
 *   <li>{@code leads:agent:<agentId>}: every {@code leads.score} update of the agent's leads
 *   <li>{@code alerts}: every {@code leads.alert}
 * </ul>
 *
 * <p>To add a channel, add one entry to {@link #standard()}: the topic (from {@link Topics}), the
 * channel family ({@link ChannelSyntax#exact}, {@link ChannelSyntax#withId} or {@link
 * ChannelSyntax#withParameter}), the record's channels, and the JSON of a value. For example:
 *
 * <pre>{@code
 * // every alert to one channel
 * ChannelSource.of(Topics.LEADS_ALERT, ChannelSyntax.exact("alerts"),
 *     (leadId, alert) -> List.of("alerts"), AvroJson::toJson),
 * // a lead's score to its agent's channel (the agent is in the value; nothing for a tombstone)
 * ChannelSource.of(Topics.LEADS_SCORE, ChannelSyntax.withId("leads:agent", "<agentId>"),
 *     (leadId, score) -> score == null || score.getAgentId() == null ? List.of()
 *         : List.of("leads:agent:" + score.getAgentId()), AvroJson::toJson),
 * // a property's estimate to estimates:<propertyId> (the channel parameter is the record key)
 * ChannelSource.byKey(Topics.ANALYTICS_ESTIMATE, ChannelSyntax.withId("estimates", "<propertyId>"), AvroJson::toJson),
 * }</pre>
 *
 * The channel function receives a null value for a tombstone (the push then carries {@code "data":
 * null}) and must return channels in the family's canonical form (what {@link
 * ChannelSyntax#canonical} makes of a subscription), or they reach nobody. Several sources may
 * share a family (best: the same {@link ChannelSyntax} constant; the first registered parses
 * subscriptions); one prefix with two different parameter forms is an error.
 */
public final class PushChannels {

  private final List<ChannelSource<?, ?>> sources;
  private final List<ChannelSyntax> families;

  PushChannels(final List<ChannelSource<?, ?>> sources) {
    this.sources = List.copyOf(sources);
    final Map<String, ChannelSyntax> byPrefix = new LinkedHashMap<>();
    for (final ChannelSource<?, ?> source : this.sources) {
      final ChannelSyntax known = byPrefix.putIfAbsent(source.syntax().prefix(), source.syntax());
      if (known != null && !known.describe().equals(source.syntax().describe())) {
        throw new IllegalArgumentException(
            "channel family " + source.syntax().prefix() + " registered with two syntaxes");
      }
    }
    // longest prefix first: leads:agent:<id> wins over a leads:<id> family
    this.families =
        byPrefix.values().stream()
            .sorted(Comparator.comparingInt((ChannelSyntax f) -> f.prefix().length()).reversed())
            .toList();
  }

  /** The channels of the application. Add new sources here, one line each. */
  public static PushChannels standard() {
    return new PushChannels(
        List.of(
            ChannelSource.of(
                Topics.ANALYTICS_TREND,
                ChannelSyntax.TRENDS,
                (cellKey, cell) -> List.of(ChannelSyntax.trendChannelOfCell(cellKey)),
                AvroJson::toJson),
            ChannelSource.byKey(Topics.PROPERTY_STATE, ChannelSyntax.PROPERTIES, AvroJson::toJson),
            ChannelSource.byKey(
                Topics.ANALYTICS_ESTIMATE,
                ChannelSyntax.withId("estimates", "<propertyId>"),
                AvroJson::toJson),
            ChannelSource.byKey(
                Topics.ANALYTICS_SCORE,
                ChannelSyntax.withId("scores", "<propertyId>"),
                AvroJson::toJson),
            ChannelSource.of(
                Topics.ANALYTICS_ESTIMATE_ACCURACY,
                ChannelSyntax.exact("accuracy"),
                (region, accuracy) -> List.of("accuracy"),
                AvroJson::toJson),
            ChannelSource.of(
                Topics.LEADS_SCORE,
                ChannelSyntax.withId("leads:agent", "<agentId>"),
                (leadId, score) ->
                    score == null || score.getAgentId() == null
                        ? List.of()
                        : List.of("leads:agent:" + score.getAgentId()),
                LeadJson::score),
            ChannelSource.of(
                Topics.LEADS_ALERT,
                ChannelSyntax.exact("alerts"),
                (key, alert) -> List.of("alerts"),
                AvroJson::toJson)));
  }

  /** Every source, in registration order. */
  public List<ChannelSource<?, ?>> sources() {
    return sources;
  }

  /** The distinct topics of the sources. */
  List<Topic<?, ?>> topics() {
    return sources.stream().<Topic<?, ?>>map(ChannelSource::topic).distinct().toList();
  }

  /**
   * The canonical name of a channel a client asks for.
   *
   * @throws IllegalArgumentException naming the problem when no family covers the channel or its
   *     parameter is invalid
   */
  public String canonical(final String channel) {
    final Optional<ChannelSyntax> family =
        families.stream().filter(f -> f.covers(channel)).findFirst();
    if (family.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown channel "
              + channel
              + "; channels are "
              + String.join(", ", families.stream().map(ChannelSyntax::describe).toList()));
    }
    return family.get().canonical(channel);
  }
}
