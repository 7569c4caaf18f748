package org.dnsmesh.productcli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.productcli.ProductCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mesh product publish} against the real catalog service (its jar, on PostgreSQL). */
class ProductPublishIT {
  private static EphemeralCatalog catalog;

  @TempDir Path dir;

  @BeforeAll
  static void startCatalog() {
    catalog = EphemeralCatalog.start(ProductRegistrationTest.repository(), "dnsmesh_test_product_cli");
  }

  @AfterAll
  static void stopCatalog() {
    if (catalog != null) {
      catalog.close();
    }
  }

  record Run(int exit, String out, String err) {}

  static Run publish(String token, Path contract, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ProductCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    String[] args = new String[4 + more.length];
    args[0] = "publish";
    args[1] = "--catalog=" + catalog.url();
    args[2] = "--token=" + token;
    System.arraycopy(more, 0, args, 3, more.length);
    args[3 + more.length] = contract.toString();
    int exit = command.execute(args);
    System.out.println(out);
    System.out.println(err);
    return new Run(exit, out.toString(), err.toString());
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(catalog.url() + path))
            .header("Authorization", "Bearer " + catalog.token("ana", java.util.List.of("analyst"), java.util.List.of()))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void publishesOnceThenIsANoOpAndRefusesAChangedDocumentUnderTheSameVersion() throws Exception {
    Path contract = dir.resolve("datacontract.yaml");
    Files.copy(ProductRegistrationTest.NA_CONTRACT, contract);
    String publisher = catalog.publisherToken("na");

    Run first = publish(publisher, contract, "--output-table=na.dns_daily_summary");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("Published na.na-resolver-queries contract 1.0.0");

    String page = get("/api/v1/products/na/na-resolver-queries");
    assertThat(page).contains("\"ownerTeam\":\"na-resolver-ops\"", "\"status\":\"active\"",
        "\"table\":\"resolver_queries\"", "\"table\":\"dns_daily_summary\"", "topic:na.na-resolver-queries.raw",
        "\"version\":\"1.0.0\"");
    String fingerprint = first.out().replaceAll("(?s).*fingerprint ([0-9a-f]{16}).*", "$1");
    assertThat(get("/api/v1/schemas/" + fingerprint)).contains("\"product\":\"na-resolver-queries\"");

    Run again = publish(publisher, contract);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("already published with this document (unchanged)",
        "kept           na.dns_daily_summary (registered earlier");
    assertThat(get("/api/v1/products/na/na-resolver-queries")).contains("\"table\":\"dns_daily_summary\"");
    Run replaced = publish(publisher, contract, "--replace-ports");
    assertThat(replaced.exit()).isZero();
    assertThat(get("/api/v1/products/na/na-resolver-queries")).doesNotContain("dns_daily_summary");

    Files.writeString(contract, Files.readString(contract).replace("Every query seen by", "All queries seen by"));
    Run changed = publish(publisher, contract);
    assertThat(changed.exit()).isEqualTo(1);
    assertThat(changed.err()).contains("contract version 1.0.0 of na.na-resolver-queries is already published",
        "immutable", "raise 'version'");
    assertThat(get("/api/v1/products/na/na-resolver-queries")).as("the refused document changed nothing")
        .contains("Every query seen by");
  }

  @Test
  void refusesAnInvalidContractWithEveryFindingAndItsPosition() throws Exception {
    Path contract = dir.resolve("datacontract.yaml");
    Files.writeString(contract, Files.readString(ProductRegistrationTest.NA_CONTRACT)
        .replace("version: 1.0.0", "version: one"));
    Run run = publish(catalog.publisherToken("na"), contract);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).containsPattern(java.util.regex.Pattern.quote(contract.toString()) + ":6:\\d+: error")
        .contains("nothing was published");
  }

  @Test
  void refusesAnotherDomainsPublisherAndAMissingToken() throws Exception {
    Path contract = dir.resolve("datacontract.yaml");
    Files.copy(ProductRegistrationTest.NA_CONTRACT, contract);
    Run foreign = publish(catalog.publisherToken("eu"), contract);
    assertThat(foreign.exit()).isEqualTo(1);
    assertThat(foreign.err()).contains("answered 403");

    Run noToken = publish("", contract);
    assertThat(noToken.exit()).isEqualTo(2);
    assertThat(noToken.err()).contains("no token: pass --token or set MESH_TOKEN");
  }
}
