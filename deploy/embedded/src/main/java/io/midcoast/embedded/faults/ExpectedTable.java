package io.midcoast.embedded.faults;

import java.util.List;
import java.util.Map;

/**
 * The rows one Postgres table must hold at the end of a run, computed from the ground truth of a
 * generated feed ({@link TruthFeed}).
 *
 * <p>Rows are keyed by the text of their key columns joined with {@code ":"} (e.g. a property_id,
 * {@code "city:RIVERTON:2021-06"}, a lead_id). Each row maps a column to its expected value as
 * Postgres renders {@code column::text} in a session whose {@code TimeZone} is UTC: integers as
 * digits, booleans {@code true}/{@code false}, dates {@code YYYY-MM-DD}, timestamps {@code
 * YYYY-MM-DD HH:MM:SS+00}, doubles in shortest form ({@code 2}, {@code 44.9421}); null for SQL
 * NULL. Only the columns the truth predicts exactly are present; a missing column is not checked.
 *
 * @param table the table name
 * @param keyColumns the primary-key columns, in key order
 * @param rows expected rows by joined key
 */
public record ExpectedTable(
    String table, List<String> keyColumns, Map<String, Map<String, String>> rows) {

  /** Copies the key columns; the rows are kept as given (the generator hands over its own). */
  public ExpectedTable {
    keyColumns = List.copyOf(keyColumns);
  }
}
