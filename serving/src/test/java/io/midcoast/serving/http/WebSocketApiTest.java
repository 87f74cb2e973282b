package io.midcoast.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.midcoast.serving.push.PushChannels;
import io.midcoast.serving.push.PushHub;
import io.midcoast.serving.push.PushTesting;
import io.midcoast.serving.query.LeadModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code WS /ws} over a real socket: the Javalin app and a {@link java.net.http.WebSocket}. */
@Timeout(60)
class WebSocketApiTest {

  /** A client that queues every text message it receives. */
  private static final class Client implements WebSocket.Listener {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Client connect(final int port) {
      final Client client = new Client();
      client.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(PushTesting.WAIT)
              .buildAsync(URI.create("ws://localhost:" + port + "/ws"), client)
              .orTimeout(PushTesting.WAIT.toMillis(), TimeUnit.MILLISECONDS)
              .join();
      return client;
    }

    @Override
    public CompletionStage<?> onText(
        final WebSocket webSocket, final CharSequence data, final boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(
        final WebSocket webSocket, final int statusCode, final String reason) {
      closed.complete(statusCode);
      return null;
    }

    JsonNode send(final String text) {
      socket.sendText(text, true).orTimeout(PushTesting.WAIT.toSeconds(), TimeUnit.SECONDS).join();
      return next();
    }

    JsonNode next() {
      return PushTesting.take(messages);
    }

    void close() {
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "bye")
          .orTimeout(PushTesting.WAIT.toSeconds(), TimeUnit.SECONDS)
          .join();
    }
  }

  private static Javalin app(final PushHub hub, final PrometheusMeterRegistry metrics) {
    return TestApps.app(new MapStateQueries(), () -> true, LeadModels.none(), metrics, hub);
  }

  @Test
  void shouldPushAPublishedUpdateToASubscribedClient() {
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final PushHub hub = new PushHub(PushChannels.standard(), metrics);
    JavalinTest.test(
        app(hub, metrics),
        (server, http) -> {
          final Client client = Client.connect(server.port());
          final JsonNode subscribed =
              client.send(
                  "{\"action\":\"subscribe\",\"channel\":\"trends:subdivision:North_Ames\"}");
          assertThat(subscribed.get("type").asText()).isEqualTo("subscribed");
          assertThat(subscribed.get("channel").asText()).isEqualTo("trends:subdivision:North_Ames");

          final JsonNode cell =
              JsonNodeFactory.instance.objectNode().put("month", "2010-05").put("closedSales", 4);
          assertThat(hub.publish("trends:subdivision:Gilbert", "subdivision:Gilbert:2010-05", cell))
              .isZero();
          assertThat(
                  hub.publish(
                      "trends:subdivision:North_Ames", "subdivision:North_Ames:2010-05", cell))
              .isEqualTo(1);
          final JsonNode update = client.next();
          assertThat(update.get("type").asText()).isEqualTo("update");
          assertThat(update.get("channel").asText()).isEqualTo("trends:subdivision:North_Ames");
          assertThat(update.get("key").asText()).isEqualTo("subdivision:North_Ames:2010-05");
          assertThat(update.get("data")).isEqualTo(cell);

          final String scrape = metrics.scrape();
          assertThat(scrape).contains("midcoast_ws_sessions 1.0");
          assertThat(scrape).contains("midcoast_ws_messages_pushed_total 1.0");
          client.close();
        });
  }

  @Test
  void shouldAnswerBadMessagesWithErrorsAndKeepTheSocketOpen() {
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final PushHub hub = new PushHub(PushChannels.standard(), metrics);
    JavalinTest.test(
        app(hub, metrics),
        (server, http) -> {
          final Client client = Client.connect(server.port());
          final JsonNode malformed = client.send("{oops");
          assertThat(malformed.get("type").asText()).isEqualTo("error");
          assertThat(malformed.get("title").asText()).isEqualTo("Malformed message");
          final JsonNode action = client.send("{\"action\":\"shout\",\"channel\":\"alerts\"}");
          assertThat(action.get("title").asText()).isEqualTo("Unknown action");
          final JsonNode channel =
              client.send("{\"action\":\"subscribe\",\"channel\":\"trends:planet:Mars\"}");
          assertThat(channel.get("title").asText()).isEqualTo("Invalid channel");
          assertThat(channel.get("detail").asText()).isNotBlank();

          final JsonNode subscribed =
              client.send("{\"action\":\"subscribe\",\"channel\":\"properties:p-1\"}");
          assertThat(subscribed.get("type").asText()).as("still open").isEqualTo("subscribed");
          assertThat(client.closed).isNotDone();
          client.close();
        });
  }

  @Test
  void shouldRefuseAPlainGetOfTheSocket() {
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JavalinTest.test(
        app(new PushHub(PushChannels.standard(), metrics), metrics),
        (server, http) -> {
          final var response = http.get("/ws");
          assertThat(response.code()).isEqualTo(426);
          assertThat(response.headers().get("Upgrade")).containsExactly("websocket");
          assertThat(response.headers().get("Content-Type").get(0))
              .startsWith("application/problem+json");
        });
  }

  @Test
  void shouldForgetAClosedSession() {
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final PushHub hub = new PushHub(PushChannels.standard(), metrics);
    JavalinTest.test(
        app(hub, metrics),
        (server, http) -> {
          final Client client = Client.connect(server.port());
          client.send("{\"action\":\"subscribe\",\"channel\":\"properties:p-1\"}");
          assertThat(hub.sessionCount()).isEqualTo(1);
          client.close();
          assertThat(client.closed.get(PushTesting.WAIT.toSeconds(), TimeUnit.SECONDS))
              .isEqualTo(WebSocket.NORMAL_CLOSURE);
        });
    // JavalinTest stops the server after the block; by then the close handler has run
    assertThat(hub.hasSubscribers("properties:p-1")).isFalse();
    assertThat(hub.sessionCount()).isZero();
  }
}
