package io.midcoast.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.topology.catalog.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadFeedTest {

  private static final List<LeadSimulator.Listing> LISTINGS =
      LeadSimulator.syntheticListings(3, 50);

  @Test
  void shouldOfferEveryAmesListingAtItsPriceInCents() {
    final AmesFeed ames = AmesFeed.load();
    final List<LeadSimulator.Listing> listings = LeadFeed.amesListings(ames);

    assertThat(listings).hasSize(ames.size());
    assertThat(listings.get(0).listingKey()).isEqualTo("AMES-1");
    assertThat(listings.get(0).priceCents())
        .isEqualTo(ames.resoRecord(1).get("ListPrice").asLong() * 100);
  }

  @Test
  void shouldPublishPacedEventsInEventTimeOrderKeyedByLeadAndKeepTheNextRound(
      @TempDir final Path dir) throws Exception {
    final MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    final Path state = dir.resolve("lead-feed.properties");
    final Instant start = Instant.parse("2020-01-01T00:00:00Z");

    try (LeadFeed feed =
        LeadFeed.startPaced(producer, LISTINGS, 2_000, 40, Optional.of(state), 5, start)) {
      Await.until("paced events", Duration.ofSeconds(20), () -> producer.history().size() >= 600);
      assertThat(feed.published()).isGreaterThanOrEqualTo(600);
    }

    final List<ProducerRecord<String, byte[]>> sent = producer.history();
    Instant previous = Instant.MIN;
    for (final ProducerRecord<String, byte[]> r : sent) {
      assertThat(r.topic()).isEqualTo(Topics.LEAD_EVENT.name());
      final LeadEvent event = LeadEvent.fromJson(new String(r.value(), StandardCharsets.UTF_8));
      assertThat(r.key()).isEqualTo(event.leadId()).startsWith("lead-");
      assertThat(event.occurredAt()).isAfterOrEqualTo(previous).isAfterOrEqualTo(start);
      previous = event.occurredAt();
    }
    final Properties next = new Properties();
    try (var in = Files.newInputStream(state)) {
      next.load(in);
    }
    assertThat(Long.parseLong(next.getProperty("round"))).isGreaterThan(5);
    assertThat(Instant.parse(next.getProperty("start"))).isAfter(start);
  }

  @Test
  void shouldStopAtThePresent() throws Exception {
    final MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    final Instant start = Instant.now().minus(Duration.ofDays(2));

    try (LeadFeed feed =
        LeadFeed.startPaced(producer, LISTINGS, 5_000, 200, Optional.empty(), 1, start)) {
      Await.until("the feed to stop", Duration.ofSeconds(20), () -> !feed.isRunning());
    }
    assertThat(producer.history())
        .allSatisfy(
            r ->
                assertThat(
                        LeadEvent.fromJson(new String(r.value(), StandardCharsets.UTF_8))
                            .occurredAt())
                    .isBeforeOrEqualTo(Instant.now()));
  }
}
