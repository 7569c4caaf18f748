package org.dnsmesh.infra.cli;

import static org.dnsmesh.infra.cli.ChangeCommand.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mesh suppress ...}: detection suppressions over the catalog service's API. A security analyst or steward
 * proposes to keep some findings (a rule or any, on one domain or account, for an event-time window of at most 30
 * days) off the alerts topic and says why; a steward of the security domain approves or rejects (never the
 * proposer). An approved suppression reaches the running detection topology within seconds and ends by itself, or
 * earlier when its proposer or a steward revokes it.
 */
@Command(name = "suppress", mixinStandardHelpOptions = true,
    description = {"Propose time-boxed suppressions of security findings, and review them. Every call goes to the catalog"
        + " service with a token. Whoever may see the security findings may propose; only a steward of the security"
        + " domain approves or rejects, never the proposer. A suppressed finding is still recorded on the detections"
        + " topic with the suppression's id, but not alerted on mesh.security.alerts; it applies by the finding's event"
        + " time within [from, until), at most 30 days, so it ends by itself and a replay gives the same result. Its"
        + " proposer or a steward of security may revoke it earlier, alone: findings from then on are alerted again."},
    subcommands = {SuppressCommand.Propose.class, SuppressCommand.ListSuppressions.class, SuppressCommand.Show.class,
        SuppressCommand.Approve.class, SuppressCommand.Reject.class, SuppressCommand.Revoke.class},
    exitCodeListHeading = "%nExit codes (every subcommand):%n",
    exitCodeList = {"0:done", "1:the service refused (not allowed, bad field, no such suppression, illegal state)",
        "2:could not run (no token, service down, bad arguments)"},
    footerHeading = "%nExamples:%n",
    footer = {"  mesh suppress propose --as alan --rule DELEGATION_OUTSIDE_WINDOW --case domain:shop.example \\",
        "      --from 2026-12-07T00:00:00Z --for 7d --reason \"registrar migration CR-4711\"",
        "  mesh suppress list --as victor --state submitted",
        "  mesh suppress show --as alan 3f0c...",
        "  mesh suppress approve --as victor 3f0c... -m \"migration confirmed with the registrar\"",
        "  mesh suppress reject --as victor 3f0c... -m \"fix the delegation instead\"",
        "  mesh suppress revoke --as alan 3f0c... --reason \"migration finished early\""})
final class SuppressCommand implements Callable<Integer> {
  private static final String PATH = "/api/v1/suppressions";

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  static void print(PrintWriter out, JsonNode suppression) {
    out.printf("suppression %s%n", suppression.path("id").asText());
    out.printf("findings    %s on %s%n", suppression.path("rule").asText(), suppression.path("caseKey").asText());
    out.printf("window      [%s, %s) by event time%s%n", suppression.path("from").asText(), suppression.path("until").asText(),
        suppression.path("active").asBoolean() ? " (in force)" : "");
    if (suppression.hasNonNull("revokedAt")) {
      out.printf("revoked     at %s: findings from then on are alerted again%n", suppression.path("revokedAt").asText());
    }
    out.printf("proposer    %s%n", suppression.path("proposer").asText());
    out.printf("reason      %s%n", suppression.path("reason").asText());
    JsonNode approval = suppression.path("approval");
    out.printf("state       %s (stewards %d/%d)%n", suppression.path("state").asText(),
        approval.path("stewardsApproved").asInt(), approval.path("stewardsNeeded").asInt());
    ReviewPrinter.checksAndReviews(out, suppression);
    JsonNode application = suppression.path("application");
    if (application.isObject()) {
      out.printf("applied     %s%n", application.path("detail").asText());
    }
  }

