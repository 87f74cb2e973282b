package io.midcoast.serving.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.midcoast.serving.push.PushHub.Subscription;
import io.midcoast.serving.push.PushTesting.RecordingSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PushHubTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PushHub hub = new PushHub(PushChannels.standard(), registry);

  private static JsonNode data(final int n) {
    return JsonNodeFactory.instance.objectNode().put("n", n);
  }

  @Test
  void shouldPushAnUpdateToEverySubscriberOfTheChannelOnly() {
    final RecordingSubscriber a = new RecordingSubscriber();
    final RecordingSubscriber b = new RecordingSubscriber();
    hub.open(a);
    hub.open(b);
    assertThat(hub.subscribe(a, "trends:city:AMES")).isEqualTo(Subscription.ADDED);
    assertThat(hub.subscribe(b, "trends:city:AMES")).isEqualTo(Subscription.ADDED);
    assertThat(hub.subscribe(b, "properties:p-1")).isEqualTo(Subscription.ADDED);

    assertThat(hub.publish("trends:city:AMES", "city:AMES:2010-05", data(1))).isEqualTo(2);
    assertThat(hub.publish("properties:p-1", "p-1", data(2))).isEqualTo(1);
    assertThat(hub.publish("properties:p-2", "p-2", data(3))).isZero();

    final JsonNode update = a.next();
    assertThat(update.get("type").asText()).isEqualTo("update");
    assertThat(update.get("channel").asText()).isEqualTo("trends:city:AMES");
    assertThat(update.get("key").asText()).isEqualTo("city:AMES:2010-05");
    assertThat(update.get("data")).isEqualTo(data(1));
    assertThat(a.received).isEmpty();
    assertThat(b.next().get("data")).isEqualTo(data(1));
    assertThat(b.next().get("data")).isEqualTo(data(2));
    assertThat(registry.get("midcoast.ws.messages.pushed").counter().count()).isEqualTo(3.0);
  }

  @Test
  void shouldStopPushingAfterUnsubscribeOrClose() {
    final RecordingSubscriber a = new RecordingSubscriber();
    hub.open(a);
    hub.subscribe(a, "properties:p-1");
    hub.subscribe(a, "properties:p-2");
    assertThat(hub.subscribe(a, "properties:p-1")).isEqualTo(Subscription.ALREADY_SUBSCRIBED);
    assertThat(hub.unsubscribe(a, "properties:p-1")).isTrue();
    assertThat(hub.unsubscribe(a, "properties:p-1")).isFalse();
    assertThat(hub.hasSubscribers("properties:p-1")).isFalse();
    assertThat(hub.publish("properties:p-1", "p-1", data(1))).isZero();
    assertThat(registry.get("midcoast.ws.sessions").gauge().value()).isEqualTo(1.0);

    hub.close(a);
    hub.close(a);
    assertThat(hub.hasSubscribers()).isFalse();
    assertThat(hub.publish("properties:p-2", "p-2", data(2))).isZero();
    assertThat(hub.subscribe(a, "properties:p-3")).isEqualTo(Subscription.CLOSED);
    assertThat(registry.get("midcoast.ws.sessions").gauge().value()).isZero();
    assertThat(a.received).isEmpty();
  }

  @Test
  void shouldLimitTheSubscriptionsOfOneSession() {
    final RecordingSubscriber a = new RecordingSubscriber();
    hub.open(a);
    for (int i = 0; i < PushHub.MAX_SUBSCRIPTIONS; i++) {
      assertThat(hub.subscribe(a, "properties:p-" + i)).isEqualTo(Subscription.ADDED);
    }
    assertThat(hub.subscribe(a, "properties:one-too-many")).isEqualTo(Subscription.TOO_MANY);
    hub.unsubscribe(a, "properties:p-0");
    assertThat(hub.subscribe(a, "properties:one-too-many")).isEqualTo(Subscription.ADDED);
  }

  @Test
  void shouldDropASubscriberThatCannotTakeAnUpdate() {
    final RecordingSubscriber slow = new RecordingSubscriber();
    final RecordingSubscriber fine = new RecordingSubscriber();
    hub.open(slow);
    hub.open(fine);
    hub.subscribe(slow, "properties:p-1");
    hub.subscribe(fine, "properties:p-1");
    slow.refuse.set(true);
    assertThat(hub.publish("properties:p-1", "p-1", data(1))).isEqualTo(1);
    assertThat(hub.sessionCount()).isEqualTo(1);
    assertThat(registry.get("midcoast.ws.sessions.dropped").counter().count()).isEqualTo(1.0);
    slow.refuse.set(false);
    assertThat(hub.publish("properties:p-1", "p-1", data(2))).isEqualTo(1);
    assertThat(slow.received).isEmpty();
    assertThat(fine.received).hasSize(2);
  }

  @Test
  @Timeout(30)
  void shouldKeepSubscriptionsConsistentUnderConcurrentSubscribeAndClose() throws Exception {
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      final CountDownLatch start = new CountDownLatch(1);
      final List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 500; i++) {
                    final RecordingSubscriber s = new RecordingSubscriber();
                    hub.open(s);
                    hub.subscribe(s, "properties:p-" + (i % 7));
                    hub.publish("properties:p-" + (i % 5), "k", data(i));
                    hub.close(s);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (final Future<?> f : done) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(hub.sessionCount()).isZero();
    assertThat(hub.hasSubscribers()).as("no channel keeps a closed session").isFalse();
  }
}
