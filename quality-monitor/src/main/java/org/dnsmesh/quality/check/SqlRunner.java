package org.dnsmesh.quality.check;

import java.sql.SQLException;
import java.util.Map;

/** Runs one read-only query and returns its single row as lower-case column label -> number (null -> 0). */
public interface SqlRunner {
  Map<String, Double> singleRow(String sql) throws SQLException;
}
