package io.midcoast.bench;

import io.midcoast.connect.SinkConnectors;
import io.midcoast.embedded.AmesFeed;
import io.midcoast.embedded.AmesTrendFigures;
import io.midcoast.embedded.AppProcess;
import io.midcoast.embedded.DataDir;
import io.midcoast.embedded.Stack;
import io.midcoast.embedded.TableRows;
import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.monitor.Stages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The hostile feed against the real embedded stack (issue 10, item 2): one Kafka broker, Postgres,
 * Connect with the sinks and one app instance, as {@code ./midcoast dev} runs them. The Ames demo
 * feed goes first and its market trends are checked against the figures computed from the CSV; then
 * {@code --messages} of {@link HostileFeed} (seed {@code --seed}) are produced as fast as the
 * broker takes them. The run passes when every consumer (the app and every sink) has drained, no
 * stream thread was replaced ({@code midcoast_task_failures_total} is 0 and the app log has no
 * "replacing it"), every source record was accepted or dead-lettered exactly once with a reason
 * code and none as {@code PROCESSING_ERROR}, the Ames neighbourhoods' trends still equal the CSV
 * figures, no Ames property row changed, and {@code /health/ready} answers 200. Last, the app is
 * stopped, its state directory wiped and the app started again: the restore rate.
 *
 * <p>{@code bench/run.sh hostile [--messages 1000000 --seed 7 --houses 20000 --timeout-min 180]}
 */
