package org.dnsmesh.quality.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/** {@link SqlRunner} over JDBC: Trino JDBC in the service, PostgreSQL in tests (the SQL is an ANSI subset). */
public final class JdbcSqlRunner implements SqlRunner {
  private final DataSource dataSource;
  private final int timeoutSeconds;

  public JdbcSqlRunner(DataSource dataSource, int timeoutSeconds) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public Map<String, Double> singleRow(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet rows = statement.executeQuery(sql)) {
        if (!rows.next()) {
          throw new SQLException("query returned no row: " + sql);
        }
        ResultSetMetaData meta = rows.getMetaData();
        Map<String, Double> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rows.getObject(i);
          double number;
          if (value == null) {
            number = 0;
          } else if (value instanceof Number n) {
            number = n.doubleValue();
          } else if (value instanceof Boolean b) {
            number = b ? 1 : 0;
          } else {
            throw new SQLException("column " + meta.getColumnLabel(i) + " is not a number (" + value + ") in: " + sql);
          }
          row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), number);
        }
        return row;
      }
    }
  }
}
