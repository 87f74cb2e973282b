package io.midcoast.bench;

import io.midcoast.topology.config.KafkaSettings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options every latency driver takes: {@code --rate R --warmup-s 20 --duration-s 60
 * --commit-interval-ms MS --processing-guarantee G --threads T}.
 *
 * @param rate records sent per second
 * @param warmupMs time sent before the measured window (not counted)
 * @param durationMs the measured window
 * @param commitIntervalMs Streams' commit interval, or its default
 * @param processingGuarantee Streams' processing guarantee, or the default
 * @param threads stream threads, or the default
 */
record LatencyOptions(
    double rate,
    long warmupMs,
    long durationMs,
    Optional<Long> commitIntervalMs,
    Optional<String> processingGuarantee,
    Optional<Integer> threads) {

  private static final List<String> NAMES =
      List.of(
          "rate",
          "warmup-s",
          "duration-s",
          "commit-interval-ms",
          "processing-guarantee",
          "threads");

  /** Parses {@code argv}: these options and a driver's {@code own}. */
  /**
   * The common part of a run's setup figure: rate in {@code unit}/s, warm-up, measured window,
   * commit interval, processing guarantee and stream threads.
   */
  String setup(final String unit, final io.midcoast.topology.config.KafkaSettings settings) {
    return String.format(
        "rate %.0f %s/s, warm-up %d s, measured %d s, commit.interval.ms %d, %s, %d stream"
            + " thread(s)",
        rate(),
        unit,
        warmupMs() / 1000,
        durationMs() / 1000,
        settings.commitIntervalMs(),
        settings.processingGuarantee(),
        settings.numStreamThreads());
  }

  static Args parse(final String[] argv, final String... own) {
    return Args.parse(argv, Stream.concat(NAMES.stream(), Stream.of(own)).toList());
  }

  /** These options of {@code args}, {@code --rate} defaulting to {@code defaultRate}. */
  static LatencyOptions of(final Args args, final long defaultRate) {
    return new LatencyOptions(
        args.longValue("rate", defaultRate),
        args.longValue("warmup-s", 20) * 1_000,
        args.longValue("duration-s", 60) * 1_000,
        args.string("commit-interval-ms").map(Long::parseLong),
        args.string("processing-guarantee"),
        args.string("threads").map(Integer::parseInt));
  }

  /** Streams settings with these options, for an application id made unique with the time. */
  KafkaSettings streamsSettings(final String bootstrapServers, final String applicationIdPrefix) {
    return BenchCluster.streamsSettings(
        bootstrapServers,
        applicationIdPrefix + System.currentTimeMillis(),
        commitIntervalMs,
        processingGuarantee,
        threads);
  }
}