  /** {@code --until} as given, or {@code --from} plus {@code --for} (30d, 12h, 90m, 45s or ISO-8601). */
  static String until(String from, String until, String length) {
    if ((until == null) == (length == null)) {
      throw new StackException("give exactly one of --until INSTANT or --for LENGTH (e.g. --for 7d)");
    }
    if (until != null) {
      return until;
    }
    try {
      return Instant.parse(from).plus(Duration.parse(AccessCommand.isoDuration(length))).toString();
    } catch (DateTimeParseException e) {
      throw new StackException("--from must be an ISO-8601 instant such as 2026-12-07T00:00:00Z to use --for; was '"
          + from + "'");
    }
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Propose a suppression; checks run at once and it goes to the security domain's stewards.",
      footerHeading = "%nExamples:%n", footer = {
          "  mesh suppress propose --as alan --rule DELEGATION_OUTSIDE_WINDOW --case domain:shop.example \\",
          "      --from 2026-12-07T00:00:00Z --for 7d --reason \"registrar migration CR-4711\"",
          "  mesh suppress propose --case account:acct-7 --from 2026-12-07T00:00:00Z --until 2026-12-08T00:00:00Z \\",
          "      --reason \"bulk renewal\"   # any rule; token in MESH_TOKEN"})
  static final class Propose implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--rule", defaultValue = "*", description = "The detection rule, e.g. DELEGATION_OUTSIDE_WINDOW; * = any.")
    String rule;
    @Option(names = "--case", required = true, paramLabel = "KEY", description = "domain:<domain> or account:<account>.")
    String caseKey;
    @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "Start (ISO-8601, inclusive).") String from;
    @Option(names = "--until", paramLabel = "INSTANT", description = "End (ISO-8601, exclusive); or --for.") String until;
    @Option(names = "--for", paramLabel = "LENGTH", description = "Length from --from: 7d, 12h, ... (at most 30d).")
    String length;
    @Option(names = "--reason", required = true, description = "Why (the stewards read this).") String reason;
    @Option(names = "--json", description = "Print the suppression as JSON.") boolean json;

    @Override
    public Integer call() {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("rule", rule);
      body.put("caseKey", caseKey);
      body.put("from", from);
      body.put("until", until(from, until, length));
      body.put("reason", reason);
      return run(spec, out -> {
        JsonNode suppression = catalog.postJson(PATH, body);
        if (json) {
          out.println(CatalogConnection.pretty(suppression));
        } else {
          print(out, suppression);
        }
        return 0;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Suppressions you may see, newest first.",
      footerHeading = "%nExamples:%n", footer = {"  mesh suppress list --as victor --state submitted",
          "  mesh suppress list --as alan --active"})
  static final class ListSuppressions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--state", description = "SUBMITTED, APPROVED, REJECTED, PUBLISHED or REVOKED.") String state;
    @Option(names = "--active", description = "Only those in force now.") boolean active;
    @Option(names = "--json", description = "Print the suppressions as JSON.") boolean json;

    @Override
    public Integer call() {
      String query = String.join("&", java.util.stream.Stream.of(CatalogConnection.query("state", state),
          active ? "active=true" : "").filter(s -> !s.isEmpty()).toList());
      return run(spec, out -> {
        JsonNode suppressions = catalog.get(PATH + (query.isEmpty() ? "" : "?" + query));
        if (json) {
          out.println(CatalogConnection.pretty(suppressions));
          return 0;
        }
        out.printf("%-36s  %-26s %-28s %-10s %-12s %s%n", "ID", "RULE", "CASE", "STATE", "PROPOSER", "WINDOW");
        for (JsonNode s : suppressions) {
          out.printf("%-36s  %-26s %-28s %-10s %-12s %s%n", s.path("id").asText(), s.path("rule").asText(),
              s.path("caseKey").asText(), s.path("state").asText() + (s.path("active").asBoolean() ? "*" : ""),
              s.path("proposer").asText(), s.path("from").asText() + " .. " + s.path("until").asText());
        }
        out.printf("%d suppression(s)%s%n", suppressions.size(), suppressions.isEmpty() ? "" : " (* = in force)");
        return 0;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a suppression: window, reason, checks, reviews.",
      footerHeading = "%nExample:%n", footer = "  mesh suppress show --as alan 3f0c...")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--json", description = "Print the suppression as JSON.") boolean json;
    @Parameters(index = "0", paramLabel = "ID", description = "The suppression id.") String id;

    @Override
    public Integer call() {
      return run(spec, out -> {
        JsonNode suppression = catalog.get(PATH + "/" + id);
        if (json) {
          out.println(CatalogConnection.pretty(suppression));
        } else {
          print(out, suppression);
        }
        return 0;
      });
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve (a steward of the security domain, never the proposer): the detection topology applies it"
          + " within seconds.",
      footerHeading = "%nExample:%n", footer = "  mesh suppress approve --as victor 3f0c... -m \"migration confirmed\"")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The suppression id.") String id;
    @Option(names = {"-m", "--comment"}, defaultValue = "", description = "Review comment.") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        print(out, catalog.postJson(PATH + "/" + id + "/approve", Map.of("comment", comment)));
        return 0;
      });
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject with a comment; nothing is suppressed.",
      footerHeading = "%nExample:%n", footer = "  mesh suppress reject --as victor 3f0c... -m \"fix the delegation instead\"")
  static final class Reject implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The suppression id.") String id;
    @Option(names = {"-m", "--comment"}, required = true, description = "Why (required).") String comment;

    @Override
    public Integer call() {
      return run(spec, out -> {
        print(out, catalog.postJson(PATH + "/" + id + "/reject", Map.of("comment", comment)));
        return 0;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an approved suppression from now on (its proposer or a steward of the security domain, alone:"
          + " revoking only narrows an exception back to normal detection). Findings whose event time is at or after"
          + " the revocation are alerted again; those before it stay suppressed, also in a replay.",
      footerHeading = "%nExample:%n", footer = "  mesh suppress revoke --as alan 3f0c... --reason \"migration finished early\"")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Parameters(index = "0", paramLabel = "ID", description = "The suppression id.") String id;
    @Option(names = {"--reason", "-m"}, required = true, description = "Why (required, audited).") String reason;

    @Override
    public Integer call() {
      return run(spec, out -> {
        print(out, catalog.postJson(PATH + "/" + id + "/revoke", Map.of("reason", reason)));
        return 0;
      });
    }
  }
}
