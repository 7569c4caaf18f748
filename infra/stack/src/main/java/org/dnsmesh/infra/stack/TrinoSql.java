package org.dnsmesh.infra.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One statement on the stack's Trino over HTTPS (the stack's certificate is the trust store) as the principal
 * whose token is given: Trino verifies it and the access policy decides what the answer holds.
 */
public final class TrinoSql {
  private TrinoSql() {}

  /** Column names and rows of a statement's answer (values as the JDBC driver returns them). */
  public record Answer(List<String> columns, List<List<Object>> rows) {
    public Answer {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /** Runs one statement; {@code accessToken} null sends none (Trino refuses: every query needs a principal). */
  public static Answer run(StackConfig config, String accessToken, String sql) throws SQLException {
    Properties properties = new Properties();
    if (accessToken != null) {
      properties.setProperty("accessToken", accessToken);
    }
    try (Connection trino = DriverManager.getConnection(config.trinoJdbcUrl(), properties);
        Statement statement = trino.createStatement()) {
      if (!statement.execute(sql)) {
        return new Answer(List.of("rows"), List.of(List.of(statement.getUpdateCount())));
      }
      try (ResultSet rows = statement.getResultSet()) {
        ResultSetMetaData meta = rows.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> result = new ArrayList<>();
        while (rows.next()) {
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rows.getObject(i));
          }
          result.add(java.util.Collections.unmodifiableList(row));
        }
        return new Answer(columns, result);
      }
    }
  }

  /** The rows only, for callers that know the columns they asked for. */
  public static List<List<Object>> rows(StackConfig config, String accessToken, String sql) throws SQLException {
    return run(config, accessToken, sql).rows();
  }
}
