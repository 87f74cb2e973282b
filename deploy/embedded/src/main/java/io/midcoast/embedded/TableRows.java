package io.midcoast.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A Postgres table of the stack read whole, for tests and benchmarks that compare rows. */
public final class TableRows {

  private TableRows() {}

  /**
   * Every row of {@code table} as column → text (JDBC's {@code getString}), keyed by the texts of
   * {@code keyColumns} joined with ':' (e.g. {@code "region_type:region_id:month"}).
   */
  public static Map<String, Map<String, String>> read(
      final Stack stack, final String table, final String... keyColumns) {
    try (Connection connection =
            DriverManager.getConnection(
                stack.jdbcUrl(), stack.postgres().user(), stack.postgres().password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select * from " + table)) {
      final ResultSetMetaData meta = rows.getMetaData();
      final Map<String, Map<String, String>> result = new TreeMap<>();
      while (rows.next()) {
        final Map<String, String> row = new TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), rows.getString(i));
        }
        final StringJoiner key = new StringJoiner(":");
        for (final String column : keyColumns) {
          key.add(String.valueOf(rows.getString(column)));
        }
        result.put(key.toString(), row);
      }
      return result;
    } catch (final SQLException e) {
      throw new IllegalStateException("cannot read table " + table, e);
    }
  }
}
