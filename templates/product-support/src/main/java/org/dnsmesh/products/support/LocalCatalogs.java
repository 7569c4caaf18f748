package org.dnsmesh.products.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.dnsmesh.infra.iceberg.LocalFileIO;

/**
 * An Iceberg {@link JdbcCatalog} on the local PostgreSQL (127.0.0.1:5432, user postgres) with a local-file warehouse,
 * for product tests and local runs. Each call gets its own catalog name, so runs never see each other's tables.
 * Production passes the catalog service's REST catalog to the pipeline instead.
 */
public final class LocalCatalogs {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]*");

  private LocalCatalogs() {}

  public static JdbcCatalog jdbc(String database, Path warehouse) {
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException("database name '" + database + "' must match " + DATABASE.pattern());
    }
    ensureDatabase(database);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize("dp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), Map.of(
        CatalogProperties.URI, SERVER + database + "?connectTimeout=5&socketTimeout=60",
        "jdbc.user", "postgres",
        "jdbc.schema-version", "V1",
        CatalogProperties.WAREHOUSE_LOCATION, warehouse.toUri().toString(),
        CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName()));
    return catalog;
  }

  private static synchronized void ensureDatabase(String database) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres?connectTimeout=5", "postgres", "");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created concurrently by another test JVM
      }
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (user postgres) is needed for the Iceberg "
          + "catalog and is not reachable: " + e.getMessage(), e);
    }
  }
}
