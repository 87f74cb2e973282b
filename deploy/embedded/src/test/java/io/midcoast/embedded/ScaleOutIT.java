package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Scaling out by instances, on a real broker: two app processes with one application id split the
 * partitions, and each answers every key over HTTP — its own from its RocksDB stores, the other's
 * by forwarding to the owner named by Kafka Streams' metadata ({@code midcoast.kafka.application
 * .server}). Listings merge both instances' keys in order across pages. When one instance stops,
 * the other takes its partitions and answers everything alone. The lead trainer is on in both, and
 * exactly one of them trains at a time. Prints the figure: time from the stop to the survivor
 * answering every key.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final String APP_ID = "it-scale-" + RUN_ID;
  private static final String SERVER = "MIDCOAST_KAFKA_APPLICATION_SERVER";
  private static final String TRAINER = "MIDCOAST_LEADS_TRAINER_ENABLED";
  private static final String LEADER = "midcoast_lead_trainer_leader";
  private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
  private static final int PAGE = 500;

  private Stack stack;
  private Probe probe;
  private AppProcess second;
  private String first;
  private Set<String> ids;
  private volatile String refusal = "none";

  @BeforeAll
  void startStackAndOneInstance() {
    final int port = Ports.free();
    stack =
        Stack.builder()
            .dataDir(Path.of("target", "it-data", APP_ID).toAbsolutePath())
            .applicationId(APP_ID)
            .httpPort(port)
            .withConnect(false)
            .withPostgres(false)
            .start();
    first =
        stack
            .startApp(
                s ->
                    s.withEnvironment(SERVER, "localhost:" + port).withEnvironment(TRAINER, "true"))
            .url();
    probe = new Probe(stack, APP_ID);
  }

  @AfterAll
  void stopStack() {
    if (second != null) {
      second.stop();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void shouldAnswerEveryKeyFromEitherInstanceOnceTheSecondJoins() {
    final AmesFeed feed = AmesFeed.load();
    feed.publish(stack.bootstrapServers(), feed.timelinePages());
    probe.awaitStreamsCaughtUp(WAIT);
    feed.publish(stack.bootstrapServers(), feed.countySales());
    probe.awaitStreamsCaughtUp(WAIT);
    ids =
        new TreeSet<>(
            Await.value("every property listed by one instance", WAIT, () -> listed(first, false)));
    assertThat(ids).hasSize(feed.size());
    Await.until(
        "an estimate of every property",
        WAIT,
        () ->
            ids.stream()
                .allMatch(id -> probe.get(first, "/api/v1/estimates/" + id).statusCode() == 200));

    final int port = Ports.free();
    final Path dir = stack.dataDir().resolve("app-2");
    second =
        AppProcess.start(
            AppProcess.Settings.of(
                    stack.repo().servingDir(),
                    stack.bootstrapServers(),
                    dir.resolve("state"),
                    port,
                    APP_ID,
                    dir.resolve("app.log"))
                .withEnvironment(SERVER, "localhost:" + port)
                .withEnvironment(TRAINER, "true"),
            AppProcess.DEFAULT_READY_TIMEOUT);
    final String other = second.url();

    // both instances own partitions, and between them every key: forwarding is exercised
    final AtomicReference<String> seen = new AtomicReference<>("nothing yet");
    final AtomicReference<int[]> split = new AtomicReference<>();
    try {
      Await.until(
          "the partitions split between both instances",
          WAIT,
          () -> {
            final Optional<Set<String>> mine = listed(first, true).map(TreeSet::new);
            final Optional<Set<String>> theirs = listed(other, true).map(TreeSet::new);
            seen.set(
                "first lists "
                    + mine.map(Set::size)
                    + ", second "
                    + theirs.map(Set::size)
                    + " of "
                    + ids.size()
                    + "; last refusal: "
                    + refusal);
            if (mine.isEmpty() || theirs.isEmpty()) {
              return false;
            }
            split.set(new int[] {mine.get().size(), theirs.get().size()});
            final Set<String> union = new TreeSet<>(mine.get());
            union.addAll(theirs.get());
            return !mine.get().isEmpty()
                && !theirs.get().isEmpty()
                && union.equals(ids)
                && mine.get().size() + theirs.get().size() == ids.size();
          });
    } catch (final Await.TimeoutException e) {
      throw new AssertionError(e.getMessage() + "; last seen: " + seen.get(), e);
    }
    System.out.printf(
        "FIGURE two instances: %d of %d properties local to the first, %d to the second%n",
        split.get()[0], ids.size(), split.get()[1]);

    // the lead trainer is on in both: exactly one of them trains, still the first (sticky seat)
    Await.until(
        "the first instance alone training lead models",
        WAIT,
        () -> probe.metric(first, LEADER) == 1.0 && probe.metric(other, LEADER) == 0.0);

    for (final String id : ids) {
      for (final String path : List.of("/api/v1/properties/" + id, "/api/v1/estimates/" + id)) {
        assertThat(answer(other, path)).as(path).isEqualTo(answer(first, path));
      }
    }
    Await.until(
        "a 404 for an unknown property from the second instance",
        ANSWER_WAIT,
        () -> probe.get(other, "/api/v1/properties/no-such-property").statusCode() == 404);
    for (final String url : List.of(first, other)) {
      Await.until(
          "every property listed, in pages merged across both instances, by " + url,
          ANSWER_WAIT,
          () -> listed(url, false).map(List.copyOf(ids)::equals).orElse(false));
    }
    for (final String path :
        List.of(
            "/api/v1/trends/subdivision/North_Ames?from=2006-01&to=2010-12",
            "/api/v1/trends/city/AMES?from=2006-01&to=2010-12",
            "/api/v1/scores/" + ids.iterator().next(),
            "/api/v1/accuracy/all")) {
      assertThat(answer(other, path)).as(path).isEqualTo(answer(first, path));
    }
    assertThat(
            probe.getJson(other, "/api/v1/trends/city/AMES?from=2006-01&to=2010-12").get("months"))
        .isNotEmpty();
  }

  @Test
  @Order(2)
  void shouldAnswerEverythingFromTheSurvivorWhenAnInstanceStops() {
    // stop the first instance, the trainer's leader: the second takes every partition and the seat
    final String survivor = second.url();
    final long stopping = System.nanoTime();
    stack.app().orElseThrow().stop();
    Await.until(
        "the second instance to own every key",
        WAIT,
        () -> listed(survivor, true).map(List.copyOf(ids)::equals).orElse(false));
    final long owned = System.nanoTime();
    for (final String id : ids) {
      answer(survivor, "/api/v1/estimates/" + id);
    }
    System.out.printf(
        "FIGURE failover: %d ms from stopping the first instance until the second owns and serves"
            + " all %d properties (every estimate answered %d ms after that)%n",
        (owned - stopping) / 1_000_000, ids.size(), (System.nanoTime() - owned) / 1_000_000);
    Await.until(
        "the survivor training lead models", WAIT, () -> probe.metric(survivor, LEADER) == 1.0);
  }

  /**
   * The 200 answer of the instance at {@code url} to {@code path}, retried for a while (a 503 while
   * a store restores, or a slow forwarded call, is retried).
   */
  private JsonNode answer(final String url, final String path) {
    return Await.value(
        "a 200 answer from " + url + path,
        ANSWER_WAIT,
        () -> Optional.of(probe.getJson(url, path)));
  }

  /**
   * Every property id the instance at {@code url} lists (its own only when {@code local}), page by
   * page, in the order served; empty while it answers anything but 200 (e.g. 503 during a
   * rebalance).
   */
  private Optional<List<String>> listed(final String url, final boolean local) {
    final List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      final HttpResponse<String> response =
          probe.get(
              url,
              "/api/v1/properties?limit="
                  + PAGE
                  + (local ? "&local=true" : "")
                  + (cursor == null ? "" : "&cursor=" + cursor));
      if (response.statusCode() != 200) {
        refusal = url + " answered " + response.statusCode() + ": " + response.body();
        return Optional.empty();
      }
      final JsonNode page;
      try {
        page = Probe.JSON.readTree(response.body());
      } catch (final Exception e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
      page.get("items").forEach(item -> seen.add(item.get("propertyId").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);
    return Optional.of(seen);
  }
}
