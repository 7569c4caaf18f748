package org.dnsmesh.infra.cli;

import static org.dnsmesh.infra.cli.ChangeCommand.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mesh access ...}: access requests over the catalog service's API. An analyst asks to read a product for a
 * while and says why; a steward of the product's domain approves or rejects (never the requester); an approval is
 * a grant until approval + the term, revoked automatically at expiry.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = {"Ask for time-boxed read access to a data product, and review such requests. Every call goes to the"
        + " catalog service with a token. Anyone who may list the product's domain may ask; only a steward of that domain"
        + " approves or rejects, never the requester. The term is at most 90 days (mesh.governance.access.max-term);"
        + " the grant reaches the catalog and Trino within seconds and is revoked automatically when it expires."},
    subcommands = {AccessCommand.Request.class, AccessCommand.ListRequests.class, AccessCommand.Show.class,
        AccessCommand.Approve.class, AccessCommand.Reject.class},
    exitCodeListHeading = "%nExit codes (every subcommand):%n",
    exitCodeList = {"0:done", "1:the service refused (not allowed, term too long, no such product or request, illegal state)",
        "2:could not run (no token, service down, bad arguments)"},
    footerHeading = "%nExamples:%n",
    footer = {"  mesh access request --as alan --product security/registrar --duration 30d --purpose \"fraud study\"",
        "  mesh access list --as victor --state submitted",
        "  mesh access show --as alan 3f0c...",
        "  mesh access approve --as victor 3f0c... -m \"for the fraud study\"",
        "  mesh access reject --as victor 3f0c... -m \"use the hourly aggregate\""})
