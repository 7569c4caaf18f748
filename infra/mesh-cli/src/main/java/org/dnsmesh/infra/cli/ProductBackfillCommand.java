package org.dnsmesh.infra.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dnsmesh.infra.stack.KafkaBroker;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.productkit.pipeline.BackfillSummary;
import org.dnsmesh.productkit.source.FileSources;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.products.demo.DemoProducts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh product backfill <domain>/<product> --from ... --start ... --end ...}. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = {"Replay log files for a time range into a product's table, replacing every row of that range",
        "atomically (one Iceberg overwrite commit): run it twice and the table is the same. The range starts and ends",
        "on the table's hour or day partition boundaries; a range the files have no events for is emptied; rows",
        "outside the range stay.",
        "Same ingest and contract validation as `mesh product run`; events outside [--start, --end) are skipped;",
        "contract failures go to the quarantine table, lines that are not DNS records to the dead-letter topic.",
        "The live pipeline's Kafka offsets are not touched; the derived tables are refreshed for the replaced days."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every event in range is in the table", "1:done, but some events were quarantined or dead-lettered",
        "2:could not run"},
    footerHeading = "%nExample:%n",
    footer = "  ./mesh product backfill na/na-resolver-queries --from zeek:/var/log/zeek/2026-12-06/ --start 2026-12-06 --end 2026-12-07")
final class ProductBackfillCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DOMAIN/PRODUCT")
  String product;

  @Option(names = "--from", required = true, paramLabel = "FORMAT:PATH",
      description = "zeek:<file|dir|glob> or jsonl:<file|dir|glob> (plain or .gz), as for `mesh product run`.")
  String from;

  @Option(names = "--start", required = true, paramLabel = "DAY|INSTANT",
      description = "First day (2026-12-06, UTC) or instant (2026-12-06T10:00:00Z) of the range, inclusive.")
  String start;

  @Option(names = "--end", required = true, paramLabel = "DAY|INSTANT", description = "End of the range, exclusive.")
  String end;

  @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:MESH_TOKEN}",
      description = "The domain publisher's token (default: $MESH_TOKEN, else one minted from the local mesh's key).")
  String token;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (!ProductRunCommand.isKnown(product)) {
      return ProductRunCommand.CANNOT_RUN;
    }
    Instant first;
    Instant last;
    FileSources files;
    try {
      first = instant(start);
      last = instant(end);
      files = FileSources.parse(from);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      System.err.println("mesh: " + e.getMessage());
      return ProductRunCommand.CANNOT_RUN;
    }
    if (!first.isBefore(last)) {
      System.err.println("mesh: --start must be before --end");
      return ProductRunCommand.CANNOT_RUN;
    }
    StackConfig config = MeshStack.recorded(MeshCli.config());
    KafkaBroker kafka = new KafkaBroker(config);
    long started = System.nanoTime();
    DemoProducts.BackfillResult result;
    try {
      result = new DemoProducts(config.home(), URI.create(config.catalogUrl()),
          domain -> KafkaClientConfig.of(kafka.clientProperties("publisher-" + domain)),
          ProductRunCommand.tokenSource(config, token), config.layout().secrets().resolve("pseudonym-keys.properties"),
          out::println).backfill(product, files, first, last);
    } catch (IllegalArgumentException e) { // e.g. a range that cuts through a partition: nothing was written
      System.err.println("mesh: " + e.getMessage());
      return ProductRunCommand.CANNOT_RUN;
    }
    BackfillSummary summary = result.summary();
    long deadLettered = summary.ingest().unparsed();
    out.printf(Locale.ROOT, "%s: partitions of [%s, %s) replaced in one commit; the table holds %,d rows%n",
        result.table(), first, last, result.rowsInTable());
    out.printf(Locale.ROOT, "read %,d = %,d written + %,d quarantined + %,d dead-lettered + %,d capture copies"
            + " + %,d outside the range + %,d repeated event ids + %,d excluded by the contract + %,d sampled out (%.1f s)%n",
        summary.ingest().read(), summary.written(), summary.quarantined() , deadLettered,
        summary.ingest().duplicates(), summary.outOfRange(), summary.duplicates(), summary.ingest().excluded(),
        summary.ingest().sampledOut(), (System.nanoTime() - started) / 1e9);
    result.derivedRows().forEach((table, rows) -> out.printf(Locale.ROOT, "  %s: %,d rows%n", table, rows));
    return summary.quarantined() + deadLettered > 0 ? ProductRunCommand.WITH_REJECTS : ProductRunCommand.OK;
  }

  /** {@code 2026-12-06} (start of that UTC day) or an ISO instant. */
  static Instant instant(String value) {
    return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
