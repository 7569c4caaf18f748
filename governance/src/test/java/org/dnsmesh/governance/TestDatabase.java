package org.dnsmesh.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * governance's own test database {@code dnsmesh_test_governance} on the local PostgreSQL (127.0.0.1:5432,
 * user postgres). {@link #fresh()} drops and re-migrates the governance schema. Fails fast with a clear
 * message when PostgreSQL is down.
 */
public final class TestDatabase {
  public static final String NAME = "dnsmesh_test_governance"
      + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", ""); // checkouts side by side keep theirs apart

  private TestDatabase() {}

  private static boolean migrated;

  /** Empty governance tables; the schema is dropped and migrated once per JVM, then only emptied (fast). */
  public static synchronized DataSource fresh() {
    DataSource dataSource = dataSource(NAME);
    try {
      if (!migrated) {
        createDatabaseIfMissing();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA IF EXISTS governance CASCADE");
        }
        GovernanceMigrations.migrate(dataSource);
        migrated = true;
        return dataSource;
      }
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE governance.audit_log DISABLE TRIGGER audit_log_append_only");
        statement.execute("TRUNCATE governance.audit_log, governance.access_grant, governance.change_review, governance.change_request");
        statement.execute("ALTER TABLE governance.audit_log ENABLE TRIGGER audit_log_append_only");
        statement.execute("UPDATE governance.audit_head SET last_seq = 0, last_hash = repeat('0', 64)");
      }
      return dataSource;
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  public static PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {5432});
    dataSource.setDatabaseName(database);
    dataSource.setUser("postgres");
    dataSource.setConnectTimeout(5);
    dataSource.setLoginTimeout(5);
    dataSource.setSocketTimeout(60);
    return dataSource;
  }

  private static void createDatabaseIfMissing() {
    try (Connection connection = dataSource("postgres").getConnection();
         PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, NAME);
      try (ResultSet row = exists.executeQuery()) {
        if (!row.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + NAME);
          }
        }
      }
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created concurrently
      }
      throw unreachable(e);
    }
  }

  private static IllegalStateException unreachable(SQLException e) {
    return new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (user postgres, database " + NAME
        + ") is not usable: " + e.getMessage() + " -- is the local PostgreSQL running?", e);
  }
}
