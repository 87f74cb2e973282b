package io.midcoast.embedded;

import io.midcoast.ml.lead.LeadEvent;
import io.midcoast.ml.lead.LeadSimulator;
import io.midcoast.topology.catalog.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated lead activity for the dev stack and the tests: ml-models' {@link LeadSimulator} events
 * (JSON of {@code feeds.lead.event}, key leadId) whose leads view the Ames listings ({@code
 * AMES-<n>} at their price), agents {@code agent-1} … {@code agent-8}.
 *
 * <p>{@link #publish} sends one simulation at once (tests). {@link #startPaced} runs forever in the
 * background at a steady rate: simulation rounds of {@code leadsPerRound} leads (seed = round
 * number, lead ids {@code lead-<seed>-<n>}), each starting when the previous one stops creating
 * leads (270 days of event time later), merged in event-time order so that the lead population
 * stays steady. Event time starts {@value #YEARS_BACK} years back and stops at the present (the
 * topology rejects events from the future; labels need event time to advance). The next round and
 * its start are kept in a state file, so a restarted dev stack continues with new leads and later
 * event times instead of replaying old ones.
 */
public final class LeadFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LeadFeed.class);

  /** How far back the event time of a fresh paced feed starts. */
  public static final int YEARS_BACK = 20;

  /** The agents leads are assigned to. */
  public static final List<String> AGENTS =
      List.of(
          "agent-1", "agent-2", "agent-3", "agent-4", "agent-5", "agent-6", "agent-7", "agent-8");

  private static final Duration TICK = Duration.ofMillis(100);

  private final Producer<String, byte[]> producer;
  private final List<LeadSimulator.Listing> listings;
  private final int leadsPerRound;
  private final double eventsPerSecond;
  private final Optional<Path> stateFile;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final Thread thread;
  private long round;
  private Instant roundStart;
  private final ArrayDeque<LeadEvent> pending = new ArrayDeque<>();

  private LeadFeed(
      final Producer<String, byte[]> producer,
      final List<LeadSimulator.Listing> listings,
      final int leadsPerRound,
      final double eventsPerSecond,
      final Optional<Path> stateFile,
      final long firstRound,
      final Instant firstStart) {
    this.producer = producer;
    this.listings = List.copyOf(listings);
    this.leadsPerRound = leadsPerRound;
    this.eventsPerSecond = eventsPerSecond;
    this.stateFile = stateFile;
    this.round = firstRound;
    this.roundStart = firstStart;
    this.thread = new Thread(this::run, "midcoast-lead-feed");
    thread.setDaemon(true);
  }

  /** The Ames listings ({@code AMES-<n>} at their list price in cents) leads view. */
  public static List<LeadSimulator.Listing> amesListings(final AmesFeed ames) {
    final List<LeadSimulator.Listing> out = new ArrayList<>(ames.size());
    for (int n = 1; n <= ames.size(); n++) {
      out.add(
          new LeadSimulator.Listing(
              "AMES-" + n, ames.resoRecord(n).get("ListPrice").asLong() * 100));
    }
    return out;
  }

  /** One simulation round of {@code leads} leads viewing {@code listings}, from {@code start}. */
  public static LeadSimulator.Simulation simulate(
      final long seed,
      final Instant start,
      final int leads,
      final List<LeadSimulator.Listing> listings) {
    return new LeadSimulator(LeadSimulator.Config.of(seed, start, leads, AGENTS, listings)).run();
  }

  /** Publishes every event of {@code simulation} in order and waits for the acknowledgements. */
  public static int publish(
      final Producer<String, byte[]> producer, final LeadSimulator.Simulation simulation) {
    final List<Future<RecordMetadata>> sent = new ArrayList<>(simulation.events().size());
    for (final LeadEvent event : simulation.events()) {
      sent.add(producer.send(record(event)));
    }
    producer.flush();
    for (final Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (final ExecutionException e) {
        throw new IllegalStateException("cannot publish lead events: " + e.getMessage(), e);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted publishing lead events", e);
      }
    }
    return sent.size();
  }

  /**
   * Starts publishing in the background.
   *
   * @param bootstrapServers the broker
   * @param listings the listings leads view
   * @param eventsPerSecond the steady pace
   * @param leadsPerRound leads per simulation round (about 50 events each)
   * @param stateFile where the next round is kept across restarts, if anywhere
   */
  public static LeadFeed startPaced(
      final String bootstrapServers,
      final List<LeadSimulator.Listing> listings,
      final double eventsPerSecond,
      final int leadsPerRound,
      final Optional<Path> stateFile) {
    if (!(eventsPerSecond > 0) || leadsPerRound < 1) {
      throw new IllegalArgumentException("need a positive pace and leads per round");
    }
    long firstRound = 1;
    Instant firstStart = Instant.now().minus(Duration.ofDays(365L * YEARS_BACK));
    if (stateFile.isPresent() && Files.isRegularFile(stateFile.get())) {
      final Properties state = new Properties();
      try (InputStream in = Files.newInputStream(stateFile.get())) {
        state.load(in);
        firstRound = Long.parseLong(state.getProperty("round"));
        firstStart = Instant.parse(state.getProperty("start"));
      } catch (final IOException | RuntimeException e) {
        LOG.warn("ignoring unreadable lead feed state {}: {}", stateFile.get(), e.getMessage());
      }
    }
    final Properties config = AmesFeed.producerConfig(bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "midcoast-lead-feed");
    return startPaced(
        new KafkaProducer<>(config),
        listings,
        eventsPerSecond,
        leadsPerRound,
        stateFile,
        firstRound,
        firstStart);
  }

  /** {@link #startPaced} on a given producer (closed by {@link #close()}), from a given round. */
  static LeadFeed startPaced(
      final Producer<String, byte[]> producer,
      final List<LeadSimulator.Listing> listings,
      final double eventsPerSecond,
      final int leadsPerRound,
      final Optional<Path> stateFile,
      final long firstRound,
      final Instant firstStart) {
    final LeadFeed feed =
        new LeadFeed(
            producer, listings, leadsPerRound, eventsPerSecond, stateFile, firstRound, firstStart);
    feed.thread.start();
    return feed;
  }

  /** Whether the paced feed is still publishing (it stops at the present, or when closed). */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /** Events published so far by the paced feed. */
  public long published() {
    return published.get();
  }

  private void run() {
    try {
      nextRound();
      double credit = 0;
      long last = System.nanoTime();
      while (!closed.get()) {
        Thread.sleep(TICK.toMillis());
        final long now = System.nanoTime();
        credit = Math.min(credit + eventsPerSecond * (now - last) / 1e9, eventsPerSecond);
        last = now;
        while (credit >= 1 && !closed.get()) {
          final LeadEvent event = pending.peekFirst();
          if (event == null || !roundStart.isAfter(event.occurredAt())) {
            nextRound();
            continue;
          }
          if (event.occurredAt().isAfter(Instant.now())) {
            LOG.info("lead feed reached the present after {} events; stopping", published.get());
            return;
          }
          producer.send(record(pending.pollFirst()));
          published.incrementAndGet();
          credit--;
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final RuntimeException e) {
      LOG.error("lead feed stopped", e);
    }
  }

  /**
   * Simulates the round starting at {@link #roundStart} and merges it with what is left of the
   * previous one; the round after starts when this one stops creating leads.
   */
  private void nextRound() {
    final LeadSimulator.Simulation simulation =
        simulate(round, roundStart, leadsPerRound, listings);
    final List<LeadEvent> merged = new ArrayList<>(pending.size() + simulation.events().size());
    merged.addAll(pending);
    merged.addAll(simulation.events());
    merged.sort(Comparator.comparing(LeadEvent::occurredAt).thenComparing(LeadEvent::eventId));
    pending.clear();
    pending.addAll(merged);
    LOG.info(
        "lead feed round {}: {} leads from {} ({} events queued)",
        round,
        leadsPerRound,
        roundStart,
        pending.size());
    round++;
    roundStart = roundStart.plus(simulation.config().creationSpan());
    saveState();
  }

  private void saveState() {
    if (stateFile.isEmpty()) {
      return;
    }
    final Properties state = new Properties();
    state.setProperty("round", Long.toString(round));
    state.setProperty("start", roundStart.toString());
    try {
      Files.createDirectories(stateFile.get().toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(stateFile.get())) {
        state.store(out, "next round of the lead feed");
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write " + stateFile.get(), e);
    }
  }

  private static ProducerRecord<String, byte[]> record(final LeadEvent event) {
    return new ProducerRecord<>(
        Topics.LEAD_EVENT.name(), event.leadId(), event.toJson().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.close(Duration.ofSeconds(5));
    }
  }
}
