package io.midcoast.bench;

import io.midcoast.embedded.Stack;
import io.midcoast.topology.InMemoryStageCounters;
import io.midcoast.topology.Topics;
import io.midcoast.topology.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * End-to-end latency feed → {@code property.state}: with the ingest topology running (in-process,
 * exactly_once_v2 by default), a producer sends synthetic RESO records at a fixed {@code --rate},
 * stamping each record's Kafka timestamp with the wall clock at send; Streams keeps the input
 * timestamp on the output; a read_committed consumer of {@code property.state} records receive time
 * − record timestamp (milliseconds, same clock). Records sent during {@code --warmup-s} are not
 * counted; then {@code --duration-s} seconds are measured.
 *
 * <p>Options: {@code --rate 1000 --warmup-s 20 --duration-s 60 --commit-interval-ms MS
 * --processing-guarantee G --seed S}.
 */
public final class LatencyBench {

  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private LatencyBench() {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args =
        Args.parse(
            argv,
            List.of(
                "rate",
                "warmup-s",
                "duration-s",
                "commit-interval-ms",
                "processing-guarantee",
                "threads",
                "seed"));
    final double rate = args.longValue("rate", 1_000);
    final long warmupMs = args.longValue("warmup-s", 20) * 1_000;
    final long durationMs = args.longValue("duration-s", 60) * 1_000;
    final SyntheticListings listings =
        new SyntheticListings(args.longValue("seed", SyntheticListings.DEFAULT_SEED));
    final Optional<Long> commitInterval = args.string("commit-interval-ms").map(Long::parseLong);

    try (Stack stack = BenchCluster.startBroker()) {
      final KafkaSettings settings =
          BenchCluster.streamsSettings(
              stack.bootstrapServers(),
              "bench-latency-" + System.currentTimeMillis(),
              commitInterval,
              args.string("processing-guarantee"),
              args.string("threads").map(Integer::parseInt));
      Report.note("ingest settings: " + settings);
      final KafkaStreams streams =
          BenchCluster.ingestStreams(settings, new InMemoryStageCounters());
      final LatencyRecorder recorder =
          new LatencyRecorder(stack.bootstrapServers(), Topics.PROPERTY_STATE, "bench-latency");
      Thread receiving = null;
      try {
        streams.start();
        BenchCluster.awaitRunning(streams);
        receiving = recorder.start();

        final long begin = System.currentTimeMillis();
        final long measureFrom = begin + warmupMs;
        final long measureTo = measureFrom + durationMs;
        recorder.window(measureFrom, measureTo);
        final PacedLoad.Result load =
            PacedLoad.run(
                stack.bootstrapServers(),
                "bench-latency-feed",
                rate,
                measureFrom,
                measureTo,
                (i, now) ->
                    new ProducerRecord<>(
                        Topics.RESO_PROPERTY.name(),
                        null,
                        now,
                        SyntheticListings.listingKey(i),
                        listings.bytes(i)));
        recorder.awaitReceived(load.inWindow(), DRAIN_TIMEOUT);
        Report.figure(
            "latency_setup",
            "rate %.0f records/s, warm-up %d s, measured %d s, commit.interval.ms %d, %s",
            rate,
            warmupMs / 1000,
            durationMs / 1000,
            settings.commitIntervalMs(),
            settings.processingGuarantee());
        Report.figure("latency_cpu", "%s", load.cpu());
        Report.figure(
            "latency_records", "sent %d, received %d", load.inWindow(), recorder.received());
        Report.figure("latency_ms", "%s", recorder.percentiles());
      } finally {
        recorder.stop();
        if (receiving != null) {
          receiving.join(10_000);
        }
        streams.close(Duration.ofSeconds(30));
        BenchCluster.deleteQuietly(settings.stateDir());
      }
    }
  }
}
