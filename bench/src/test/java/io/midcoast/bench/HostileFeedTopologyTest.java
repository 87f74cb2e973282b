package io.midcoast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.MidcoastTopology;
import io.midcoast.topology.analytics.estimate.EstimateProcessor;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.ConfigSource;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.deadletter.ControlCharacters;
import io.midcoast.topology.deadletter.RejectReason;
import io.midcoast.topology.ingest.IngestTopology;
import io.midcoast.topology.leads.LeadTopology;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import io.midcoast.topology.monitor.LeadMonitor;
import io.midcoast.topology.monitor.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed-facing topologies (ingest and leads) under 100,000 messages of the hostile feed, with
 * the production configuration and error handlers: no exception escapes (the driver would throw
 * it), every source record is accepted or dead-lettered exactly once, every dead letter has a
 * reason code, and every property view and lead profile is a row Postgres can store (no U+0000).
 * With {@code -Dmidcoast.fuzz.whole=true} the whole application topology ({@link MidcoastTopology},
 * trends and estimates too) takes the same feed, and the estimate stage must also publish without a
 * dead letter: it keeps up with 20,000 houses in one city since its windows are held in memory, but
 * the model calls and the driver's work make the run about 10 minutes on the 2-core machine, too
 * long for the suite (docs/reliability.md, "The fuzz test").
 */
class HostileFeedTopologyTest {

