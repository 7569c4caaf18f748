package org.dnsmesh.infra.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.dnsmesh.infra.stack.DevTokens;
import org.dnsmesh.infra.stack.StackConfig;
import org.dnsmesh.infra.stack.StackException;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.FileSources;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.SourceCounts;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.products.demo.DemoProducts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mesh product run <domain>/<product> [--from ...] [--once]}: a publisher's own logs through the product,
 * once or following the files as they grow and rotate.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a data product over log files (or, with --once, its own sample source) on the running mesh.",
        "",
        "Reads the files (Zeek dns.log as TSV or JSON, or the kit's JSON lines; plain or .gz), normalises,",
        "drops capture copies, pseudonymises and produces the events into the product's Kafka topic; then runs",
        "its pipeline until caught up: contract validation -> product table, quarantine table (every contract",
        "failure, with its reason class) and dead-letter topic (lines that are not DNS records or not UTF-8,",
        "with file and line). Then its derived tables are recomputed. Progress every 2 s; at the end one line",
        "that accounts for every line read:",
        "  read = written + quarantined + dead-lettered + capture copies dropped",
        "The product's contract is published first when that version is not in the catalog yet.",
        "",
        "Without --once it follows the files: the ones matching at the start are the backlog, then every",
        "second (--poll-every) it reads the complete lines added since, including files that appear later. A",
        "log is known by its content (Zeek: its #open header line; JSON: its first line), not its name, so when",
        "dns.log is rotated to dns.<time>.log.gz the copy is read only beyond what was read from dns.log. A",
        "single file also finishes its rotated siblings (dns.*) in the same directory. A line without its",
        "newline waits for it; a file cut shorter than what was read is read again from its start (warning).",
        "How far each log was read is saved in --checkpoint after the events are on the broker, so a restart",
        "resumes there. Progress every 2 s: lines read, in = written + quarantined + dead-lettered, events/s,",
        "lag (produced, not committed yet; bytes not read yet). SIGTERM / Ctrl-C: a last poll, the pipeline",
        "commits everything produced, the reconciliation line, and the exit code below; a second one exits",
        "at once (the checkpoint stays at the last poll that reached the broker)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every record read is in the product table (or was a capture copy); following: after SIGTERM",
        "1:the run finished (or was stopped) and every record is accounted for; some were quarantined/dead-lettered",
        "2:could not run (unknown product, no such file, mesh not up, Kafka or catalog refused, pipeline failed)"},
    footerHeading = "%nExamples:%n",
    footer = {"  ./mesh product run na/na-resolver-queries --from zeek:/var/log/zeek/dns.log.gz --once",
        "  ./mesh product run na/na-resolver-queries --from 'zeek:/var/log/zeek/2026-12-07/dns.*.log.gz' --once",
        "  ./mesh product run na/na-resolver-queries --from zeek:/var/log/zeek/2026-12-07/ --once",
        "  ./mesh product run eu/eu-authoritative --from jsonl:events.jsonl --once",
        "  ./mesh product run na/na-resolver-queries --once        (the product's own sample source)",
        "  ./mesh product run na/na-resolver-queries --from zeek:/var/log/zeek/current/dns.log     (follow; Ctrl-C)",
        "  ./mesh product run na/na-resolver-queries --from 'zeek:/var/log/zeek/*/dns.*' --checkpoint na.follow.json",
        "Then in Trino: SELECT rcode, count(*) FROM na.na.resolver_queries GROUP BY rcode;"})
