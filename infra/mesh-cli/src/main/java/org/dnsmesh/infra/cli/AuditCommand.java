package org.dnsmesh.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mesh audit ...}: the hash-chained governance audit log, over the catalog service's API. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Read and verify the append-only, hash-chained governance audit log (governance or admin role).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class},
    footerHeading = "%nExamples:%n",
    footer = {"  mesh audit verify --as governance", "  mesh audit list --as governance --from 1 --limit 20"})
final class AuditCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recompute every entry's hash and link. Reports OK, or the first broken entry (edited, deleted,"
          + " inserted or truncated) and every other problem found."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:the chain is intact", "1:the chain is broken, or the service refused (not allowed)",
          "2:could not run (no token, service down)"},
      footerHeading = "%nExample:%n", footer = "  mesh audit verify --as governance")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;

    @Override
    public Integer call() {
      return ChangeCommand.run(spec, out -> {
        JsonNode result = catalog.get("/api/v1/audit/verify");
        long checked = result.path("entriesChecked").asLong();
        if (result.path("intact").asBoolean(false)) {
          out.printf("OK: audit log intact (%d entries, every hash and link verified)%n", checked);
          return 0;
        }
        JsonNode problems = result.path("problems");
        out.printf("BROKEN: %s%n", problems.isEmpty() ? "verification failed" : problems.get(0).asText());
        for (int i = 1; i < problems.size(); i++) {
          out.printf("  also: %s%n", problems.get(i).asText());
        }
        out.printf("(%d entries checked)%n", checked);
        return 1;
      });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print audit entries, oldest first.",
      footerHeading = "%nExample:%n", footer = "  mesh audit list --as governance --from 1 --limit 20")
  static final class ListEntries implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CatalogConnection catalog;
    @Option(names = "--from", defaultValue = "1", description = "First sequence number (default: ${DEFAULT-VALUE}).") long from;
    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).") int limit;

    @Override
    public Integer call() {
      return ChangeCommand.run(spec, out -> {
        for (JsonNode entry : catalog.get("/api/v1/audit?from=" + from + "&limit=" + limit)) {
          out.printf("%5d %s %-16s %-26s %-24s %s%n", entry.path("sequence").asLong(), entry.path("occurredAt").asText(),
              entry.path("actor").asText(), entry.path("action").asText(), entry.path("subject").asText(),
              entry.path("hash").asText().substring(0, Math.min(12, entry.path("hash").asText().length())));
        }
        return 0;
      });
    }
  }
}