  private static final int MESSAGES = 100_000;
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]+");
  private static final Instant EARLIEST = Instant.parse("1600-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Set<String> INGEST_ENTRY_STAGES =
      Set.of(Stages.COLLECT, Stages.PROCESS, Stages.VALIDATE);

  /** Whether the whole application topology runs, not only ingest and leads. */
  private static final boolean WHOLE = Boolean.getBoolean("midcoast.fuzz.whole");

  /**
   * Ingest and leads in one topology, as the application wires them (leads read properties); the
   * whole application topology when {@link #WHOLE}.
   */
  private static org.apache.kafka.streams.Topology topology(final InMemoryStageCounters counters) {
    if (WHOLE) {
      return MidcoastTopology.topology(counters);
    }
    final org.apache.kafka.streams.StreamsBuilder builder =
        new org.apache.kafka.streams.StreamsBuilder();
    IngestTopology.build(builder, counters);
    LeadTopology.build(builder, counters, LeadMonitor.none());
    return builder.build();
  }

  @Test
  void shouldAcceptOrDeadLetterEverySourceRecordExactlyOnceWithoutStopping(
      @TempDir final Path stateDir) throws Exception {
    final InMemoryStageCounters counters = new InMemoryStageCounters();
    final Properties file = new Properties();
    file.put(KafkaSettings.APPLICATION_ID, "hostile-feed-test");
    file.put(KafkaSettings.BOOTSTRAP_SERVERS, "dummy:9092");
    file.put(KafkaSettings.STATE_DIR, Files.createDirectories(stateDir).toString());
    final Properties streams =
        KafkaSettings.from(ConfigSource.of(file, Map.of())).streamsProperties(counters);

    final HostileFeed feed = new HostileFeed(7L, 20_000);
    final Map<HostileFeed.Feed, Long> elements = new EnumMap<>(HostileFeed.Feed.class);
    final Map<String, Long> kinds = new TreeMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(counters), streams, START)) {
      final Map<HostileFeed.Feed, TestInputTopic<String, byte[]>> inputs =
          new EnumMap<>(HostileFeed.Feed.class);
      for (final HostileFeed.Feed f : HostileFeed.Feed.values()) {
        inputs.put(
            f,
            driver.createInputTopic(
                f.topic(),
                new StringSerializer(),
                new ByteArraySerializer(),
                START,
                Duration.ZERO));
      }
      final TestOutputTopic<String, DeadLetter> dlq =
          driver.createOutputTopic(
              Topics.INGEST_DLQ.name(),
              new StringDeserializer(),
              Topics.INGEST_DLQ.valueSerde().deserializer());

      for (long i = 0; i < MESSAGES; i++) {
        final HostileFeed.Message message = feed.message(i);
        elements.merge(message.feed(), (long) message.elements(), Long::sum);
        kinds.merge(message.feed() + ":" + message.kind(), 1L, Long::sum);
        inputs.get(message.feed()).pipeInput(message.key(), message.value(), START.plusSeconds(i));
      }

      final List<DeadLetter> letters = dlq.readValuesToList();
      assertThat(letters)
          .allSatisfy(
              letter -> {
                assertThat(letter.getReason()).matches(REASON);
                assertThat(letter.getStage()).isNotBlank();
              });
      assertThat(letters)
          .as("no stage threw: every rejection is a deliberate reason")
          .filteredOn(d -> d.getReason().equals(RejectReason.PROCESSING_ERROR.name()))
          .extracting(DeadLetter::getStage, DeadLetter::getDetail)
          .isEmpty();

      final long ingestLetters =
          letters.stream()
              .filter(
                  d ->
                      INGEST_ENTRY_STAGES.contains(d.getStage())
                          && (d.getSourceTopic().equals(Topics.RESO_PROPERTY.name())
                              || d.getSourceTopic().equals(Topics.COUNTY_SALE.name())))
              .count();
      assertThat(counters.out(Stages.VALIDATE) + ingestLetters)
          .as("RESO and county records: accepted + dead-lettered")
          .isEqualTo(elements.get(HostileFeed.Feed.RESO) + elements.get(HostileFeed.Feed.COUNTY));

      final long leadLetters =
          letters.stream().filter(d -> d.getSourceTopic().equals(Topics.LEAD_EVENT.name())).count();
      assertThat(counters.out("leads-parse") + leadLetters)
          .as("lead events: accepted + dead-lettered")
          .isEqualTo(elements.get(HostileFeed.Feed.LEAD));

      final long counted =
          counters.deadLetters().values().stream().mapToLong(Long::longValue).sum();
      assertThat((long) letters.size()).as("every dead letter counted").isEqualTo(counted);
      assertThat(counters.out(Stages.STORE)).as("properties stored").isPositive();
      if (WHOLE) {
        assertThat(counters.out(EstimateProcessor.STAGE))
            .as("estimates, scores and accuracy figures published")
            .isPositive();
        assertThat(letters)
            .as("no trend or estimate failure")
            .noneMatch(letter -> letter.getStage().startsWith("analytics"));
      }
      final List<String> unstorable = new ArrayList<>();
      unstorable(driver, Topics.PROPERTY_STATE, unstorable);
      unstorable(driver, Topics.LEADS_PROFILE, unstorable);
      assertThat(unstorable)
          .as("every property view and lead profile is a row Postgres can store")
          .isEmpty();
      assertThat(kinds).hasSizeGreaterThan(30);
      System.out.printf(
          "hostile feed: %d messages, source records %s, %d dead letters %s, stored %d,"
              + " estimate-stage outputs %d%n",
          MESSAGES,
          elements,
          letters.size(),
          counters.deadLetters(),
          counters.out(Stages.STORE),
          counters.out(EstimateProcessor.STAGE));
    }
  }

  /**
   * Adds to {@code out} each value of {@code topic} holding a text or date Postgres cannot store
   * (U+0000 or another control character but tab, LF, CR; a date outside 1600..9999): the JDBC sink
   * task would fail on its row and stay failed.
   */
  private static <V> void unstorable(
      final TopologyTestDriver driver, final Topic<String, V> topic, final List<String> out) {
    final TestOutputTopic<String, V> output =
        driver.createOutputTopic(
            topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    while (!output.isEmpty()) {
      final V value = output.readValue();
      if (value != null) {
        final String problem = unstorable(value, topic.name());
        if (problem != null) {
          out.add(problem);
        }
      }
    }
  }

  private static String unstorable(final Object value, final String path) {
    if (value instanceof IndexedRecord record) {
      for (final Schema.Field field : record.getSchema().getFields()) {
        final String problem = unstorable(record.get(field.pos()), path + "." + field.name());
        if (problem != null) {
          return problem;
        }
      }
    } else if (value instanceof Collection<?> items) {
      for (final Object item : items) {
        final String problem = unstorable(item, path + "[]");
        if (problem != null) {
          return problem;
        }
      }
    } else if (value instanceof Map<?, ?> entries) {
      final String inKeys = unstorable(new ArrayList<Object>(entries.keySet()), path + "{keys}");
      return inKeys != null
          ? inKeys
          : unstorable(new ArrayList<Object>(entries.values()), path + "{values}");
    } else if (value instanceof CharSequence text && ControlCharacters.indexIn(text) >= 0) {
      return path + " holds " + ControlCharacters.describe(text, ControlCharacters.indexIn(text));
    } else if (value instanceof LocalDate date
        && (date.getYear() < 1600 || date.getYear() > 9999)) {
      return path + "=" + date;
    } else if (value instanceof Instant instant
        && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      return path + "=" + instant;
    }
    return null;
  }
}
