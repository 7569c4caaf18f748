package org.dnsmesh.infra.cli;

import org.dnsmesh.infra.demo.DemoData;
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
        "A federated query across two domains' catalogs (paste into the Trino CLI or any JDBC tool):",
        DemoData.SAMPLE_QUERY.indent(2).stripTrailing() + ";",
        "",
        "Get a token for a demo principal:  ./mesh token analyst      Stop everything:  ./mesh down");
  }
}
