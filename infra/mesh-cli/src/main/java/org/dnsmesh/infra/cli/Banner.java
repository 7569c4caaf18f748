package org.dnsmesh.infra.cli;

import org.dnsmesh.infra.demo.DemoData;
import org.dnsmesh.infra.stack.QualityMonitorProcess;
import org.dnsmesh.infra.stack.StackConfig;

/** What `mesh up` prints: where every part answers and a federated query to paste. */
final class Banner {
  private Banner() {}

  static String whereToLook(StackConfig config) {
    String domains = String.join(", ", config.domains());
    return String.join(System.lineSeparator(),
        "  Catalog service  " + config.catalogUrl() + "   (API docs: " + config.catalogUrl() + "/q/swagger-ui)",
        "  Catalog web UI   " + config.catalogUrl() + "/ui/   (search products, product pages, lineage, quality)",
        "  Iceberg REST     " + config.icebergRestUrl() + "   (one warehouse per domain: " + domains + ")",
        "  Trino            " + config.trinoHttpsUrl() + "   (web UI: " + config.trinoHttpsUrl() + "/ui)",
        "  Trino JDBC       " + config.trinoJdbcUrl(),
        "                   with accessToken=$(./mesh token <principal>)   (identity is a signed JWT)",
        "  Kafka            " + config.kafkaBootstrap() + "   (SASL/SCRAM + ACLs from the policy; client settings:"
            + " ./mesh kafka config <principal>)",
        "  Quality monitor  " + new QualityMonitorProcess(config).url() + "/metrics   (alerts on Kafka topic "
            + "mesh.quality.alerts; ./mesh quality status)",
        "  PostgreSQL       " + config.postgres().databaseUrl(),
        "  Logs             " + config.layout().logs(),
        "",
        "A federated query across two domains' catalogs; run it as different principals (root: all rows,",
        "ana: analyst of region eu, only eu rows; kenji: no grant on na, denied):",
        "  ./mesh sql --as ana      (an interactive shell; paste the query below, or pass it with -e \"...\")",
        DemoData.SAMPLE_QUERY.indent(2).stripTrailing() + ";",
        "",
        "Get a token for a demo principal:  ./mesh token analyst      Stop everything:  ./mesh down");
  }
}
