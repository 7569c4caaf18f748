package org.dnsmesh.lifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/** Opens Trino JDBC connections as one principal (its bearer token asked for each connection). */
@FunctionalInterface
public interface TrinoConnections {
  Connection open() throws SQLException;

  /** Connections to {@code jdbcUrl} carrying {@code accessToken} (the mesh's Trino accepts only verified JWTs). */
  static TrinoConnections withToken(String jdbcUrl, Supplier<String> accessToken) {
    return () -> {
      Properties properties = new Properties();
      properties.setProperty("accessToken", accessToken.get());
      return DriverManager.getConnection(jdbcUrl, properties);
    };
  }
}
