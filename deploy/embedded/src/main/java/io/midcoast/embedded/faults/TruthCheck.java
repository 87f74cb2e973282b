package io.midcoast.embedded.faults;

import io.midcoast.schemas.DeadLetter;
import io.midcoast.topology.catalog.Topic;
import io.midcoast.topology.catalog.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what the stack holds at the end of a run with the feed's truth: Postgres tables row by
 * row and column by column, the {@code property_estimate} row count, the latest records of {@code
 * property.state}, and the dead letters by stage and reason (each source record at most once).
 */
final class TruthCheck {

  private static final Logger LOG = LoggerFactory.getLogger(TruthCheck.class);

  /** How many differing keys a result names. */
  private static final int EXAMPLES = 5;

  /**
   * The comparison of one thing with its truth.
   *
   * @param what what was compared ("table property", "ingest.dlq", ...)
   * @param expected expected rows or records
   * @param actual rows or records found
   * @param missing expected but absent
   * @param extra present but not expected
   * @param differing present with another value
   * @param examples a few keys of each kind of difference, for the report
   */
  record Result(
      String what,
      long expected,
      long actual,
      long missing,
      long extra,
      long differing,
      List<String> examples) {

    boolean exact() {
      return missing == 0 && extra == 0 && differing == 0 && expected == actual;
    }
  }

  private TruthCheck() {}

  /** Compares every expected table of {@code truth} with Postgres, and the estimate count. */
  static List<Result> postgres(
      final String jdbcUrl, final String user, final String password, final TruthFeed truth)
      throws SQLException {
    final List<Result> results = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      try (Statement utc = connection.createStatement()) {
        utc.execute("set time zone 'UTC'"); // the truth renders timestamps in UTC
      }
      for (final String table : List.of("property", "market_trend", "property_estimate", "lead")) {
        results.add(table(connection, truth.expected(table)));
      }
      final long estimates = count(connection, "property_estimate");
      results.add(
          new Result(
              "table property_estimate (rows)",
              truth.expectedEstimates(),
              estimates,
              Math.max(0, truth.expectedEstimates() - estimates),
              Math.max(0, estimates - truth.expectedEstimates()),
              0,
              List.of()));
    }
    return results;
  }

  private static long count(final Connection connection, final String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** One table: every expected column of every expected row, and no row more. */
  static Result table(final Connection connection, final ExpectedTable expected)
      throws SQLException {
    final Set<String> columns = new LinkedHashSet<>();
    expected.rows().values().forEach(row -> columns.addAll(row.keySet()));
    columns.removeAll(expected.keyColumns());
    final String select =
        "select "
            + expected.keyColumns().stream()
                .map(c -> c + "::text")
                .collect(Collectors.joining(", "))
            + columns.stream().map(c -> ", " + c + "::text").collect(Collectors.joining())
            + " from "
            + expected.table();
    final Map<String, Map<String, String>> actual = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(select)) {
      final int keys = expected.keyColumns().size();
      while (rows.next()) {
        final List<String> key = new ArrayList<>();
        for (int i = 1; i <= keys; i++) {
          key.add(rows.getString(i));
        }
        final Map<String, String> row = new HashMap<>();
        for (int k = 0; k < keys; k++) {
          row.put(expected.keyColumns().get(k), key.get(k));
        }
        int i = keys + 1;
        for (final String column : columns) {
          row.put(column, rows.getString(i++));
        }
        actual.put(String.join(":", key), row);
      }
    }
    return compare("table " + expected.table(), expected.rows(), actual);
  }

  /** Compares two keyed maps of rows: only the expected columns of each row count. */
  static Result compare(
      final String what,
      final Map<String, Map<String, String>> expected,
      final Map<String, Map<String, String>> actual) {
    final List<String> examples = new ArrayList<>();
    long missing = 0;
    long differing = 0;
    for (final Map.Entry<String, Map<String, String>> row : expected.entrySet()) {
      final Map<String, String> found = actual.get(row.getKey());
      if (found == null) {
        missing++;
        example(examples, "missing " + row.getKey());
        continue;
      }
      final List<String> differences = new ArrayList<>();
      row.getValue()
          .forEach(
              (column, value) -> {
                if (!Objects.equals(value, found.get(column))) {
                  differences.add(column + " " + value + " != " + found.get(column));
                }
              });
      if (!differences.isEmpty()) {
        differing++;
        example(examples, row.getKey() + ": " + String.join(", ", differences));
      }
    }
    long extra = 0;
    for (final String key : actual.keySet()) {
      if (!expected.containsKey(key)) {
        extra++;
        example(examples, "extra " + key);
      }
    }
    return new Result(
        what, expected.size(), actual.size(), missing, extra, differing, List.copyOf(examples));
  }

  private static void example(final List<String> examples, final String example) {
    if (examples.size() < EXAMPLES) {
      examples.add(example);
    }
  }

  /**
   * The dead letters by {@code stage/reason} against the expected ones: a record dead-lettered
   * twice (a retry after a crash that was not exactly once) shows as one letter too many.
   */
  static Result deadLetters(final String bootstrapServers, final TruthFeed truth) {
    final Map<String, Long> byReason = new TreeMap<>();
    final Topic<String, DeadLetter> dlq = Topics.INGEST_DLQ;
    final Map<String, Long> expectedByReason = truth.expectedDeadLetters();
    CommittedRecords.readAll(
        bootstrapServers,
        dlq.name(),
        (key, value) -> {
          final DeadLetter letter = dlq.valueSerde().deserializer().deserialize(dlq.name(), value);
          final String reason = letter.getStage() + "/" + letter.getReason();
          byReason.merge(reason, 1L, Long::sum);
          if (!expectedByReason.containsKey(reason)) {
            LOG.warn(
                "unexpected dead letter {} of {}-{}@{}: {}",
                reason,
                letter.getSourceTopic(),
                letter.getSourcePartition(),
                letter.getSourceOffset(),
                letter.getDetail());
          }
        });
    final Map<String, Map<String, String>> expected = new TreeMap<>();
    expectedByReason.forEach((reason, n) -> expected.put(reason, Map.of("n", "" + n)));
    final Map<String, Map<String, String>> actual = new TreeMap<>();
    byReason.forEach((reason, n) -> actual.put(reason, Map.of("n", "" + n)));
    return compare(dlq.name() + " (letters by stage/reason)", expected, actual);
  }

  /** The keys whose latest record in compacted {@code property.state} is not a tombstone. */
  static Result propertyState(final String bootstrapServers, final TruthFeed truth) {
    final Map<String, byte[]> latest = new HashMap<>();
    CommittedRecords.readAll(bootstrapServers, Topics.PROPERTY_STATE.name(), latest::put);
    final Map<String, Map<String, String>> actual = new HashMap<>();
    latest.forEach(
        (key, value) -> {
          if (value != null) {
            actual.put(key, Map.of());
          }
        });
    final Map<String, Map<String, String>> expected = new HashMap<>();
    truth.expected("property").rows().keySet().forEach(key -> expected.put(key, Map.of()));
    return compare(Topics.PROPERTY_STATE.name() + " (live keys)", expected, actual);
  }
}
