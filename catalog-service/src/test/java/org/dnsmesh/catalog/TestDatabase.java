package org.dnsmesh.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates a scratch database on the local PostgreSQL, failing with a clear message when it is down. */
public final class TestDatabase {
  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  /** Appended to every test database name, so checkouts side by side on one machine keep theirs apart. */
  public static final String SUFFIX = System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", "");

  private TestDatabase() {}

  /** Drops and recreates the database; answers its JDBC URL. */
  public static String recreate(String base) {
    String name = base + SUFFIX;
    DriverManager.setLoginTimeout(5);
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at 127.0.0.1:5432 (user postgres) is not usable for test database " + name + ": " + e.getMessage(), e);
    }
    return SERVER + name;
  }
}