public final class HostileStackBench {

  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]+");
  private static final Set<String> INGEST_ENTRY_STAGES =
      Set.of(Stages.COLLECT, Stages.PROCESS, Stages.VALIDATE);
  private static final String LEAD_PARSE_STAGE = "leads-parse";
  private static final Duration AMES_TIMEOUT = Duration.ofMinutes(20);

  /**
   * Kafka Connect names the consumer group of sink connector {@code <name>} {@code connect-<name>}.
   */
  private static final String CONNECT_GROUP_PREFIX = "connect-";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HostileStackBench() {}

  /** Runs the bench; exit 1 when a check fails. */
  public static void main(final String[] args) throws Exception {
    final Args options =
        Args.parse(args, List.of("messages", "seed", "houses", "timeout-min", "keep"));
    final long messages = options.longValue("messages", 1_000_000);
    final long seed = options.longValue("seed", 7);
    final int houses = options.intValue("houses", 20_000);
    final Duration timeout = Duration.ofMinutes(options.longValue("timeout-min", 180));
    final Path dir = Files.createTempDirectory("midcoast-hostile-");
    final List<String> failures = new ArrayList<>();
    try (Stack stack =
        Stack.builder()
            .dataDir(dir)
            .applicationId("midcoast-hostile")
            .progress(step -> Report.note("started " + step))
            .start()) {
      final AppProcess app = stack.startApp();
      Report.note("app at " + app.url() + ", data in " + dir);
      final Map<String, List<String>> groups = groups(stack);

      final AmesFeed ames = AmesFeed.load();
      final long amesStart = System.nanoTime();
      ames.publish(stack.bootstrapServers(), ames.timelinePages());
      drain(stack, groups, AMES_TIMEOUT);
      ames.publish(stack.bootstrapServers(), ames.countySales());
      drain(stack, groups, AMES_TIMEOUT);
      final long amesRecords = 2L * ames.size() + ames.countySales().size();
      Report.figure("ames_records", "%d in %.1f s", amesRecords, seconds(amesStart));
      final Map<String, Map<String, String>> expectedTrends =
          AmesTrendFigures.expectedRows(AmesTrendFigures.readCsv());
      final Map<String, Map<String, String>> amesTrends = trendRows(stack);
      check(
          failures,
          amesTrends.equals(expectedTrends),
          "Ames market_trend equals the CSV figures (" + expectedTrends.size() + " rows)");
      final Map<String, Map<String, String>> amesProperties =
          TableRows.read(stack, "property", "property_id");
      Report.figure("ames_properties", "%d", amesProperties.size());

      final Produced produced =
          produce(stack.bootstrapServers(), new HostileFeed(seed, houses), messages);
      Report.figure(
          "hostile_produced",
          "%d messages, %.1f MB, %d source records (%s) in %.1f s",
          messages,
          produced.bytes / 1e6,
          produced.elements.values().stream().mapToLong(Long::longValue).sum(),
          produced.elements,
          produced.seconds);
      final long drainStart = System.nanoTime();
      drain(stack, groups, timeout);
      final double drained = seconds(drainStart) + produced.seconds;
      Report.figure(
          "hostile_drained",
          "%.1f s after the first message (%.0f messages/s end to end)",
          drained,
          messages / drained);

      final Map<String, Double> metrics = metrics(app.url());
      final double taskFailures = sum(metrics, "midcoast_task_failures_total");
      final long replaced = count(app.settings().logFile(), "replacing it");
      Report.figure(
          "task_failures", "%.0f (log lines \"replacing it\": %d)", taskFailures, replaced);
      check(failures, taskFailures == 0 && replaced == 0, "no stream thread replaced");

      final Letters letters = readLetters(stack.bootstrapServers());
      Report.figure("dead_letters", "%d", letters.total);
      letters.byReason.forEach((reason, n) -> Report.figure("dead_letters " + reason, "%d", n));
      check(failures, letters.withoutReason == 0, "every dead letter has a reason code");
      check(
          failures,
          !letters.byReason.keySet().stream().anyMatch(r -> r.endsWith("/PROCESSING_ERROR")),
          "no dead letter is a PROCESSING_ERROR");
      final long ingestIn =
          amesRecords
              + produced.elements.get(HostileFeed.Feed.RESO)
              + produced.elements.get(HostileFeed.Feed.COUNTY);
      final double ingestAccepted = sum(metrics, "midcoast_records_out_total", Stages.VALIDATE);
      Report.figure(
          "ingest_accounting",
          "%d source records = %.0f accepted + %d dead-lettered at entry",
          ingestIn,
          ingestAccepted,
          letters.ingestEntry);
      check(
          failures,
          ingestAccepted + letters.ingestEntry == ingestIn,
          "every RESO and county record accepted or dead-lettered once");
      final long leadIn = produced.elements.get(HostileFeed.Feed.LEAD);
      final double leadAccepted = sum(metrics, "midcoast_records_out_total", LEAD_PARSE_STAGE);
      Report.figure(
          "lead_accounting",
          "%d lead events = %.0f accepted + %d dead-lettered",
          leadIn,
          leadAccepted,
          letters.lead);
      check(
          failures,
          leadAccepted + letters.lead == leadIn,
          "every lead event accepted or dead-lettered once");

      final Map<String, Map<String, String>> trendsAfter = trendRows(stack);
      final Map<String, Map<String, String>> neighbourhoods = new TreeMap<>(expectedTrends);
      neighbourhoods.keySet().removeIf(cell -> !cell.startsWith("subdivision:"));
      final long changed =
          neighbourhoods.entrySet().stream()
              .filter(e -> !e.getValue().equals(trendsAfter.get(e.getKey())))
              .count();
      Report.figure(
          "ames_neighbourhood_trend_rows_changed", "%d of %d", changed, neighbourhoods.size());
      check(failures, changed == 0, "the Ames neighbourhoods' trends unchanged");
      final Map<String, Map<String, String>> propertiesAfter =
          TableRows.read(stack, "property", "property_id");
      final long propertiesChanged =
          amesProperties.entrySet().stream()
              .filter(e -> !e.getValue().equals(propertiesAfter.get(e.getKey())))
              .count();
      Report.figure(
          "ames_property_rows_changed", "%d of %d", propertiesChanged, amesProperties.size());
      check(failures, propertiesChanged == 0, "no Ames property row changed");
      final int ready = status(app.url() + "/health/ready");
      Report.figure("health_ready", "%d", ready);
      check(failures, ready == 200, "/health/ready answers 200");

      // restore rate: the same instance without its state directory rebuilds every store
      app.stop();
      DataDir.deleteRecursively(app.settings().stateDir());
      final long logOffset = app.logSize();
      final long restoreStart = System.nanoTime();
      app.restart(timeout);
      final double restoreSeconds = seconds(restoreStart);
      final long restored = app.restoredSince(logOffset);
      Report.figure(
          "restore",
          "%d records in %.1f s, start to ready (%.0f records/s), state directory wiped",
          restored,
          restoreSeconds,
          restored / restoreSeconds);
      app.stop();
    } finally {
      if (failures.isEmpty() && options.string("keep").isEmpty()) {
        DataDir.deleteRecursively(dir);
      } else {
        Report.note("data and logs kept in " + dir);
      }
    }
    Report.figure("result", failures.isEmpty() ? "PASS" : "FAIL %s", failures);
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /** The app's group over the feeds and every sink's group over its topic. */
  private static Map<String, List<String>> groups(final Stack stack) {
    final Map<String, List<String>> groups = new TreeMap<>();
    groups.put(
        "midcoast-hostile",
        List.of(Topics.RESO_PROPERTY.name(), Topics.COUNTY_SALE.name(), Topics.LEAD_EVENT.name()));
    for (final Map<String, String> sink :
        SinkConnectors.all(stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password())) {
      groups.put(CONNECT_GROUP_PREFIX + sink.get("name"), List.of(sink.get("topics")));
    }
    return groups;
  }

  /**
   * Waits for every group to drain, printing what is left about once a minute; stops at once if a
   * sink task has FAILED (a row Postgres refused: its group would never drain).
   */
  private static void drain(
      final Stack stack, final Map<String, List<String>> groups, final Duration timeout) {
    Drain.await(
        stack.bootstrapServers(),
        groups,
        timeout,
        () ->
            groups.keySet().stream()
                .filter(group -> group.startsWith(CONNECT_GROUP_PREFIX))
                .forEach(
                    group ->
                        stack
                            .connect()
                            .requireNotFailed(group.substring(CONNECT_GROUP_PREFIX.length()))));
  }

  private static Map<String, Map<String, String>> trendRows(final Stack stack) {
    return TableRows.read(stack, "market_trend", "region_type", "region_id", "month");
  }

  /** What the hostile feed put on the broker. */
  private record Produced(Map<HostileFeed.Feed, Long> elements, long bytes, double seconds) {}

  private static Produced produce(
      final String bootstrapServers, final HostileFeed feed, final long messages) {
    final var config = BenchCluster.producerConfig(bootstrapServers, "hostile-feed");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
    final Map<HostileFeed.Feed, Long> elements = new EnumMap<>(HostileFeed.Feed.class);
    for (final HostileFeed.Feed f : HostileFeed.Feed.values()) {
      elements.put(f, 0L);
    }
    final AtomicReference<Exception> failed = new AtomicReference<>();
    final long start = System.nanoTime();
    long bytes = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (long i = 0; i < messages && failed.get() == null; i++) {
        final HostileFeed.Message message = feed.message(i);
        elements.merge(message.feed(), (long) message.elements(), Long::sum);
        bytes += message.value() == null ? 0 : message.value().length;
        producer.send(
            new ProducerRecord<>(message.feed().topic(), message.key(), message.value()),
            (metadata, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
        if ((i + 1) % 100_000 == 0) {
          Report.note((i + 1) + " messages sent, " + seconds(start) + " s");
        }
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw new IllegalStateException("the hostile feed was not accepted", failed.get());
    }
    return new Produced(elements, bytes, seconds(start));
  }

  /** The dead-letter topic read whole (read_committed), counted by stage/reason. */
  private static final class Letters {
    final Map<String, Long> byReason = new TreeMap<>();
    long total;
    long withoutReason;
    long ingestEntry;
    long lead;
  }

  private static Letters readLetters(final String bootstrapServers) {
    final Letters letters = new Letters();
    final var config = BenchCluster.readCommittedConsumerConfig(bootstrapServers, "hostile-dlq");
    try (KafkaConsumer<String, DeadLetter> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), Topics.INGEST_DLQ.valueSerde().deserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INGEST_DLQ.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      // a transaction's commit marker can be the last offset: stop after 10 empty polls too
      int empty = 0;
      while (empty < 10 && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        final ConsumerRecords<String, DeadLetter> records = consumer.poll(Duration.ofSeconds(1));
        empty = records.isEmpty() ? empty + 1 : 0;
        records.forEach(
            r -> {
              final DeadLetter letter = r.value();
              letters.total++;
              letters.byReason.merge(letter.getStage() + "/" + letter.getReason(), 1L, Long::sum);
              if (!REASON.matcher(letter.getReason()).matches() || letter.getStage().isBlank()) {
                letters.withoutReason++;
              }
              final String source = letter.getSourceTopic();
              if (INGEST_ENTRY_STAGES.contains(letter.getStage())
                  && (Topics.RESO_PROPERTY.name().equals(source)
                      || Topics.COUNTY_SALE.name().equals(source))) {
                letters.ingestEntry++;
              }
              if (Topics.LEAD_EVENT.name().equals(source)) {
                letters.lead++;
              }
            });
      }
    }
    return letters;
  }

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)$");

  /** The app's Prometheus samples, keyed by name plus labels as written. */
  private static Map<String, Double> metrics(final String appUrl) throws Exception {
    final HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(appUrl + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    final Map<String, Double> samples = new TreeMap<>();
    for (final String line : response.body().split("\n")) {
      final Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        samples.put(
            m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
      }
    }
    return samples;
  }

  /** The sum of the samples of {@code name} (with {@code stage="..."} when given). */
  private static double sum(
      final Map<String, Double> metrics, final String name, final String... stage) {
    return metrics.entrySet().stream()
        .filter(
            e ->
                (e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                    && (stage.length == 0 || e.getKey().contains("stage=\"" + stage[0] + "\"")))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private static int status(final String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static long count(final Path file, final String text) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
      return lines.filter(line -> line.contains(text)).count();
    }
  }

  private static void check(final List<String> failures, final boolean ok, final String what) {
    Report.figure("check", "%s %s", ok ? "ok  " : "FAIL", what);
    if (!ok) {
      failures.add(what);
    }
  }

  private static double seconds(final long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
