package io.midcoast.serving.push;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /ws}: the subscription protocol. A client sends {@code
 * {"action":"subscribe","channel":"trends:subdivision:North_Ames"}} or {@code
 * {"action":"unsubscribe","channel":...}}; the server answers {@code
 * {"type":"subscribed","channel":<canonical name>}} / {@code {"type":"unsubscribed","channel":...}}
 * and then pushes {@code {"type":"update","channel","key","data"}} ({@link PushHub#publish}). A bad
 * message is answered with {@code {"type":"error","title","detail"}} (plus {@code channel} when one
 * was named) and the socket stays open. Channels are those of {@link PushChannels}.
 */
public final class PushSocket {

  private static final Logger LOG = LoggerFactory.getLogger(PushSocket.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest client message read (a subscription is well under 1 KiB). */
  static final int MAX_MESSAGE_LENGTH = 4_096;

  /** Messages queued to one session, not yet written; beyond this the session is dropped. */
  static final int MAX_PENDING_SENDS = 1_000;

  /** Pings keep idle sessions open through Jetty's idle timeout and proxies. */
  private static final long PING_SECONDS = 15;

  private final PushHub hub;
  private final Map<String, WsSubscriber> sessions = new ConcurrentHashMap<>();

  public PushSocket(final PushHub hub) {
    this.hub = hub;
  }

  /** Installs the handlers of the endpoint: {@code config.routes.ws("/ws", socket::configure)}. */
  public void configure(final WsConfig ws) {
    ws.onConnect(
        ctx -> {
          final WsSubscriber subscriber = new WsSubscriber(ctx, hub);
          sessions.put(ctx.sessionId(), subscriber);
          hub.open(subscriber);
          ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        });
    ws.onMessage(
        ctx -> {
          final WsSubscriber subscriber = sessions.get(ctx.sessionId());
          if (subscriber != null) {
            handle(subscriber, ctx.message());
          }
        });
    ws.onBinaryMessage(
        ctx -> {
          final WsSubscriber subscriber = sessions.get(ctx.sessionId());
          if (subscriber != null) {
            subscriber.send(error("Malformed message", "send JSON text messages", null));
          }
        });
    ws.onClose(ctx -> forget(ctx));
    ws.onError(
        ctx -> {
          LOG.debug("WebSocket session {} failed", ctx.sessionId(), ctx.error());
          forget(ctx);
        });
  }

  private void forget(final WsContext ctx) {
    final WsSubscriber subscriber = sessions.remove(ctx.sessionId());
    if (subscriber != null) {
      hub.close(subscriber);
    }
  }

  /** Answers one client text message; every reply goes through {@code subscriber}. */
  void handle(final PushHub.Subscriber subscriber, final String text) {
    if (text.length() > MAX_MESSAGE_LENGTH) {
      subscriber.send(
          error(
              "Malformed message",
              "messages are at most " + MAX_MESSAGE_LENGTH + " characters",
              null));
      return;
    }
    final JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (final JacksonException e) {
      subscriber.send(error("Malformed message", "not JSON: " + e.getOriginalMessage(), null));
      return;
    }
    if (message == null || !message.isObject() || !message.path("action").isTextual()) {
      subscriber.send(
          error(
              "Malformed message",
              "send {\"action\":\"subscribe\"|\"unsubscribe\",\"channel\":\"...\"}",
              null));
      return;
    }
    final String action = message.get("action").asText();
    if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
      subscriber.send(
          error(
              "Unknown action",
              "unknown action " + action + "; use subscribe or unsubscribe",
              null));
      return;
    }
    final JsonNode named = message.path("channel");
    if (!named.isTextual() || named.asText().isEmpty()) {
      subscriber.send(error("Invalid channel", action + " needs a channel name", null));
      return;
    }
    final String asked = named.asText();
    if (asked.length() > PushHub.MAX_CHANNEL_LENGTH) {
      subscriber.send(
          error(
              "Invalid channel",
              "channel names are at most " + PushHub.MAX_CHANNEL_LENGTH + " characters",
              null));
      return;
    }
    final String channel;
    try {
      channel = hub.channels().canonical(asked);
    } catch (final IllegalArgumentException e) {
      subscriber.send(error("Invalid channel", e.getMessage(), asked));
      return;
    }
    if (action.equals("unsubscribe")) {
      hub.unsubscribe(subscriber, channel);
      subscriber.send(reply("unsubscribed", channel));
      return;
    }
    switch (hub.subscribe(subscriber, channel)) {
      case ADDED, ALREADY_SUBSCRIBED -> subscriber.send(reply("subscribed", channel));
      case TOO_MANY ->
          subscriber.send(
              error(
                  "Too many subscriptions",
                  "a session subscribes to at most " + PushHub.MAX_SUBSCRIPTIONS + " channels",
                  channel));
      case CLOSED -> {
        // the session is gone: nobody to answer
      }
    }
  }

  private static String reply(final String type, final String channel) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", type);
    node.put("channel", channel);
    return node.toString();
  }

  private static String error(final String title, final String detail, final String channel) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("type", "error");
    node.put("title", title);
    node.put("detail", detail);
    if (channel != null) {
      node.put("channel", channel);
    }
    return node.toString();
  }

  /**
   * A Javalin session as a {@link PushHub.Subscriber}: sends without blocking (Jetty queues the
   * frame), and drops the session when a send fails or more than {@link #MAX_PENDING_SENDS}
   * messages wait for a slow client.
   */
  private static final class WsSubscriber implements PushHub.Subscriber {
    private final WsContext ctx;
    private final PushHub hub;
    private final AtomicInteger pending = new AtomicInteger();

    WsSubscriber(final WsContext ctx, final PushHub hub) {
      this.ctx = ctx;
      this.hub = hub;
    }

    @Override
    public boolean send(final String text) {
      if (!ctx.session.isOpen()) {
        return false;
      }
      if (pending.incrementAndGet() > MAX_PENDING_SENDS) {
        pending.decrementAndGet();
        LOG.warn("dropping WebSocket session {}: {} messages pending", ctx.sessionId(), pending);
        hub.drop(this);
        ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, "too slow: messages were piling up");
        return false;
      }
      ctx.session.sendText(
          text,
          Callback.from(
              pending::decrementAndGet,
              failure -> {
                pending.decrementAndGet();
                LOG.debug("WebSocket send to {} failed", ctx.sessionId(), failure);
                hub.drop(this);
              }));
      return true;
    }
  }
}
