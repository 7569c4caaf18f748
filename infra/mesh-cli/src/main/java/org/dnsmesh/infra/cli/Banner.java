package org.dnsmesh.infra.cli;

import org.dnsmesh.infra.stack.StackConfig;

/** What `mesh up` prints: where every part answers and a federated query to paste. */
final class Banner {
  private Banner() {}

  static String whereToLook(StackConfig config) {
    String domains = String.join(", ", config.domains());
    return String.join(System.lineSeparator(),
        "  Catalog service  " + config.catalogUrl() + "   (API docs: " + config.catalogUrl() + "/q/swagger-ui)",
        "  Iceberg REST     " + config.icebergRestUrl() + "   (one warehouse per domain: " + domains + ")",
        "  Trino            " + config.trinoUrl() + "   (web UI: " + config.trinoUrl() + "/ui)",
        "  Trino JDBC       " + config.trinoJdbcUrl(),
        "  Kafka            " + config.kafkaBootstrap(),
        "  PostgreSQL       " + config.postgres().databaseUrl(),
        "  Logs             " + config.layout().logs(),
        "",
        "Query every domain's catalog in one statement (Trino CLI or any JDBC tool):",
        "  SHOW CATALOGS;",
        "  SELECT table_catalog, table_schema, table_name FROM na.information_schema.tables",
        "  UNION ALL SELECT table_catalog, table_schema, table_name FROM eu.information_schema.tables;",
        "",
        "Get a token for a demo principal:  ./mesh token analyst      Stop everything:  ./mesh down");
  }
}
