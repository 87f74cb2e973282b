package io.midcoast.embedded.faults;

import io.midcoast.embedded.faults.FaultPlan.Fault;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a fault run did and found: the faults with their recovery times, the feed and drain figures,
 * and each comparison with the truth.
 *
 * @param plan the plan run
 * @param feed the feed's summary ({@link TruthFeed#summary()})
 * @param faults the faults injected, in order
 * @param drain the feed and drain figures
 * @param results the comparisons with the truth
 * @param sinkRestarts per sink, the FAILED tasks restarted because Postgres had been unreachable
 */
public record FaultReport(
    FaultPlan plan,
    Map<String, Long> feed,
    List<Injected> faults,
    Drain drain,
    List<TruthCheck.Result> results,
    Map<String, Integer> sinkRestarts) {

  /**
   * One injected fault.
   *
   * @param fault its kind
   * @param target what was hit ("instance 1", "broker 2", "postgres", "connect")
   * @param at seconds from the feed's start
   * @param downSeconds how long the target was kept down on purpose
   * @param recoverySeconds from the fault to the target ready again (an instance: kill → {@code
   *     /health/ready} 200, including its restore; a broker: kill → registered again)
   * @param restoredRecords changelog records an instance restored after its kill
   */
  public record Injected(
      Fault fault,
      String target,
      double at,
      long downSeconds,
      double recoverySeconds,
      long restoredRecords) {}

  /**
   * The feed and the drain.
   *
   * @param messages messages acknowledged by the cluster
   * @param feedSeconds first send to last acknowledgement
   * @param drainSeconds from the end of the faults and the feed until every consumer drained
   * @param totalSeconds feed start to drained
   */
  public record Drain(
      long messages, double feedSeconds, double drainSeconds, double totalSeconds) {}

  /** Whether every comparison matched the truth exactly. */
  public boolean exact() {
    return results.stream().allMatch(TruthCheck.Result::exact);
  }

  /** The report as Markdown tables. */
  public String table() {
    final StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "fault run: seed %d, %d houses, %d leads, %d brokers, %d instances, rate ≤ %d msg/s%n",
            plan.seed(),
            plan.houses(),
            plan.leads(),
            plan.brokers(),
            plan.instances(),
            plan.rate()));
    out.append("feed: ")
        .append(
            feed.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append(System.lineSeparator())
        .append(System.lineSeparator());
    out.append("| # | fault | target | at (s) | down (s) | recovery (s) | restored records |")
        .append(System.lineSeparator())
        .append("| --- | --- | --- | --- | --- | --- | --- |")
        .append(System.lineSeparator());
    for (int i = 0; i < faults.size(); i++) {
      final Injected f = faults.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.0f | %d | %.1f | %s |%n",
              i + 1,
              f.fault(),
              f.target(),
              f.at(),
              f.downSeconds(),
              f.recoverySeconds(),
              f.fault() == Fault.INSTANCE_KILL
                  ? String.format(
                      Locale.ROOT,
                      "%d (%.0f rec/s)",
                      f.restoredRecords(),
                      f.restoredRecords() / f.recoverySeconds())
                  : ""));
    }
    out.append(System.lineSeparator())
        .append(
            String.format(
                Locale.ROOT,
                "records in: %d messages acknowledged in %.0f s; drained %.0f s after; %.0f s in"
                    + " all%n%n",
                drain.messages(),
                drain.feedSeconds(),
                drain.drainSeconds(),
                drain.totalSeconds()));
    out.append(
        String.format(
            Locale.ROOT,
            "sink tasks restarted after losing Postgres: %s%n%n",
            sinkRestarts.isEmpty() ? "none" : new TreeMap<>(sinkRestarts).toString()));
    out.append("| compared | expected | found | missing | extra | differing | exact |")
        .append(System.lineSeparator())
        .append("| --- | --- | --- | --- | --- | --- | --- |")
        .append(System.lineSeparator());
    for (final TruthCheck.Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %d | %s |%n",
              r.what(),
              r.expected(),
              r.actual(),
              r.missing(),
              r.extra(),
              r.differing(),
              r.exact() ? "yes" : "NO"));
    }
    results.stream()
        .filter(r -> !r.exact())
        .forEach(
            r ->
                out.append(r.what())
                    .append(": ")
                    .append(String.join("; ", r.examples()))
                    .append(System.lineSeparator()));
    out.append(exact() ? "EXACT" : "NOT EXACT").append(System.lineSeparator());
    return out.toString();
  }
}
