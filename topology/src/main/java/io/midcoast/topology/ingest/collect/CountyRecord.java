package io.midcoast.topology.ingest.collect;

import java.util.Map;

/**
 * One county sale line: column name to raw cell text (not yet trimmed).
 *
 * @param columns every column of {@link CountyCollector#COLUMNS}, in order
 */
public record CountyRecord(Map<String, String> columns) implements SourceRecord {

  /** The raw cell of a column, or null. */
  public String column(final String name) {
    return columns.get(name);
  }
}