final class ProductRunCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int WITH_REJECTS = 1;
  static final int CANNOT_RUN = 2;

  /** Whether this checkout has the product; says which it has when not (run, serve and backfill share this). */
  static boolean isKnown(String product) {
    if (DemoProducts.products().contains(product)) {
      return true;
    }
    System.err.println("mesh: no product '" + product + "' in this checkout; known: "
        + String.join(", ", DemoProducts.products()));
    return false;
  }

  @Parameters(index = "0", paramLabel = "DOMAIN/PRODUCT",
      description = "The product, e.g. na/na-resolver-queries (known: na/na-resolver-queries, na/na-passive-dns, eu/eu-authoritative,"
          + " apac/apac-edge-cache).")
  String product;

  @Option(names = "--from", paramLabel = "FORMAT:PATH",
      description = {"zeek:<file|dir|glob> or jsonl:<file|dir|glob>; a directory stands for its dns* (zeek) or",
          "*.json* (jsonl) files, read in name order. Default: the product's own source."})
  String from;

  @Option(names = "--once", description = "Read the files, run the pipeline until caught up, and exit.")
  boolean once;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = {"Following: where how far each log was read is kept (default:",
          ".mesh/products/<domain>-<product>.follow.json). Delete it to read the logs from their start again."})
  Path checkpoint;

  @Option(names = "--poll-every", paramLabel = "SECONDS", defaultValue = "1",
      description = "Following: seconds between looks at the files (default ${DEFAULT-VALUE}).")
  double pollEverySeconds;

  @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:MESH_TOKEN}",
      description = "The domain publisher's token (default: $MESH_TOKEN, else one minted from the local mesh's key).")
  String token;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    if (!ProductRunCommand.isKnown(product)) {
      return CANNOT_RUN;
    }
    if (!once) {
      if (from == null) {
        System.err.println("mesh: following needs --from (the product's own source is a bounded sample: add --once)");
        return CANNOT_RUN;
      }
      return new ProductFollow(product, from, checkpoint, pollEverySeconds, token).run(out);
    }
    DnsEventSource source = null;
    if (from != null) {
      try {
        FileSources files = FileSources.parse(from);
        out.printf(Locale.ROOT, "[%s] %d file(s): %s%n", product, files.files().size(), describe(files.files()));
        source = files.onFile(file -> out.printf("[%s] reading %s%n", product, file));
      } catch (IllegalArgumentException e) {
        System.err.println("mesh: --from " + e.getMessage());
        return CANNOT_RUN;
      }
    }
    StackConfig config = MeshCli.config();
    String domain = product.substring(0, product.indexOf('/'));
    java.util.function.Function<String, String> tokens = tokenSource(config, token);
    ReadProgress reading = source == null ? null : new ReadProgress(source, out, product);
    long started = System.nanoTime();
    DemoProducts.Result result = demoProducts(config, tokens, out)
        .runOnce(product, reading, new PipelineProgress(out, product));
    double seconds = (System.nanoTime() - started) / 1e9;
    return report(out, result, seconds, domain);
  }

  /** The products on the local mesh, as the domain's publisher (run and its follow mode share this). */
  static DemoProducts demoProducts(StackConfig config, java.util.function.Function<String, String> tokens,
      PrintStream out) {
    return new DemoProducts(config.home(), URI.create(config.catalogUrl()),
        // the domain's publisher credentials, as the demo runs of `mesh up` use (ACLs: only its own topics)
        d -> org.dnsmesh.productkit.transport.KafkaClientConfig.of(
            new org.dnsmesh.infra.stack.KafkaBroker(config).clientProperties("publisher-" + d)), tokens,
        config.layout().secrets().resolve("pseudonym-keys.properties"), out::println)
        .lockingPipelinesIn(new ProductPipelines(config).stateDirectory());
  }

  static String describe(List<Path> files) {
    return files.size() <= 3 ? files.toString() : files.subList(0, 3) + " ... " + files.getLast();
  }

  /** The given token, else one of the domain's publisher minted from the local mesh's key. */
  static java.util.function.Function<String, String> tokenSource(StackConfig config, String token) {
    return tokenSource(config, token, Duration.ofMinutes(30));
  }

  /** As above, minted tokens valid for {@code lifetime}. */
  static java.util.function.Function<String, String> tokenSource(StackConfig config, String token,
      Duration lifetime) {
    if (token != null && !token.isBlank()) {
      return domain -> token;
    }
    Path key = config.layout().jwtPrivateKey();
    if (!Files.exists(key)) {
      throw new StackException("No signing key yet (" + key + ") and no --token: run ./mesh up first.");
    }
    DevTokens tokens = new DevTokens(key, config.layout().jwtPublicKey());
    return domain -> tokens.mint("publisher-" + domain, List.of("publisher"), List.of(domain), lifetime);
  }

  /** The closing lines: where every record went, the throughput, and the exit code that says it. */
  static int report(PrintStream out, DemoProducts.Result result, double seconds, String domain) {
    IngestSummary ingest = result.ingest();
    RunSummary run = result.run();
    out.println(result.describe());
    if (ingest == null) {
      return run.quarantined() > 0 ? WITH_REJECTS : OK;
    }
    long deadLettered = ingest.unparsed();
    out.printf(Locale.ROOT, "ingest: %s%n", ingest.describe());
    out.printf(Locale.ROOT, "pipeline: %s%n", run.describe());
    boolean ownRecordsOnly = run.in() == ingest.published() + ingest.rejected() && run.skipped() == 0;
    if (ownRecordsOnly) {
      out.printf(Locale.ROOT,
          "read %,d = %,d written + %,d quarantined + %,d dead-lettered + %,d capture copies dropped%s%n",
          ingest.read(), run.written(), run.quarantined(), deadLettered, ingest.duplicates(), excluded(ingest));
    } else {
      out.printf(Locale.ROOT, "read %,d = %,d produced + %,d dead-lettered + %,d capture copies dropped%s; the "
              + "pipeline also consumed %,d record(s) already on the topic (in = written + quarantined + skipped above)%n",
          ingest.read(), ingest.published() + ingest.rejected(), deadLettered, ingest.duplicates(), excluded(ingest),
          run.in() - ingest.published() - ingest.rejected());
    }
    out.printf(Locale.ROOT, "%,d lines in %.1f s: %,.0f lines/s end to end (read, produce, validate, write, derive)%n",
        ingest.read(), seconds, seconds <= 0 ? 0 : ingest.read() / seconds);
    out.printf("In Trino: SELECT count(*) FROM %s;  rejects: %s_quarantine;  dead letters: Kafka topic %s.%s.dlq%n",
        result.table(), result.table(), domain, result.product());
    return run.quarantined() + deadLettered > 0 ? WITH_REJECTS : OK;
  }

  private static String excluded(IngestSummary ingest) {
    return (ingest.excluded() == 0 ? ""
        : String.format(Locale.ROOT, " + %,d link-local (excluded by the contract)", ingest.excluded()))
        + (ingest.sampledOut() == 0 ? ""
        : String.format(Locale.ROOT, " + %,d sampled out (the contract's sample; scale counts by 1/sample rate)",
            ingest.sampledOut()));
  }

  /** Prints lines read and lines/s every 2 s while the files are produced. */
  static final class ReadProgress implements DnsEventSource {
    private final DnsEventSource source;
    private final PrintStream out;
    private final String label;

    ReadProgress(DnsEventSource source, PrintStream out, String label) {
      this.source = source;
      this.out = out;
      this.label = label;
    }

    @Override
    public SourceCounts readAll(Sink sink) throws IOException {
      long start = System.nanoTime();
      AtomicLong read = new AtomicLong();
      AtomicLong unparsed = new AtomicLong();
      long[] lastPrint = {start};
      Runnable tick = () -> {
        long now = System.nanoTime();
        if (now - lastPrint[0] >= 2_000_000_000L) {
          lastPrint[0] = now;
          out.printf(Locale.ROOT, "[%s] read %,d lines (%,d dead-lettered), %,.0f lines/s%n", label, read.get(),
              unparsed.get(), read.get() / ((now - start) / 1e9));
        }
      };
      SourceCounts counts = source.readAll(new Sink() {
        @Override
        public void event(RawDnsEvent event) {
          read.incrementAndGet();
          sink.event(event);
          tick.run();
        }

        @Override
        public void unparsed(UnparsedRecord record) {
          read.incrementAndGet();
          unparsed.incrementAndGet();
          sink.unparsed(record);
          tick.run();
        }
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "[%s] read %,d lines (%,d dead-lettered) in %.1f s, %,.0f lines/s; produced%n", label,
          counts.read(), counts.unparsed(), seconds, seconds <= 0 ? 0 : counts.read() / seconds);
      return counts;
    }
  }

  /** The pipeline's progress at most every 2 s: in = written + quarantined, events/s, lag. */
  static final class PipelineProgress implements ProgressListener {
    private final PrintStream out;
    private final String label;
    private long lastPrint = System.nanoTime();

    PipelineProgress(PrintStream out, String label) {
      this.out = out;
      this.label = label;
    }

    @Override
    public void progress(RunSummary soFar) {
      long now = System.nanoTime();
      if (now - lastPrint < 2_000_000_000L) {
        return;
      }
      lastPrint = now;
      out.printf(Locale.ROOT, "[%s] pipeline: in %,d = %,d written + %,d quarantined, %,.0f events/s%n", label,
          soFar.in(), soFar.written(), soFar.quarantined(), soFar.rowsPerSecond());
    }

    @Override
    public void finished(RunSummary summary) {}
  }
}
