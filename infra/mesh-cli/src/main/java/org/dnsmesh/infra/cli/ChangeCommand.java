package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mesh change ...}: the contract-change and access-policy-change review workflows, over the catalog
 * service's API ({@code show/approve/reject} take either kind of change id).
 */
@Command(name = "change", mixinStandardHelpOptions = true,
    description = {"Propose, review and inspect contract changes. Every call goes to the catalog service with a token;"
        + " the access policy and the review rules decide who may do what (the author never approves their own"
        + " change; MINOR needs a steward of the product's domain; MAJOR or a classification change also governance).",
        "Access-policy changes (propose-policy) always need the global governance role; show, list --policy, approve and"
            + " reject work for them too."},
    subcommands = {ChangeCommand.Propose.class, ChangeCommand.Show.class, ChangeCommand.ListChanges.class,
        ChangeCommand.Approve.class, ChangeCommand.Reject.class, ChangeCommand.Diff.class, ChangeCommand.Resubmit.class,
        PolicyChangeCommands.ProposePolicy.class},
    exitCodeListHeading = "%nExit codes (every subcommand):%n",
    exitCodeList = {"0:done", "1:the service refused (invalid contract, not allowed, no such change, illegal state)",
        "2:could not run (no token, service down, bad arguments)"},
    footerHeading = "%nExamples:%n",
    footer = {"  mesh change propose --as publisher-na --product na/resolver datacontract.yaml",
        "  mesh change list --as steward-na --state submitted",
        "  mesh change show --as steward-na 3f0c...",
        "  mesh change diff --as steward-na 3f0c...",
        "  mesh change approve --as steward-na 3f0c... -m \"fine for na\"",
        "  mesh change reject --as governance 3f0c... -m \"tell the consumers first\"",
        "  mesh change resubmit --as publisher-na 3f0c... datacontract.yaml",
        "  mesh change propose-policy --as root governance/policies/mesh-policy.yaml",
        "  mesh change list --as governance --policy",
        "  MESH_TOKEN=$(./mesh token nora) mesh change list"})
