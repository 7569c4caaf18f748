package org.dnsmesh.quality;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The module's own test database {@code dnsmesh_test_quality} on the local PostgreSQL, created if missing. */
public final class TestDatabase {
  public static final String NAME = "dnsmesh_test_quality"
      + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", ""); // checkouts side by side keep theirs apart
  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + NAME;

  private static volatile boolean created;
  private static volatile boolean migrated;

  private TestDatabase() {
  }

  public static synchronized DataSource dataSource() {
    if (!created) {
      PGSimpleDataSource admin = source("postgres");
      try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
        try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + NAME + "'")) {
          if (!exists.next()) {
            statement.execute("CREATE DATABASE " + NAME);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (user postgres) is not reachable or cannot "
            + "create database " + NAME + ": " + e.getMessage(), e);
      }
      created = true;
    }
    return source(NAME);
  }

  /** The test database with the quality schema migrated (once per JVM). */
  public static synchronized DataSource migrated() {
    DataSource dataSource = dataSource();
    if (!migrated) {
      org.dnsmesh.quality.store.QualityDatabase.migrate(dataSource);
      migrated = true;
    }
    return dataSource;
  }

  private static PGSimpleDataSource source(String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {"127.0.0.1"});
    source.setPortNumbers(new int[] {5432});
    source.setDatabaseName(database);
    source.setUser("postgres");
    source.setConnectTimeout(5);
    source.setSocketTimeout(60);
    return source;
  }
}
