package io.midcoast.bench;

import io.midcoast.embedded.Stack;
import io.midcoast.topology.catalog.Topics;
import io.midcoast.topology.config.KafkaSettings;
import io.midcoast.topology.monitor.InMemoryStageCounters;
import java.time.Duration;
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
    final Args args = LatencyOptions.parse(argv, "seed");
    final LatencyOptions options = LatencyOptions.of(args, 1_000);
    final SyntheticListings listings =
        new SyntheticListings(args.longValue("seed", SyntheticListings.DEFAULT_SEED));

    try (Stack stack = BenchCluster.startBroker()) {
      final KafkaSettings settings =
          options.streamsSettings(stack.bootstrapServers(), "bench-latency-");
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
        final long measureFrom = begin + options.warmupMs();
        final long measureTo = measureFrom + options.durationMs();
        recorder.window(measureFrom, measureTo);
        final PacedLoad.Result load =
            PacedLoad.run(
                stack.bootstrapServers(),
                "bench-latency-feed",
                options.rate(),
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
        Report.figure("latency_setup", "%s", options.setup("records", settings));
        Report.figure("latency_cpu", "%s", load.cpu());
        Report.figure(
            "latency_records", "sent %d, received %d", load.inWindow(), recorder.received());
        Report.figure("latency_ms", "%s", recorder.percentiles());
      } finally {
        BenchCluster.tearDown(recorder, receiving, streams, settings.stateDir());
      }
    }
  }
}
