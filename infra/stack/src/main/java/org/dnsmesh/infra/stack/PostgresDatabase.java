package org.dnsmesh.infra.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL server is not started by the mesh (the machine runs one; production uses a managed one):
 * the stack checks it answers and creates the project's database when missing. Tables belong to the
 * services' Flyway migrations.
 */
public final class PostgresDatabase {
  private final StackConfig.PostgresSettings settings;

  public PostgresDatabase(StackConfig.PostgresSettings settings) {
    this.settings = settings;
  }

  public void ensureDatabase() {
    try (Connection connection = connect(settings.serverUrl())) {
      try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, settings.database());
        try (ResultSet rows = exists.executeQuery()) {
          if (rows.next()) {
            return;
          }
        }
      }
      try (Statement create = connection.createStatement()) {
        // the name was checked against [a-z_][a-z0-9_]* in PostgresSettings, so quoting is safe
        create.execute("CREATE DATABASE \"" + settings.database() + "\"");
      }
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created concurrently by another starter
      }
      throw unreachable(e);
    }
  }

  public void dropDatabase() {
    try (Connection connection = connect(settings.serverUrl()); Statement drop = connection.createStatement()) {
      drop.execute("DROP DATABASE IF EXISTS \"" + settings.database() + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  public boolean isReachable() {
    try (Connection ignored = connect(settings.serverUrl())) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("socketTimeout", "30");
    return DriverManager.getConnection(url, properties);
  }

  private StackException unreachable(SQLException e) {
    return new StackException("PostgreSQL at " + settings.serverUrl() + " (user " + settings.user()
        + ") did not accept the connection: " + e.getMessage() + ". Start it (on these machines: "
        + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or point the mesh at "
        + "another server with MESH_PG_URL, MESH_PG_USER and MESH_PG_PASSWORD.", e);
  }
}
