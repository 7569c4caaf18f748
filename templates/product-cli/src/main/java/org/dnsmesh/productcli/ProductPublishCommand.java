package org.dnsmesh.productcli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dnsmesh.productcli.publish.CatalogException;
import org.dnsmesh.productcli.publish.CatalogRegistryClient;
import org.dnsmesh.productcli.publish.ProductPublisher;
import org.dnsmesh.productcli.publish.ProductRegistration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mesh product publish [CONTRACT]}: validate the contract, register the product, publish the contract version. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Register or update a data product and publish its contract version.",
        "",
        "The contract (ODCS YAML) is validated first: any error refuses the publication",
        "and each finding is listed as file:line:column. Output ports are the contract's",
        "tables (with their quarantine tables) plus --output-table; input ports its Kafka",
        "topics plus --input. A published version is immutable: publishing it again with",
        "the same document does nothing; a different document is refused (raise the",
        "version). Ports registered earlier stay unless --replace-ports. The token must",
        "be the domain's publisher's (or an admin's)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published, or already published unchanged",
        "1:refused (invalid contract, version already published with another document, catalog said no)",
        "2:could not run (no such file, no token, catalog unreachable)"},
    footerHeading = "%nExamples:%n",
    footer = {"  export MESH_TOKEN=$(./mesh token publisher-na)",
        "  ./mesh product publish data-products/na-resolver-queries/datacontract.yaml",
        "  ./mesh product publish --catalog http://127.0.0.1:8181 --token \"$TOKEN\" \\",
        "      --output-table na.dns_daily_summary datacontract.yaml"})
public final class ProductPublishCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int REFUSED = 1;
  static final int CANNOT_RUN = 2;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CONTRACT", defaultValue = "datacontract.yaml",
      description = "The product's ODCS contract (default: ${DEFAULT-VALUE} in the current directory).")
  Path contract;

  @Option(names = "--catalog", paramLabel = "URL", defaultValue = "${env:MESH_CATALOG_URL:-http://127.0.0.1:8181}",
      description = "Catalog service base URL (default: $MESH_CATALOG_URL or http://127.0.0.1:8181).")
  URI catalog;

  @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:MESH_TOKEN}",
      description = "Bearer token (default: $MESH_TOKEN), e.g. $(./mesh token publisher-na).")
  String token;

  @Option(names = "--output-table", paramLabel = "NAMESPACE.TABLE",
      description = "A further output table of the product (derived tables); repeatable.")
  List<String> outputTables = new ArrayList<>();

  @Option(names = "--input", paramLabel = "PORT",
      description = "A further input port: an upstream product domain.product or topic:<name>; repeatable.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--replace-ports",
      description = "Register exactly these ports; by default ports registered earlier are kept.")
  boolean replacePorts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!Files.isRegularFile(contract)) {
        err.println("mesh product publish: " + contract + ": no such file");
        return CANNOT_RUN;
      }
      if (token == null || token.isBlank()) {
        err.println("mesh product publish: no token: pass --token or set MESH_TOKEN, e.g. "
            + "MESH_TOKEN=$(./mesh token publisher-<domain>) ./mesh product publish " + contract);
        return CANNOT_RUN;
      }
      ProductPublisher.Result result = new ProductPublisher(new CatalogRegistryClient(catalog, token))
          .publish(contract, outputTables, inputs,
              replacePorts ? ProductPublisher.RegisteredPorts.REPLACE : ProductPublisher.RegisteredPorts.KEEP);
      result.warnings().forEach(out::println);
      print(out, result);
      return OK;
    } catch (ProductPublisher.InvalidContractException e) {
      e.findings().forEach(err::println);
      err.println("mesh product publish: " + e.getMessage());
      return REFUSED;
    } catch (ProductPublisher.VersionConflictException | IllegalArgumentException e) {
      err.println("mesh product publish: refused: " + e.getMessage());
      return REFUSED;
    } catch (CatalogException e) {
      err.println("mesh product publish: " + e.getMessage());
      return e.unreachable() || e.status() >= 500 ? CANNOT_RUN : REFUSED;
    } catch (UncheckedIOException e) {
      err.println("mesh product publish: " + e.getMessage());
      return CANNOT_RUN;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void print(PrintWriter out, ProductPublisher.Result result) {
    ProductRegistration r = result.registration();
    String id = r.domain() + "." + r.name();
    out.println(switch (result.outcome()) {
      case PUBLISHED -> "Published " + id + " contract " + r.version() + " to " + catalog;
      case UNCHANGED -> "Registered " + id + "; contract " + r.version() + " was already published with this document"
          + " (unchanged)";
    });
    out.println("  owner          " + r.ownerTeam() + (r.ownerContact().isEmpty() ? "" : " <" + r.ownerContact() + ">"));
    out.println("  status         " + r.status() + ", classification " + r.classification());
    out.println("  output tables  " + String.join(", ", r.outputTables()));
    out.println("  input ports    " + String.join(", ", r.inputPorts()));
    if (!result.keptPorts().isEmpty()) {
      out.println("  kept           " + String.join(", ", result.keptPorts())
          + " (registered earlier; --replace-ports drops them)");
    }
    out.println("  Avro schema    fingerprint " + r.fingerprint() + " (GET /api/v1/schemas/" + r.fingerprint() + ")");
    out.println("  product page   " + catalog.resolve("/api/v1/products/" + r.domain() + "/" + r.name()));
  }
}