final class ChangeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Runs one API call; a refusal is one line on stderr and exit code 1. */
  static int run(CommandSpec spec, Function<PrintWriter, Integer> call) {
    try {
      return call.apply(spec.commandLine().getOut());
    } catch (CatalogConnection.Refused refused) {
      spec.commandLine().getErr().println("mesh " + spec.qualifiedName(" ").replaceFirst("^mesh ", "") + ": "
          + refused.getMessage());
      return 1;
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackException("Cannot read " + file + ": " + e.getMessage());
    }
  }

  static void printChange(PrintWriter out, JsonNode change) {
    ReviewPrinter.anyKind(out, change);
  }

  static void printContractChange(PrintWriter out, JsonNode change) {
    out.printf("change      %s%n", change.path("id").asText());
    out.printf("product     %s.%s  %s -> %s%n", change.path("domain").asText(), change.path("product").asText(),
        change.path("previousVersion").isNull() ? "(none)" : change.path("previousVersion").asText(),
        change.path("proposedVersion").asText());
    out.printf("state       %s (revision %d, author %s)%n", change.path("state").asText(), change.path("revision").asInt(),
        change.path("author").asText());
    out.printf("class       %s%s%n", change.path("compatibility").asText(),
        change.path("classificationChanged").asBoolean() ? " + classification change" : "");
    JsonNode approval = change.path("approval");
    out.printf("approvals   stewards %d/%d, governance %d/%d%s%n", approval.path("stewardsApproved").asInt(),
        approval.path("stewardsNeeded").asInt(), approval.path("governanceApproved").asInt(),
        approval.path("governanceNeeded").asInt(), approval.path("satisfied").asBoolean() ? " (met)" : "");
    if (!change.path("previousVersionSunset").isNull() && !change.path("previousVersionSunset").isMissingNode()) {
      out.printf("sunset      previous version readable until %s%n", change.path("previousVersionSunset").asText());
    }
    ReviewPrinter.checksAndReviews(out, change);
    JsonNode publication = change.path("publication");
    if (publication.isObject()) {
      out.printf("published   %s%n", publication.path("contract").asText());
      out.printf("trino rules %s%n", publication.path("rules").asText());
    }
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Propose a contract file as the product's next version; automated checks run at once.",
      footerHeading = "%nExample:%n", footer = "  mesh change propose --as publisher-na --product na/resolver datacontract.yaml")
  static final class Propose implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--product", required = true, paramLabel = "DOMAIN/NAME", description = "The registered product, e.g. na/resolver.")
    String product;
    @Option(names = "--json", description = "Print the change as JSON.") boolean json;
    @Parameters(index = "0", paramLabel = "CONTRACT", description = "ODCS v3.1 YAML file of the proposed version.")
    Path contract;

    @Override
    public Integer call() {
      String[] parts = product.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new StackException("--product must be DOMAIN/NAME, e.g. na/resolver; was '" + product + "'");
      }
      String document = read(contract);
      return run(spec, out -> {
        JsonNode change = catalog.post("/api/v1/products/" + parts[0] + "/" + parts[1] + "/changes", "application/yaml", document);
        if (json) {
          out.println(CatalogConnection.pretty(change));
        } else {
          printChange(out, change);
        }
        return 0;
      });
    }
  }

  @Command(name = "resubmit", mixinStandardHelpOptions = true,
      description = "Revise a rejected change with a new contract file (same version) and submit it again.",
      footerHeading = "%nExample:%n", footer = "  mesh change resubmit --as publisher-na 3f0c... datacontract.yaml")
  static final class Resubmit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The change id.") String id;
    @Parameters(index = "1", paramLabel = "CONTRACT", description = "The revised ODCS YAML file.") Path contract;

    @Override
    public Integer call() {
      String document = read(contract);
      return run(spec, out -> {
        printChange(out, catalog.post("/api/v1/changes/" + id + "/resubmit", "application/yaml", document));
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a change: state, checks, reviews, approvals.",
      footerHeading = "%nExample:%n", footer = "  mesh change show --as steward-na 3f0c...")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--json", description = "Print the change as JSON.") boolean json;
    @Parameters(index = "0", paramLabel = "ID", description = "The change id.") String id;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode change = catalog.get("/api/v1/changes/" + id);
        if (json) {
          out.println(CatalogConnection.pretty(change));
        } else {
          printChange(out, change);
        }
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List changes, newest first, optionally filtered.",
      footerHeading = "%nExamples:%n", footer = {"  mesh change list --as steward-na --state submitted",
          "  mesh change list --as analyst --product na/resolver", "  mesh change list --as governance --policy"})
  static final class ListChanges implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--product", paramLabel = "DOMAIN/NAME", description = "Only this product.") String product;
    @Option(names = "--domain", description = "Only this domain.") String domain;
    @Option(names = "--state", description = "DRAFT, SUBMITTED, APPROVED, REJECTED or PUBLISHED.") String state;
    @Option(names = "--json", description = "Print the changes as JSON.") boolean json;
    @Option(names = "--policy", description = "List access-policy changes instead of contract changes.") boolean policy;

    @Override
    public Integer call() {
      if (policy) {
        return PolicyChangeCommands.list(spec, catalog, state, json);
      }
      String wantedDomain = domain;
      String wantedProduct = null;
      if (product != null) {
        String[] parts = product.split("/", -1);
        if (parts.length != 2) {
          throw new StackException("--product must be DOMAIN/NAME, e.g. na/resolver; was '" + product + "'");
        }
        wantedDomain = parts[0];
        wantedProduct = parts[1];
      }
      String query = String.join("&", java.util.stream.Stream.of(CatalogConnection.query("domain", wantedDomain),
          CatalogConnection.query("product", wantedProduct), CatalogConnection.query("state", state))
          .filter(s -> !s.isEmpty()).toList());
      return run(spec, out -> {
        JsonNode changes = catalog.get("/api/v1/changes" + (query.isEmpty() ? "" : "?" + query));
        if (json) {
          out.println(CatalogConnection.pretty(changes));
          return 0;
        }
        out.printf("%-36s  %-28s %-9s %-10s %-6s %s%n", "ID", "PRODUCT", "VERSION", "STATE", "CLASS", "AUTHOR");
        for (JsonNode change : changes) {
          out.printf("%-36s  %-28s %-9s %-10s %-6s %s%n", change.path("id").asText(),
              change.path("domain").asText() + "." + change.path("product").asText(), change.path("proposedVersion").asText(),
              change.path("state").asText(), change.path("compatibility").asText(), change.path("author").asText());
        }
        out.printf("%d change(s)%n", changes.size());
        return 0;
      });
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve a submitted change. Once the quorum is met the version is published in the registry,"
          + " Trino's access rules are regenerated, and the event goes to Kafka."},
      footerHeading = "%nExample:%n", footer = "  mesh change approve --as steward-na 3f0c... -m \"fine for na\"")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The change id.") String id;
    @Option(names = {"-m", "--comment"}, defaultValue = "", description = "Review comment.") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        printChange(out, catalog.postJson("/api/v1/changes/" + id + "/approve", Map.of("comment", comment)));
        return 0;
      });
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = "Reject a submitted change with a comment; the author may revise and resubmit it.",
      footerHeading = "%nExample:%n", footer = "  mesh change reject --as steward-na 3f0c... -m \"describe the new column\"")
  static final class Reject implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The change id.") String id;
    @Option(names = {"-m", "--comment"}, required = true, description = "Why (required).") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        printChange(out, catalog.postJson("/api/v1/changes/" + id + "/reject", Map.of("comment", comment)));
        return 0;
      });
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "The proposed version against the latest published one: each change with class, rule and reason.",
      footerHeading = "%nExamples:%n", footer = {"  mesh change diff --as steward-na 3f0c...",
          "  mesh change diff --as steward-na --markdown 3f0c... > CHANGES.md"})
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The change id.") String id;
    @Option(names = "--markdown", description = "Print the changelog as Markdown.") boolean markdown;
    @Option(names = "--json", description = "Print the diff as JSON.") boolean json;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode diff = catalog.get("/api/v1/changes/" + id + "/diff");
        if (json) {
          out.println(CatalogConnection.pretty(diff));
        } else if (markdown) {
          out.print(diff.path("changelog").asText());
        } else {
          out.printf("%s -> %s: %s%n", diff.path("fromVersion").isNull() ? "(none)" : diff.path("fromVersion").asText(),
              diff.path("toVersion").asText(), diff.path("overall").asText());
          for (JsonNode change : diff.path("changes")) {
            out.printf("  %-5s [%s] %s: %s%n", change.path("changeClass").asText(), change.path("rule").asText(),
                change.path("element").asText(), change.path("reason").asText());
          }
          out.println(diff.path("versionCheck").asText());
        }
        return 0;
      });
    }
  }
}