final class AccessCommand implements Callable<Integer> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,7})([dhms])");

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s} or an ISO-8601 duration as the API takes it ({@code P30D}). */
  static String isoDuration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher shortForm = SHORT.matcher(value);
    if (shortForm.matches()) {
      String amount = shortForm.group(1);
      return switch (shortForm.group(2)) {
        case "d" -> "P" + amount + "D";
        case "h" -> "PT" + amount + "H";
        case "m" -> "PT" + amount + "M";
        default -> "PT" + amount + "S";
      };
    }
    if (value.startsWith("p")) {
      return value.toUpperCase(Locale.ROOT);
    }
    throw new StackException("--duration must be like 30d, 12h, 90m, 45s or P30D; was '" + text + "'");
  }

  static void print(PrintWriter out, JsonNode request) {
    out.printf("access request %s%n", request.path("id").asText());
    out.printf("product     %s.%s%n", request.path("domain").asText(), request.path("product").asText());
    out.printf("requester   %s, for %s (%s)%n", request.path("requester").asText(), request.path("termText").asText(),
        request.path("term").asText());
    out.printf("purpose     %s%n", request.path("purpose").asText());
    JsonNode approval = request.path("approval");
    out.printf("state       %s (stewards %d/%d)%n", request.path("state").asText(), approval.path("stewardsApproved").asInt(),
        approval.path("stewardsNeeded").asInt());
    ReviewPrinter.checksAndReviews(out, request);
    JsonNode grant = request.path("grant");
    if (grant.isObject()) {
      out.printf("grant       %s until %s%s%n", grant.path("inForce").asBoolean() ? "in force" : "ended",
          grant.path("expiresAt").asText(), grant.path("revokedAt").isNull() ? "" : " (revoked " + grant.path("revokedAt").asText() + ")");
    }
    JsonNode application = request.path("application");
    if (application.isObject()) {
      out.printf("applied     %s%n", application.path("grant").asText());
      out.printf("trino rules %s%n", application.path("rules").asText());
    }
  }

  @Command(name = "request", mixinStandardHelpOptions = true,
      description = "Ask to read a product for a while; checks run at once and the request goes to the domain's stewards.",
      footerHeading = "%nExamples:%n", footer = {
          "  mesh access request --as alan --product security/registrar --duration 30d --purpose \"fraud study\"",
          "  mesh access request --product na/resolver --duration PT12H --purpose \"incident 4711\"   # token in MESH_TOKEN"})
  static final class Request implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--product", required = true, paramLabel = "DOMAIN/NAME", description = "The product, e.g. security/registrar.")
    String product;
    @Option(names = "--purpose", required = true, description = "Why you need it (the stewards read this).") String purpose;
    @Option(names = "--duration", required = true, paramLabel = "TERM",
        description = "How long: 30d, 12h, 90m, 45s or ISO-8601 (P30D); at most 90 days.") String duration;
    @Option(names = "--json", description = "Print the request as JSON.") boolean json;

    @Override
    public Integer call() {
      String[] parts = product.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new StackException("--product must be DOMAIN/NAME, e.g. security/registrar; was '" + product + "'");
      }
      String term = isoDuration(duration);
      return run(spec, out -> {
        JsonNode request = catalog.postJson("/api/v1/access-requests",
            Map.of("domain", parts[0], "product", parts[1], "purpose", purpose, "duration", term));
        if (json) {
          out.println(CatalogConnection.pretty(request));
        } else {
          print(out, request);
        }
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Access requests you may see (your own; as a steward, those of your domain's products), newest first.",
      footerHeading = "%nExamples:%n", footer = {"  mesh access list --as victor --state submitted", "  mesh access list --as alan"})
  static final class ListRequests implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--state", description = "SUBMITTED, APPROVED, REJECTED or PUBLISHED.") String state;
    @Option(names = "--domain", description = "Only requests for this domain's products.") String domain;
    @Option(names = "--json", description = "Print the requests as JSON.") boolean json;

    @Override
    public Integer call() {
      String query = String.join("&", java.util.stream.Stream.of(CatalogConnection.query("state", state),
          CatalogConnection.query("domain", domain)).filter(s -> !s.isEmpty()).toList());
      return run(spec, out -> {
        JsonNode requests = catalog.get("/api/v1/access-requests" + (query.isEmpty() ? "" : "?" + query));
        if (json) {
          out.println(CatalogConnection.pretty(requests));
          return 0;
        }
        out.printf("%-36s  %-28s %-12s %-10s %-9s %s%n", "ID", "PRODUCT", "REQUESTER", "STATE", "TERM", "GRANT");
        for (JsonNode request : requests) {
          JsonNode grant = request.path("grant");
          out.printf("%-36s  %-28s %-12s %-10s %-9s %s%n", request.path("id").asText(),
              request.path("domain").asText() + "." + request.path("product").asText(), request.path("requester").asText(),
              request.path("state").asText(), request.path("termText").asText(),
              grant.isObject() ? (grant.path("inForce").asBoolean() ? "until " : "ended ") + grant.path("expiresAt").asText() : "-");
        }
        out.printf("%d access request(s)%n", requests.size());
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an access request: checks, reviews, its grant.",
      footerHeading = "%nExample:%n", footer = "  mesh access show --as alan 3f0c...")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--json", description = "Print the request as JSON.") boolean json;
    @Parameters(index = "0", paramLabel = "ID", description = "The access request id.") String id;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode request = catalog.get("/api/v1/access-requests/" + id);
        if (json) {
          out.println(CatalogConnection.pretty(request));
        } else {
          print(out, request);
        }
        return 0;
      });
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve (a steward of the product's domain, never the requester): the grant is made at once.",
      footerHeading = "%nExample:%n", footer = "  mesh access approve --as victor 3f0c... -m \"for the fraud study\"")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The access request id.") String id;
    @Option(names = {"-m", "--comment"}, defaultValue = "", description = "Review comment.") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        print(out, catalog.postJson("/api/v1/access-requests/" + id + "/approve", Map.of("comment", comment)));
        return 0;
      });
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject with a comment; no grant is made.",
      footerHeading = "%nExample:%n", footer = "  mesh access reject --as victor 3f0c... -m \"use the hourly aggregate\"")
  static final class Reject implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The access request id.") String id;
    @Option(names = {"-m", "--comment"}, required = true, description = "Why (required).") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        print(out, catalog.postJson("/api/v1/access-requests/" + id + "/reject", Map.of("comment", comment)));
        return 0;
      });
    }
  }
}
