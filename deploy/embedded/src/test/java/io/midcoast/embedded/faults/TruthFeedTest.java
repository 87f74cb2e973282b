package io.midcoast.embedded.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.topology.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator without Kafka: size, determinism, and that the truth is self-consistent. */
class TruthFeedTest {

  @Test
  void shouldGiveTheSameMessagesAndTruthForTheSameSeed() throws NoSuchAlgorithmException {
    final TruthFeed a = TruthFeed.generate(11, 600, 150);
    final TruthFeed b = TruthFeed.generate(11, 600, 150);

    assertThat(digest(a.messages())).isEqualTo(digest(b.messages()));
    assertThat(a.messages().get(17)).isEqualTo(a.messages().get(17));
    for (final String table : List.of("property", "market_trend", "property_estimate", "lead")) {
      assertThat(a.expected(table)).isEqualTo(b.expected(table));
    }
    assertThat(a.expectedDeadLetters()).isEqualTo(b.expectedDeadLetters());
    assertThat(a.summary()).isEqualTo(b.summary());
  }

  @Test
  void shouldGiveAnotherFeedForAnotherSeed() throws NoSuchAlgorithmException {
    assertThat(digest(TruthFeed.generate(11, 600, 150).messages()))
        .isNotEqualTo(digest(TruthFeed.generate(12, 600, 150).messages()));
  }

  @Test
  void shouldHoldEveryKindOfTroubleTheHarnessNeeds() {
    final TruthFeed feed = TruthFeed.generate(3, 2_000, 500);
    final Map<String, Long> summary = feed.summary();

    assertThat(summary.get("messages")).isEqualTo(feed.messages().size());
    for (final String kind :
        List.of(
            "duplicates",
            "staleVersions",
            "deletes",
            "addressCorrections",
            "soldTwice",
            "deedsOfMlsCloses",
            "quitclaims",
            "offMarketDeeds",
            "resyncPages")) {
      assertThat(summary.get(kind)).as(kind).isPositive();
    }
    final long invalid = summary.get("invalid");
    assertThat(invalid).isBetween(summary.get("messages") / 250, summary.get("messages") / 150);
    assertThat(feed.expectedDeadLetters().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(invalid);
    assertThat(feed.expectedEstimates())
        .isEqualTo(feed.expected("property").rows().size())
        .isEqualTo(summary.get("properties"));
    assertThat(feed.expected("lead").rows()).hasSize(500);
    assertThat(feed.messages().stream().map(FeedMessage::topic).distinct())
        .containsExactlyInAnyOrder(
            Topics.RESO_PROPERTY.name(), Topics.COUNTY_SALE.name(), Topics.LEAD_EVENT.name());
    assertThat(feed.messages().stream().filter(m -> m.key() == null).count())
        .as("some messages are unkeyed")
        .isPositive();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void shouldGenerateAMillionMessagesOverFiftyThousandHousesQuickly()
      throws NoSuchAlgorithmException {
    final long start = System.nanoTime();
    final TruthFeed feed = TruthFeed.generate(2026, 50_000, 20_000);
    final long generated = System.nanoTime();
    final String digest = digest(feed.messages());
    final long rendered = System.nanoTime();

    assertThat(feed.messages().size()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(digest).hasSize(64);
    assertThat(feed.summary().get("properties")).isGreaterThan(45_000);
    System.getLogger(TruthFeedTest.class.getName())
        .log(
            System.Logger.Level.INFO,
            "generate(2026, 50000, 20000): {0} messages; truth in {1} ms, every message rendered"
                + " in {2} ms; {3}",
            feed.messages().size(),
            (generated - start) / 1_000_000,
            (rendered - generated) / 1_000_000,
            feed.summary());
  }

  private static String digest(final List<FeedMessage> messages) throws NoSuchAlgorithmException {
    final MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (final FeedMessage m : messages) {
      sha.update(m.topic().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(m.key()).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(m.value().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
