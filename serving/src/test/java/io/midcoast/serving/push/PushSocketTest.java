package io.midcoast.serving.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.midcoast.serving.push.PushTesting.RecordingSubscriber;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription protocol of {@code /ws}, without a socket. */
class PushSocketTest {

  private final PushHub hub = new PushHub(PushChannels.standard(), new SimpleMeterRegistry());
  private final PushSocket socket = new PushSocket(hub);
  private final RecordingSubscriber client = new RecordingSubscriber();

  @BeforeEach
  void connect() {
    hub.open(client);
  }

  private JsonNode send(final String message) {
    socket.handle(client, message);
    return client.next();
  }

  @Test
  void shouldConfirmASubscriptionWithTheCanonicalChannelAndThenPush() {
    final JsonNode reply = send("{\"action\":\"subscribe\",\"channel\":\"trends:City:ames\"}");
    assertThat(reply.get("type").asText()).isEqualTo("subscribed");
    assertThat(reply.get("channel").asText()).isEqualTo("trends:city:AMES");
    hub.publish(
        "trends:city:AMES", "city:AMES:2010-05", JsonNodeFactory.instance.objectNode().put("x", 1));
    assertThat(client.next().at("/data/x").asInt()).isEqualTo(1);
  }

  @Test
  void shouldConfirmARepeatedSubscriptionAndAnUnsubscription() {
    final String subscribe = "{\"action\":\"subscribe\",\"channel\":\"properties:p-1\"}";
    assertThat(send(subscribe).get("type").asText()).isEqualTo("subscribed");
    assertThat(send(subscribe).get("type").asText()).isEqualTo("subscribed");
    final JsonNode reply = send("{\"action\":\"unsubscribe\",\"channel\":\"properties:p-1\"}");
    assertThat(reply.get("type").asText()).isEqualTo("unsubscribed");
    assertThat(reply.get("channel").asText()).isEqualTo("properties:p-1");
    assertThat(hub.hasSubscribers("properties:p-1")).isFalse();
  }

  @Test
  void shouldAnswerABadMessageWithAnErrorAndKeepTheSession() {
    final List<List<String>> cases =
        List.of(
            List.of("not json", "Malformed message"),
            List.of("", "Malformed message"),
            List.of("[1,2]", "Malformed message"),
            List.of("{\"channel\":\"alerts\"}", "Malformed message"),
            List.of("{\"action\":7}", "Malformed message"),
            List.of("{\"action\":\"publish\",\"channel\":\"alerts\"}", "Unknown action"),
            List.of("{\"action\":\"subscribe\"}", "Invalid channel"),
            List.of("{\"action\":\"subscribe\",\"channel\":\"\"}", "Invalid channel"),
            List.of("{\"action\":\"subscribe\",\"channel\":\"weather:Ames\"}", "Invalid channel"),
            List.of(
                "{\"action\":\"subscribe\",\"channel\":\"trends:planet:Mars\"}", "Invalid channel"),
            List.of(
                "{\"action\":\"subscribe\",\"channel\":\"properties:" + "p".repeat(400) + "\"}",
                "Invalid channel"),
            List.of(
                "{\"pad\":\"" + "x".repeat(PushSocket.MAX_MESSAGE_LENGTH) + "\"}",
                "Malformed message"));
    for (final List<String> c : cases) {
      final JsonNode reply = send(c.get(0));
      assertThat(reply.get("type").asText()).as(c.get(0)).isEqualTo("error");
      assertThat(reply.get("title").asText()).as(c.get(0)).isEqualTo(c.get(1));
      assertThat(reply.get("detail").asText()).as(c.get(0)).isNotBlank();
    }
    assertThat(hub.sessionCount()).isEqualTo(1);
    assertThat(
            send("{\"action\":\"subscribe\",\"channel\":\"properties:p-1\"}").get("type").asText())
        .isEqualTo("subscribed");
  }

  @Test
  void shouldNameTheChannelOfAnInvalidChannelError() {
    final JsonNode reply = send("{\"action\":\"subscribe\",\"channel\":\"trends:planet:Mars\"}");
    assertThat(reply.get("channel").asText()).isEqualTo("trends:planet:Mars");
    assertThat(reply.get("detail").asText()).contains("postal, city or subdivision");
  }

  @Test
  void shouldRefuseASubscriptionBeyondTheLimit() {
    for (int i = 0; i < PushHub.MAX_SUBSCRIPTIONS; i++) {
      assertThat(
              send("{\"action\":\"subscribe\",\"channel\":\"properties:p-" + i + "\"}")
                  .get("type")
                  .asText())
          .isEqualTo("subscribed");
    }
    final JsonNode reply = send("{\"action\":\"subscribe\",\"channel\":\"properties:more\"}");
    assertThat(reply.get("type").asText()).isEqualTo("error");
    assertThat(reply.get("title").asText()).isEqualTo("Too many subscriptions");
  }
}
