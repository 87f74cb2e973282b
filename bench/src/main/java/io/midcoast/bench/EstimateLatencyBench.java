package io.midcoast.bench;

import io.midcoast.embedded.Stack;
import io.midcoast.ml.price.ExtendedCharacteristics;
import io.midcoast.ml.price.PriceInput;
import io.midcoast.ml.price.PriceModel;
import io.midcoast.schemas.Property;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Estimate latency under load: property change on {@code property.state} → price estimate on {@code
 * analytics.estimate}. The estimates topology ({@code EstimateTopology.topology(counters,
 * PriceModel.loadBundled())}, exactly_once_v2 by default) runs in-process against a broker of its
 * own. First the initial stock of every market ({@link SyntheticProperties#initialStock}) is
 * published unpaced and the app left to go quiet (not measured); then a producer sends changes
 * ({@link SyntheticProperties#next}) at a fixed {@code --rate}, each stamped with the wall clock at
 * send; Streams gives every output the timestamp of the input that caused it, so a read_committed
 * consumer of {@code analytics.estimate} records receive time − record timestamp of every estimate
 * — the changed property's own and the re-estimates of whole subdivisions that a moved market clock
 * or a back-dated sale causes. Changes sent during {@code --warmup-s} are not counted; then {@code
 * --duration-s} seconds are measured. Fan-out = estimates caused by measured changes / measured
 * changes.
 *
 * <p>Before the broker starts, the model alone is timed on the generator's houses ({@code
 * --model-bench-s} per mode, 0 to skip): one estimate per call, batches of one subdivision, and the
 * per-estimate SHAP factors the stage adds to every changed estimate.
 *
 * <p>Options: {@code --rate 50 --warmup-s 20 --duration-s 60 --markets 4 --homes 600
 * --changes-per-day 200 --new-share 0.05 --commit-interval-ms MS --processing-guarantee G --threads
 * T --seed S --model-bench-s 2}.
 */
public final class EstimateLatencyBench {

  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final Duration PRELOAD_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(300);

  private EstimateLatencyBench() {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        LatencyOptions.parse(
            argv, "markets", "homes", "changes-per-day", "new-share", "seed", "model-bench-s");
    final LatencyOptions options = LatencyOptions.of(args, 50);
    final int markets = args.intValue("markets", 4);
    final int homes = args.intValue("homes", 600);
    final int changesPerDay = args.intValue("changes-per-day", 200);
    final double newShare = args.string("new-share").map(Double::parseDouble).orElse(0.05);
    final long seed = args.longValue("seed", SyntheticProperties.DEFAULT_SEED);

    final PriceModel model = PriceModel.loadBundled();
    final long modelBenchMs = args.longValue("model-bench-s", 2) * 1_000;
    if (modelBenchMs > 0) {
      modelAlone(
          model,
          new SyntheticProperties(seed, markets, homes, changesPerDay, newShare),
          modelBenchMs);
    }

    final SyntheticProperties changes =
        new SyntheticProperties(seed, markets, homes, changesPerDay, newShare);
    Report.note(
        "markets "
            + changes.cities()
            + ", "
            + SyntheticProperties.SUBDIVISIONS
            + " subdivisions each, event-time step "
            + changes.step().toMillis()
            + " ms per change");
    final Serializer<Property> values = Topics.PROPERTY_STATE.valueSerde().serializer();
    final String topic = Topics.PROPERTY_STATE.name();

    try (Stack stack = BenchCluster.startBroker()) {
      final KafkaSettings settings =
          options.streamsSettings(stack.bootstrapServers(), "bench-estimates-");
      Report.note("estimates settings: " + settings);
      final InMemoryStageCounters counters = new InMemoryStageCounters();
      final KafkaStreams streams = BenchCluster.estimateStreams(settings, counters, model);
      final LatencyRecorder recorder =
          new LatencyRecorder(
              stack.bootstrapServers(), Topics.ANALYTICS_ESTIMATE, "bench-estimates");
      Thread receiving = null;
      try {
        streams.start();
        BenchCluster.awaitRunning(streams);
        receiving = recorder.start();

        // the initial stock, unpaced and not measured
        final List<SyntheticProperties.Change> stock = changes.initialStock();
        final long preloadStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                BenchCluster.producerConfig(stack.bootstrapServers(), "bench-estimates-stock"))) {
          for (final SyntheticProperties.Change change : stock) {
            final Property p = change.property();
            producer.send(
                new ProducerRecord<>(
                    topic,
                    null,
                    System.currentTimeMillis(),
                    p.getPropertyId(),
                    values.serialize(topic, p)));
          }
          producer.flush();
        }
        final boolean quiet = recorder.awaitQuiet(QUIET, PRELOAD_TIMEOUT);
        Report.figure(
            "estimate_preload",
            "%d houses (%d markets × %d) published unpaced; %d estimates, quiet after %.1f s%s",
            stock.size(),
            markets,
            homes,
            recorder.seen(),
            (System.nanoTime() - preloadStart) / 1e9 - QUIET.toSeconds(),
            quiet ? "" : " (NOT quiet: timed out)");

        final long begin = System.currentTimeMillis();
        final long measureFrom = begin + options.warmupMs();
        final long measureTo = measureFrom + options.durationMs();
        recorder.window(measureFrom, measureTo);
        final long[] created = new long[1];
        final LocalDate[] eventTime = new LocalDate[2];
        final long stockBefore = changes.created();
        final PacedLoad.Result load =
            PacedLoad.run(
                stack.bootstrapServers(),
                "bench-estimates-feed",
                options.rate(),
                measureFrom,
                measureTo,
                (i, now) -> {
                  final SyntheticProperties.Change change = changes.next();
                  if (now >= measureFrom) {
                    if (eventTime[0] == null) {
                      eventTime[0] = LocalDate.ofInstant(changes.clock(), ZoneOffset.UTC);
                    }
                    eventTime[1] = LocalDate.ofInstant(changes.clock(), ZoneOffset.UTC);
                    if (change.created()) {
                      created[0]++;
                    }
                  }
                  final Property p = change.property();
                  return new ProducerRecord<>(
                      topic, null, now, p.getPropertyId(), values.serialize(topic, p));
                });
        final boolean drained = recorder.awaitQuiet(QUIET, DRAIN_TIMEOUT);
        final long received = recorder.received();
        Report.figure(
            "estimate_setup",
            "%s; %d markets × %d subdivisions, %d changes per market-day, new-share %.2f",
            options.setup("changes", settings),
            markets,
            SyntheticProperties.SUBDIVISIONS,
            changesPerDay,
            newShare);
        Report.figure("estimate_cpu", "%s", load.cpu());
        Report.figure(
            "estimate_changes",
            "sent %d in the window (%d new houses, %d updates; %d sends >100 ms late), %d in all;"
                + " houses %d → %d; event time %s → %s (%d days)",
            load.inWindow(),
            created[0],
            load.inWindow() - created[0],
            load.lateSends(),
            load.sent(),
            stockBefore,
            changes.created(),
            eventTime[0],
            eventTime[1],
            eventTime[0] == null ? 0 : ChronoUnit.DAYS.between(eventTime[0], eventTime[1]));
        Report.figure(
            "estimate_fanout",
            "%d estimates for %d changes = %.2f estimates per change (%.0f estimates/s)",
            received,
            load.inWindow(),
            load.inWindow() == 0 ? 0.0 : (double) received / load.inWindow(),
            received * 1000.0 / options.durationMs());
        final long lastAt = recorder.lastReceivedAt();
        Report.figure(
            "estimate_drain",
            "last estimate of the window %.1f s after the window closed%s",
            Math.max(0, lastAt - measureTo) / 1000.0,
            drained ? "" : " (NOT drained: timed out)");
        Report.figure("estimate_latency_ms", "%s", recorder.percentiles());
      } finally {
        BenchCluster.tearDown(recorder, receiving, streams, settings.stateDir());
      }
    }
  }

  /**
   * The model alone on one thread over the generator's initial stock: one estimate per call, one
   * call per subdivision-sized batch ({@value SyntheticProperties#SUBDIVISIONS} inputs, about what
   * a region re-estimate passes per call with the default stock), and {@code explain} (SHAP), which
   * the estimate stage calls once for every estimate that changed.
   */
  private static void modelAlone(
      final PriceModel model, final SyntheticProperties generator, final long millis) {
    final List<PriceInput> inputs = new ArrayList<>();
    final LocalDate asOf = LocalDate.ofInstant(SyntheticProperties.START, ZoneOffset.UTC);
    for (final SyntheticProperties.Change change : generator.initialStock()) {
      final Property p = change.property();
      inputs.add(
          new PriceInput(
              p.getCharacteristics(),
              p.getAddress(),
              ExtendedCharacteristics.of(p.getCharacteristics(), null),
              asOf,
              130.0));
    }
    final int batch = SyntheticProperties.SUBDIVISIONS;
    timed(model, inputs, millis / 2, Mode.SINGLE); // warm-up
    final double single = timed(model, inputs, millis, Mode.SINGLE);
    timed(model, inputs, millis / 2, Mode.BATCH);
    final double batched = timed(model, inputs, millis, Mode.BATCH);
    timed(model, inputs, millis / 2, Mode.EXPLAIN);
    final double explained = timed(model, inputs, millis, Mode.EXPLAIN);
    Report.figure(
        "model_alone_per_core",
        "%s: %.0f estimates/s one per call (%.0f µs), %.0f estimates/s in batches of %d (%.0f µs"
            + " each), %.0f explains/s (SHAP, %.0f µs each)",
        model.version(),
        single,
        1e6 / single,
        batched,
        batch,
        1e6 / batched,
        explained,
        1e6 / explained);
  }

  private enum Mode {
    SINGLE,
    BATCH,
    EXPLAIN
  }

  private static double timed(
      final PriceModel model, final List<PriceInput> inputs, final long millis, final Mode mode) {
    final int batch = SyntheticProperties.SUBDIVISIONS;
    final long start = System.nanoTime();
    final long deadline = start + millis * 1_000_000L;
    long count = 0;
    double sink = 0;
    int at = 0;
    while (System.nanoTime() < deadline) {
      switch (mode) {
        case SINGLE -> {
          sink += model.estimate(inputs.get(at)).map(PriceModel.Estimate::price).orElse(0.0);
          count++;
          at = (at + 1) % inputs.size();
        }
        case BATCH -> {
          final int to = Math.min(inputs.size(), at + batch);
          sink += model.estimates(inputs.subList(at, to)).size();
          count += to - at;
          at = to % inputs.size();
        }
        case EXPLAIN -> {
          sink += model.explain(inputs.get(at), 5).size();
          count++;
          at = (at + 1) % inputs.size();
        }
        default -> throw new IllegalStateException();
      }
    }
    if (sink == Double.MIN_VALUE) {
      Report.note("unlikely");
    }
    return count * 1e9 / (System.nanoTime() - start);
  }
}
