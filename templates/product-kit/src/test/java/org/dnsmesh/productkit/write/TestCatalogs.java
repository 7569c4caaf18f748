package org.dnsmesh.productkit.write;

import org.dnsmesh.infra.iceberg.LocalFileIO;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * A JdbcCatalog on the local PostgreSQL (own database {@code dnsmesh_test_product_kit}) with a temporary warehouse
 * and {@link LocalFileIO}. Each call gets its own catalog name, so tests never see each other's tables.
 */
public final class TestCatalogs {

  static final String DATABASE = "dnsmesh_test_product_kit";
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private TestCatalogs() {}

  public static JdbcCatalog jdbc(Path warehouse) {
    return jdbc(warehouse, "pk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  /** A catalog with a given name (several processes sharing one catalog, as in the kill test). */
  public static JdbcCatalog jdbc(Path warehouse, String name) {
    ensureDatabase();
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(name, properties(warehouse));
    return catalog;
  }

  /** The catalog properties of {@link #jdbc}: another process (a benchmark peer) opens the same catalog with them. */
  public static Map<String, String> properties(Path warehouse) {
    return Map.of(
        CatalogProperties.URI, SERVER + DATABASE + "?connectTimeout=5&socketTimeout=60",
        "jdbc.user", "postgres",
        "jdbc.schema-version", "V1",
        CatalogProperties.WAREHOUSE_LOCATION, warehouse.toUri().toString(),
        CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
  }

  private static synchronized void ensureDatabase() {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres?connectTimeout=5", "postgres", "");
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (user postgres) is needed for Iceberg catalog "
          + "tests and is not reachable: " + e.getMessage(), e);
    }
  }
}
