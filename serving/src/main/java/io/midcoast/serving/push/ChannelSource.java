package io.midcoast.serving.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.midcoast.topology.catalog.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;

/**
 * Where the records of one topic are pushed: the channel family they feed, the channels of one
 * record, and its JSON. Built with {@link #of} or {@link #byKey} and registered in {@link
 * PushChannels#standard()}.
 *
 * @param topic the topic read, decoded with its serdes
 * @param syntax the family of the channels this source pushes to (what clients may subscribe to)
 * @param channels the canonical channels of one record (key, value); the value is null for a
 *     tombstone; every channel must be in {@code syntax}'s canonical form
 * @param render the JSON of a value, as the HTTP API renders it (usually {@code AvroJson::toJson});
 *     not called for tombstones, which push {@code "data": null}
 */
public record ChannelSource<K, V>(
    Topic<K, V> topic,
    ChannelSyntax syntax,
    BiFunction<? super K, ? super V, ? extends Collection<String>> channels,
    Function<? super V, ? extends JsonNode> render) {

  /** One message to push: {@code {"type":"update","channel","key","data"}}. */
  public record Push(String channel, String key, JsonNode data) {}

  public ChannelSource {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(syntax, "syntax");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(render, "render");
  }

  /** A source whose records go to the channels {@code channels} computes from key and value. */
  static <K, V> ChannelSource<K, V> of(
      final Topic<K, V> topic,
      final ChannelSyntax syntax,
      final BiFunction<? super K, ? super V, ? extends Collection<String>> channels,
      final Function<? super V, ? extends JsonNode> render) {
    return new ChannelSource<>(topic, syntax, channels, render);
  }

  /** A source whose record with key {@code k} goes to channel {@code <prefix>:<k>}. */
  static <K, V> ChannelSource<K, V> byKey(
      final Topic<K, V> topic,
      final ChannelSyntax syntax,
      final Function<? super V, ? extends JsonNode> render) {
    return new ChannelSource<>(
        topic, syntax, (key, value) -> List.of(syntax.channel(String.valueOf(key))), render);
  }

  /**
   * The pushes of one record as read from the topic: decoded with the topic's serdes, mapped to its
   * channels, rendered once (and only when some channel is wanted). Channels {@code wanted} rejects
   * (nobody subscribed) are left out.
   *
   * @throws RuntimeException when the record cannot be decoded or mapped (a bad record)
   */
  public List<Push> pushes(
      final byte[] rawKey,
      final byte[] rawValue,
      final Headers headers,
      final Predicate<String> wanted) {
    final String name = topic.name();
    final K key = topic.keySerde().deserializer().deserialize(name, headers, rawKey);
    final V value =
        rawValue == null
            ? null
            : topic.valueSerde().deserializer().deserialize(name, headers, rawValue);
    return pushes(key, value, wanted);
  }

  /** The pushes of one decoded record (value null for a tombstone), to the channels wanted. */
  public List<Push> pushes(final K key, final V value, final Predicate<String> wanted) {
    final Collection<String> targets = channels.apply(key, value);
    if (targets == null || targets.isEmpty()) {
      return List.of();
    }
    final List<Push> pushes = new ArrayList<>(targets.size());
    JsonNode data = null;
    for (final String channel : new LinkedHashSet<>(targets)) {
      if (channel != null && wanted.test(channel)) {
        if (data == null) {
          data = value == null ? NullNode.getInstance() : render.apply(value);
        }
        pushes.add(new Push(channel, String.valueOf(key), data));
      }
    }
    return pushes;
  }
}
