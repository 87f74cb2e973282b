package io.midcoast.bench;

import io.midcoast.embedded.ChildJvm;
import io.midcoast.embedded.Stack;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The raw limit of the same broker on the same machine, measured with Kafka's own tools ({@code
 * org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance} from kafka-tools,
 * each in its own JVM as {@code kafka-producer-perf-test.sh} would run it): for each of {@code
 * --runs} runs, a fresh 3-partition topic, {@code --records} records of the synthetic RESO payloads
 * produced with acks=all and idempotence, then the same count consumed.
 *
 * <p>Options: {@code --records 1000000 --runs 3 --payloads 10000 --seed S}.
 */
public final class BrokerLimitBench {

  private static final Pattern PRODUCER_SUMMARY =
      Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");
  private static final long TOOL_TIMEOUT_MINUTES = 10;

  private BrokerLimitBench() {}

  /** Runs the benchmark; see the class comment for options. */
  public static void main(final String[] argv) throws Exception {
    final Args args = Args.parse(argv, List.of("records", "runs", "payloads", "seed"));
    final long records = args.longValue("records", 1_000_000);
    final int runs = args.intValue("runs", 3);
    final int payloads = args.intValue("payloads", 10_000);
    final SyntheticListings listings =
        new SyntheticListings(args.longValue("seed", SyntheticListings.DEFAULT_SEED));

    final Path payloadFile = Files.createTempFile("midcoast-bench-payloads-", ".jsonl");
    try (Stack stack = BenchCluster.startBroker()) {
      long bytes = 0;
      final StringBuilder lines = new StringBuilder();
      for (int i = 0; i < payloads; i++) {
        final String json = new String(listings.bytes(i), StandardCharsets.UTF_8);
        bytes += json.getBytes(StandardCharsets.UTF_8).length;
        lines.append(json).append('\n');
      }
      Files.writeString(payloadFile, lines);
      Report.figure(
          "payload_file",
          "%s (%d synthetic records, mean %.1f bytes)",
          payloadFile,
          payloads,
          (double) bytes / payloads);

      final List<Double> producerRecords = new ArrayList<>();
      final List<Double> producerMb = new ArrayList<>();
      final List<Double> consumerRecords = new ArrayList<>();
      final List<Double> consumerMb = new ArrayList<>();
      for (int run = 1; run <= runs; run++) {
        final String topic = "bench.raw." + run;
        createTopic(stack.bootstrapServers(), topic, 3);
        final List<String> producerOutput =
            tool(
                "org.apache.kafka.tools.ProducerPerformance",
                List.of(
                    "--bootstrap-server",
                    stack.bootstrapServers(),
                    "--topic",
                    topic,
                    "--num-records",
                    Long.toString(records),
                    "--throughput",
                    "-1",
                    "--payload-file",
                    payloadFile.toString(),
                    "--producer-props",
                    "acks=all",
                    "enable.idempotence=true"));
        final Matcher summary =
            producerOutput.stream()
                .map(PRODUCER_SUMMARY::matcher)
                .filter(Matcher::find)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no producer summary"));
        producerRecords.add(Double.parseDouble(summary.group(2)));
        producerMb.add(Double.parseDouble(summary.group(3)));

        final List<String> consumerOutput =
            tool(
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                    "--bootstrap-server",
                    stack.bootstrapServers(),
                    "--topic",
                    topic,
                    "--num-records",
                    Long.toString(records),
                    "--timeout",
                    "60000"));
        // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
        // nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        final String[] fields = consumerOutput.get(consumerOutput.size() - 1).split(",\\s*");
        consumerMb.add(Double.parseDouble(fields[3]));
        consumerRecords.add(Double.parseDouble(fields[5]));
      }
      Report.figure("raw_producer_records_per_s", "%s", Report.spread(producerRecords, "%.0f"));
      Report.figure("raw_producer_mb_per_s", "%s", Report.spread(producerMb, "%.2f"));
      Report.figure("raw_consumer_records_per_s", "%s", Report.spread(consumerRecords, "%.0f"));
      Report.figure("raw_consumer_mb_per_s", "%s", Report.spread(consumerMb, "%.2f"));
    } finally {
      Files.deleteIfExists(payloadFile);
    }
  }

  private static void createTopic(final String bootstrap, final String topic, final int partitions)
      throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs a kafka-tools main class in its own JVM with this classpath; echoes and returns stdout.
   */
  private static List<String> tool(final String mainClass, final List<String> toolArgs)
      throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, ChildJvm.currentClasspath()));
    command.add(mainClass);
    command.addAll(toolArgs);
    Report.note("java -Xmx512m -cp $CP " + mainClass + " " + String.join(" ", toolArgs));
    final Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    final List<String> output = new ArrayList<>();
    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
        System.out.println("  | " + line);
      }
    }
    if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(mainClass + " did not finish");
    }
    if (process.exitValue() != 0 || output.isEmpty()) {
      throw new IllegalStateException(mainClass + " failed with exit code " + process.exitValue());
    }
    return output;
  }
}
