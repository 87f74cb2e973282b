package io.midcoast.serving.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who listens to which WebSocket channel: sessions and their subscriptions, thread-safe. {@link
 * #publish} sends an update to every session subscribed to a channel; a session that cannot take it
 * (closed, or too far behind) is forgotten. Knows the {@link PushChannels}, which decide what a
 * valid channel is.
 *
 * <p>Metrics: {@code midcoast_ws_sessions} (open sessions), {@code
 * midcoast_ws_messages_pushed_total} (updates sent to sessions) and {@code
 * midcoast_ws_sessions_dropped_total} (sessions dropped because a send failed or they fell behind).
 */
public final class PushHub {

  /** Most channels one session may subscribe to. */
  static final int MAX_SUBSCRIPTIONS = 100;

  /** Longest channel name accepted (a 256-character region id fits). */
  static final int MAX_CHANNEL_LENGTH = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One connected client, as the hub sees it. */
  interface Subscriber {

    /**
     * Queues one text message for sending, without blocking.
     *
     * @return false when the message was not queued (the session is closed or too far behind); the
     *     hub then forgets the subscriber
     */
    boolean send(String text);
  }

  /** Outcome of a subscription request. */
  enum Subscription {
    ADDED,
    ALREADY_SUBSCRIBED,
    TOO_MANY,
    CLOSED
  }

  /** The channels of one session; guarded by itself. */
  private static final class Session {
    private final Set<String> channels = new HashSet<>();
    private boolean closed;
  }

  private final PushChannels channels;
  private final Map<Subscriber, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final Counter pushed;
  private final Counter dropped;

  public PushHub(final PushChannels channels, final MeterRegistry registry) {
    this.channels = channels;
    Gauge.builder("midcoast.ws.sessions", sessions, Map::size)
        .description("open WebSocket sessions of /ws")
        .register(registry);
    this.pushed =
        Counter.builder("midcoast.ws.messages.pushed")
            .description("updates pushed to WebSocket sessions")
            .register(registry);
    this.dropped =
        Counter.builder("midcoast.ws.sessions.dropped")
            .description("WebSocket sessions dropped because a send failed or they fell behind")
            .register(registry);
  }

  /** The channel catalogue. */
  PushChannels channels() {
    return channels;
  }

  /** Registers a newly connected session. */
  void open(final Subscriber subscriber) {
    sessions.putIfAbsent(subscriber, new Session());
  }

  /** Forgets a session and all its subscriptions; idempotent. */
  void close(final Subscriber subscriber) {
    forget(subscriber);
  }

  /** Forgets a session that failed or fell behind, counting it; idempotent. */
  void drop(final Subscriber subscriber) {
    if (forget(subscriber)) {
      dropped.increment();
    }
  }

  /**
   * Subscribes a session to a channel, which must be canonical ({@link PushChannels#canonical}).
   */
  Subscription subscribe(final Subscriber subscriber, final String channel) {
    final Session session = sessions.get(subscriber);
    if (session == null) {
      return Subscription.CLOSED;
    }
    synchronized (session) {
      if (session.closed) {
        return Subscription.CLOSED;
      }
      if (session.channels.contains(channel)) {
        return Subscription.ALREADY_SUBSCRIBED;
      }
      if (session.channels.size() >= MAX_SUBSCRIPTIONS) {
        return Subscription.TOO_MANY;
      }
      session.channels.add(channel);
      subscribers.compute(
          channel,
          (c, set) -> {
            final Set<Subscriber> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(subscriber);
            return members;
          });
      return Subscription.ADDED;
    }
  }

  /** Unsubscribes a session from a channel; false if it was not subscribed. */
  boolean unsubscribe(final Subscriber subscriber, final String channel) {
    final Session session = sessions.get(subscriber);
    if (session == null) {
      return false;
    }
    synchronized (session) {
      if (!session.channels.remove(channel)) {
        return false;
      }
      leave(channel, subscriber);
      return true;
    }
  }

  /** Whether any session listens to any channel. */
  public boolean hasSubscribers() {
    return !subscribers.isEmpty();
  }

  /** Whether any session listens to {@code channel}. */
  public boolean hasSubscribers(final String channel) {
    return subscribers.containsKey(channel);
  }

  /** Open sessions. */
  public int sessionCount() {
    return sessions.size();
  }

  /**
   * Sends {@code {"type":"update","channel","key","data"}} to every session subscribed to {@code
   * channel}; forgets the sessions that cannot take it.
   *
   * @return the number of sessions the update was queued for
   */
  public int publish(final String channel, final String key, final JsonNode data) {
    final Set<Subscriber> members = subscribers.get(channel);
    if (members == null) {
      return 0;
    }
    final ObjectNode message = JSON.createObjectNode();
    message.put("type", "update");
    message.put("channel", channel);
    message.put("key", key);
    message.set("data", data);
    final String text = message.toString();
    int sent = 0;
    for (final Subscriber subscriber : members) {
      if (subscriber.send(text)) {
        sent++;
      } else {
        drop(subscriber);
      }
    }
    pushed.increment(sent);
    return sent;
  }

  private boolean forget(final Subscriber subscriber) {
    final Session session = sessions.remove(subscriber);
    if (session == null) {
      return false;
    }
    synchronized (session) {
      session.closed = true;
      session.channels.forEach(channel -> leave(channel, subscriber));
      session.channels.clear();
    }
    return true;
  }

  private void leave(final String channel, final Subscriber subscriber) {
    subscribers.computeIfPresent(
        channel,
        (c, members) -> {
          members.remove(subscriber);
          return members.isEmpty() ? null : members;
        });
  }
}
