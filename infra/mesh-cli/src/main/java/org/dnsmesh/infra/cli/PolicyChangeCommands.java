package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The access-policy side of {@code mesh change}: propose-policy, the policy listing and how a policy change prints. */
final class PolicyChangeCommands {
  private PolicyChangeCommands() {}

  @Command(name = "propose-policy", mixinStandardHelpOptions = true,
      description = {"Propose a whole access-policy file (YAML) as the next policy version; checks run at once (loads and"
          + " validates, version higher than the one in force, diff of principals/grants/masking/row filters, who gains or"
          + " loses read on which table).",
          "Needs update-policy on the mesh (admin). Holders of the global governance role review it (never the author); the"
              + " approval that meets the quorum writes the policy, puts it in force in the catalog without a restart and"
              + " regenerates Trino's rules."},
      footerHeading = "%nExample:%n", footer = {"  mesh change propose-policy --as root my-policy.yaml",
          "  mesh change approve --as grace <id> -m \"reviewed\""})
  static final class ProposePolicy implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--json", description = "Print the change as JSON.") boolean json;
    @Parameters(index = "0", paramLabel = "POLICY", description = "The new access policy (YAML, with a higher version).")
    Path policy;

    @Override
    public Integer call() {
      String document = ChangeCommand.read(policy);
      return ChangeCommand.run(spec, out -> {
        JsonNode change = catalog.post("/api/v1/policy/changes", "application/yaml", document);
        if (json) {
          out.println(CatalogConnection.pretty(change));
        } else {
          print(out, change);
        }
        return 0;
      });
    }
  }

  static int list(CommandSpec spec, CatalogConnection catalog, String state, boolean json) {
    String query = CatalogConnection.query("state", state);
    return ChangeCommand.run(spec, out -> {
      JsonNode changes = catalog.get("/api/v1/policy/changes" + (query.isEmpty() ? "" : "?" + query));
      if (json) {
        out.println(CatalogConnection.pretty(changes));
        return 0;
      }
      out.printf("%-36s  %-9s %-10s %-9s %s%n", "ID", "VERSION", "STATE", "APPROVALS", "AUTHOR");
      for (JsonNode change : changes) {
        out.printf("%-36s  %-9s %-10s %-9s %s%n", change.path("id").asText(),
            change.path("previousVersion").asInt() + "->" + change.path("proposedVersion").asInt(), change.path("state").asText(),
            change.path("approval").path("governanceApproved").asInt() + "/" + change.path("approval").path("governanceNeeded").asInt(),
            change.path("author").asText());
      }
      out.printf("%d policy change(s)%n", changes.size());
      return 0;
    });
  }

  static void print(PrintWriter out, JsonNode change) {
    out.printf("change      %s (access policy)%n", change.path("id").asText());
    out.printf("policy      version %d -> %d%n", change.path("previousVersion").asInt(), change.path("proposedVersion").asInt());
    out.printf("state       %s (author %s)%n", change.path("state").asText(), change.path("author").asText());
    JsonNode approval = change.path("approval");
    out.printf("approvals   governance %d/%d%s%n", approval.path("governanceApproved").asInt(),
        approval.path("governanceNeeded").asInt(), approval.path("satisfied").asBoolean() ? " (met)" : "");
    ReviewPrinter.checksAndReviews(out, change);
    JsonNode application = change.path("application");
    if (application.isObject()) {
      out.printf("applied     %s%n", application.path("policy").asText());
      out.printf("trino rules %s%n", application.path("rules").asText());
    }
  }
}
