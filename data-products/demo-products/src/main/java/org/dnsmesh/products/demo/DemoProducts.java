package org.dnsmesh.products.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.dnsmesh.products.support.RawChanges;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.productcli.publish.CatalogRegistryClient;
import org.dnsmesh.productcli.publish.ProductPublisher;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.lineage.LineageDataset;
import org.dnsmesh.productkit.lineage.LineageRun;
import org.dnsmesh.productkit.lineage.OpenLineageEmitter;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.transport.TopicName;
import org.dnsmesh.productkit.write.CommitProperties;
import org.dnsmesh.products.support.DerivedTables;
import org.dnsmesh.products.support.KafkaProductRun;
import org.dnsmesh.products.support.ProductTopics;
import org.dnsmesh.products.support.Row;

/**
 * The three regional products on a running mesh, each once: publish its contract to the catalog (a no-op when that
 * version is already there), produce a bounded batch of its sample or synthetic events into its Kafka topic, run its
 * pipeline until caught up (validate -> raw table / quarantine + dead-letter topic, through the catalog's Iceberg
 * REST API as the domain's publisher, OpenLineage to the catalog), then recompute its derived tables from the raw
 * table. Events are produced only into an empty topic, so a second {@code mesh up} on the same state adds nothing
 * and only resumes a pipeline that had not caught up.
 */
public final class DemoProducts {
  /** Snapshot summary key of a derived table: the raw table's snapshot it was computed from. */
  static final String DERIVED_FROM = "dnsmesh.derived.source-snapshot";

  /** How long a new topic's partitions may take to get leaders before the demo gives up. */
  static final java.time.Duration TOPIC_READY_TIMEOUT = java.time.Duration.ofSeconds(60);

  /** Rows per Iceberg commit of the demo pipelines. */
  static final int BATCH_RECORDS = 5_000;

  /**
   * Rows per commit of {@code mesh product run}: a publisher's logs are large, and each commit through the catalog's
   * REST API costs a round of metadata writes; the pipeline also commits every 10 s whatever the count.
   */
  static final int RUN_BATCH_RECORDS = 100_000;

  private final Path home;
  private final URI catalog;
  private final Function<String, KafkaClientConfig> kafka;
  private final Function<String, String> publisherToken;
  private final Path keyFile;
  private final Consumer<String> progress;
  /** Where consumers take {@link PipelineLock}s; null: no locking. */
  private Path pipelineLocks;

  /**
   * @param home the checkout (contracts and sample data are read from {@code data-products/})
   * @param kafka the broker with the credentials of the domain's publisher, per domain
   * @param publisherToken a token of the domain's publisher, per domain
   * @param keyFile pseudonymisation keys of the demo domains; created with random keys when missing
   */
  public DemoProducts(Path home, URI catalog, Function<String, KafkaClientConfig> kafka, Function<String, String> publisherToken,
      Path keyFile, Consumer<String> progress) {
    this.home = Objects.requireNonNull(home, "home");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.publisherToken = Objects.requireNonNull(publisherToken, "publisherToken");
    this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * Consumers of a product's topic in this process take the product's {@link PipelineLock} in {@code directory}
   * (the mesh's {@code .mesh/products/}): a {@code run} whose product's pipeline already runs elsewhere (supervised
   * by {@code mesh up}) only produces and waits for that pipeline to commit what it produced.
   */
  public DemoProducts lockingPipelinesIn(Path directory) {
    this.pipelineLocks = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * What one product's demo run did. {@code run} is empty when nothing new was on its topic; {@code ingest} is null
   * when nothing was produced.
   */
  public record Result(String domain, String product, String version, ProductPublisher.Outcome publication,
      long produced, RunSummary run, String table, long rowsInTable, Map<String, Long> derivedRows,
      IngestSummary ingest) {

    /** One line for the console, e.g. {@code na.na-resolver-queries 1.0.0 published: in=13 = 12 written + 1 quarantined}. */
    public String describe() {
      StringBuilder line = new StringBuilder(domain + "." + product + " " + version + " "
          + (publication == ProductPublisher.Outcome.PUBLISHED ? "published" : "already published"));
      if (run != null && run.in() > 0) {
        line.append(": in=").append(run.in()).append(" = ").append(run.written()).append(" written + ")
            .append(run.quarantined()).append(" quarantined");
        if (run.skipped() > 0) {
          line.append(" + ").append(run.skipped()).append(" skipped");
        }
      } else {
        line.append(": nothing new on its topic");
      }
      line.append("; ").append(table).append(" holds ").append(rowsInTable).append(" rows");
      derivedRows.forEach((table, rows) -> line.append("\n      ").append(table).append(": ").append(rows).append(" rows"));
      return line.toString();
    }
  }

  /**
   * Runs the products of the given domains (the others are skipped), one after the other; returns one result per
   * product. Sequential on purpose: side by side saved ~2 s of ~20 on this 2-core machine, and one attempt with
   * virtual threads hung inside `mesh up` (carrier starvation or a class-initialisation deadlock across the
   * libraries' first use), which a demo must never do.
   */
  public List<Result> run(Set<String> domains) {
    List<Result> results = new ArrayList<>();
    for (DemoProduct product : DemoProduct.all()) {
      if (!domains.contains(product.domain())) {
        continue;
      }
      try {
        results.add(run(product, keys(product.domain()), null, ProgressListener.none(), BATCH_RECORDS));
      } catch (IOException e) {
        throw new UncheckedIOException("demo product " + product.module() + ": " + e.getMessage(), e);
      }
    }
    return results;
  }

  /** The products this checkout can run, as {@code <domain>/<product>}. */
  public static List<String> products() {
    return DemoProduct.all().stream().map(p -> p.domain() + "/" + p.contract().productName()).toList();
  }

  /**
   * {@code mesh product run <domain>/<product> --once}: publishes the product's contract when that version is not
   * yet in the catalog, produces {@code from} (null: the product's own source) into its topic whatever the topic
   * already holds, runs its pipeline until caught up and recomputes its derived tables.
   *
   * @param name {@code <domain>/<product>}, one of {@link #products()}
   * @param pipelineProgress told after every pipeline commit
   */
  public Result runOnce(String name, DnsEventSource from, ProgressListener pipelineProgress) throws IOException {
    DemoProduct product = DemoProduct.all().stream()
        .filter(p -> (p.domain() + "/" + p.contract().productName()).equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no product '" + name + "' in this checkout; known: "
            + String.join(", ", products())));
    return run(product, keys(product.domain()), from == null ? product.source().open(home) : from, pipelineProgress,
        RUN_BATCH_RECORDS);
  }

  /**
   * A product's continuous pipeline, what {@code mesh up} supervises: publishes its contract when that version is not
   * in the catalog yet, then consumes its topic until {@code stop} (handed to {@code onStart}) is called, committing
   * every {@link #RUN_BATCH_RECORDS} records or 10 s while records flow (exactly once: the offsets are in the table's
   * snapshots, so a restart after SIGKILL resumes where the last commit ended), and refreshes its derived tables
   * every {@code deriveEvery} from the raw snapshots added since ({@link #refreshDerived}). Returns when stopped,
   * after a last commit.
   */
  public RunSummary serve(String name, ProgressListener pipelineProgress, java.time.Duration deriveEvery,
      Consumer<Runnable> onStart) throws IOException {
    DemoProduct product = product(name);
    String domain = product.domain();
    ProductPublisher.Result published = new ProductPublisher(new CatalogRegistryClient(catalog,
        publisherToken.apply(domain))).publish(product.contractFile(home), product.derivedTables(), List.of(),
        ProductPublisher.RegisteredPorts.KEEP);
    progress.accept(domain + "." + published.registration().name() + " " + published.registration().version()
        + ": contract " + published.outcome().name().toLowerCase(Locale.ROOT) + "; following topic "
        + product.contract().topic());
    CatalogConnection connection = new CatalogConnection(catalog, () -> publisherToken.apply(domain));
    KafkaClientConfig domainKafka = kafka.apply(domain);
    ProductTopics.ensure(domainKafka, product.contract().topic(), TOPIC_READY_TIMEOUT);
    KafkaProductRun run = new KafkaProductRun(product.contract(), product.transform().get(), keys(domain),
        domainKafka).reportingTo(connection);
    java.util.concurrent.ScheduledExecutorService deriver = java.util.concurrent.Executors
        .newSingleThreadScheduledExecutor(r -> new Thread(r, "derive-" + product.contract().productName()));
    try (RESTCatalog iceberg = connection.icebergCatalog(domain);
        RESTCatalog derivedCatalog = connection.icebergCatalog(domain)) {
      Runnable refresh = () -> {
        try {
          long started = System.nanoTime();
          Table raw = derivedCatalog.loadTable(product.contract().table());
          Map<String, Long> rows = refreshDerived(product, derivedCatalog, connection, raw);
          progress.accept(String.format(Locale.ROOT, "derived tables up to date with raw snapshot %s in %.1f s: %s",
              raw.currentSnapshot() == null ? "none" : raw.currentSnapshot().snapshotId(),
              (System.nanoTime() - started) / 1e9, rows));
        } catch (RuntimeException e) {
          progress.accept("derived tables not refreshed (next try in " + deriveEvery.toSeconds() + " s): " + e);
        }
      };
      deriver.scheduleWithFixedDelay(refresh, deriveEvery.toMillis(), deriveEvery.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
      RunSummary summary;
      String name2 = domain + "/" + product.contract().productName();
      PipelineLock free = PipelineLock.tryAcquire(pipelineLocks, name2);
      if (!free.held()) {
        progress.accept("another pipeline of " + name2 + " consumes its topic (mesh product run?): waiting for it");
      }
      try (PipelineLock lock = free.held() ? free : PipelineLock.acquire(pipelineLocks, name2)) {
        summary = run.consume(iceberg, RUN_BATCH_RECORDS, pipelineProgress, RunUntil.STOPPED, onStart);
      }
      // No last refresh here: a stop is usually the JVM shutting down (SIGTERM), which has already stopped Iceberg's
      // worker pool; the next start refreshes from the snapshots committed since (RawChanges).
      deriver.shutdown(); // a refresh under way finishes (its commit is atomic either way)
      try {
        deriver.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return summary;
    } finally {
      deriver.shutdownNow();
    }
  }

  /**
   * Where every line a follow run read so far is, for its progress line: {@code in = written + quarantined +
   * dead-lettered}; {@code lagRecords} produced but not committed yet, {@code bytesBehind} written to the files
   * but not read yet.
   */
  public record FollowStatus(IngestSummary read, long written, long quarantined, long lagRecords, long bytesBehind,
      java.time.Duration elapsed) {
    public long deadLettered() {
      return read.unparsed();
    }

    public long in() {
      return written + quarantined + deadLettered();
    }
  }

  /**
   * {@code mesh product run <domain>/<product> --from ...} without {@code --once}: publishes the contract when that
   * version is not in the catalog yet, then polls {@code follower} every {@code pollEvery}, producing what it read,
   * while the product's pipeline commits it (this run's own, or the supervised one when that holds the product's
   * lock); {@code status} is told every 2 s. Returns after the stop handed to {@code onStart} is called, once a last
   * poll is produced and committed and the derived tables are refreshed.
   */
  public Result follow(String name, org.dnsmesh.productkit.source.LogFollower follower, java.time.Duration pollEvery,
      Consumer<FollowStatus> status, Consumer<Runnable> onStart) throws IOException {
    DemoProduct product = product(name);
    String domain = product.domain();
    ProductPublisher.Result published = new ProductPublisher(new CatalogRegistryClient(catalog,
        publisherToken.apply(domain))).publish(product.contractFile(home), product.derivedTables(), List.of(),
        ProductPublisher.RegisteredPorts.KEEP);
    progress.accept("  " + domain + "." + published.registration().name() + " " + published.registration().version()
        + ": contract " + published.outcome().name().toLowerCase(Locale.ROOT));
    CatalogConnection connection = new CatalogConnection(catalog, () -> publisherToken.apply(domain));
    KafkaClientConfig domainKafka = kafka.apply(domain);
    ProductTopics.ensure(domainKafka, product.contract().topic(), TOPIC_READY_TIMEOUT);
    KafkaProductRun run = new KafkaProductRun(product.contract(), product.transform().get(), keys(domain),
        domainKafka).reportingTo(connection);
    FollowRun follow = new FollowRun(product, follower, pollEvery, java.time.Duration.ofSeconds(60), status,
        progress);
    onStart.accept(follow::requestStop);
    return follow.run(published, connection, run, pipelineLocks);
  }

  /** What a backfill did: the replay's counts and the derived tables' row counts after their refresh. */
  public record BackfillResult(String table, org.dnsmesh.productkit.pipeline.BackfillSummary summary,
      long rowsInTable, Map<String, Long> derivedRows) {}

  /**
   * {@code mesh product backfill}: replays {@code from} through the product's own ingest (normalise, capture copies,
   * transform, exclusions, privacy, encode) and validation into its table, replacing exactly the rows of
   * {@code [start, end)} in one commit (an Iceberg overwrite by row filter; the range must be aligned with the table's
   * time partitions): running it twice gives the same table, and a range the files have no events for is emptied. Contract failures go to the quarantine table, lines that are not DNS records to the dead-letter
   * topic. The commit carries no Kafka offsets, so the live pipeline's resume point is unchanged; the derived tables
   * are then refreshed for the replaced days.
   */
  public BackfillResult backfill(String name, DnsEventSource from, java.time.Instant start, java.time.Instant end)
      throws IOException {
    DemoProduct product = product(name);
    String domain = product.domain();
    CatalogConnection connection = new CatalogConnection(catalog, () -> publisherToken.apply(domain));
    KafkaClientConfig domainKafka = kafka.apply(domain);
    org.dnsmesh.products.support.ProductContract contract = product.contract();
    org.dnsmesh.products.support.ProductIngest ingest =
        new org.dnsmesh.products.support.ProductIngest(contract, product.transform().get(), keys(domain));
    org.dnsmesh.productkit.pipeline.PipelineConfig config = org.dnsmesh.productkit.pipeline.PipelineConfig.of(
        contract.productName(), contract.version(), contract.table(), contract.layout());
    try (RESTCatalog iceberg = connection.icebergCatalog(domain);
        org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher letters =
            new org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher(domainKafka, contract.topic().deadLetter())) {
      org.dnsmesh.productkit.pipeline.BackfillSummary summary = new org.dnsmesh.productkit.pipeline.Backfill(config,
          iceberg, ingest.codec(), contract.validator())
          .replay(sink -> ingest.ingest(from, org.dnsmesh.productkit.normalize.CaptureDuplicateFilter.oneMillisecond(),
              sink, letters), start, end);
      Table table = iceberg.loadTable(contract.table());
      Map<String, Long> derived = refreshDerived(product, iceberg, connection, table);
      return new BackfillResult(domain + "." + contract.table(), summary, totalRecords(table), derived);
    }
  }

  /** Rows in the product's table and its quarantine table (0 when they do not exist yet). */
  static long[] committedRows(Catalog iceberg, DemoProduct product) {
    TableIdentifier raw = product.contract().table();
    TableIdentifier quarantine = TableIdentifier.of(raw.namespace(), raw.name() + "_quarantine");
    return new long[] {iceberg.tableExists(raw) ? totalRecords(iceberg.loadTable(raw)) : 0,
        iceberg.tableExists(quarantine) ? totalRecords(iceberg.loadTable(quarantine)) : 0};
  }

  /** How long the running pipeline may go without committing anything before a run gives up waiting for it. */
  static final java.time.Duration STALLED = java.time.Duration.ofMinutes(5);

  /**
   * Waits until the product's running pipeline has committed {@code expected} more records than {@code before}
   * (table + quarantine table); the counts are those table deltas.
   */
  static RunSummary awaitCommitted(Catalog iceberg, DemoProduct product, long[] before, long expected,
      ProgressListener listener) {
    long started = System.nanoTime();
    long lastChange = started;
    long lastIn = -1;
    while (true) {
      long[] now = committedRows(iceberg, product);
      long written = now[0] - before[0];
      long quarantined = now[1] - before[1];
      long in = written + quarantined;
      RunSummary soFar = new RunSummary(UUID.randomUUID(), in, written, quarantined, 0, 0,
          Math.max(0, expected - in), java.time.Duration.ofNanos(System.nanoTime() - started));
      if (in != lastIn) {
        lastIn = in;
        lastChange = System.nanoTime();
        listener.progress(soFar);
      }
      if (in >= expected) {
        listener.finished(soFar);
        return soFar;
      }
      if (System.nanoTime() - lastChange > STALLED.toNanos()) {
        throw new IllegalStateException("the running pipeline of " + product.domain() + "/"
            + product.contract().productName() + " committed nothing for " + STALLED.toMinutes() + " min with "
            + (expected - in) + " of the produced events still to commit: see ./mesh status and its log");
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the pipeline", e);
      }
    }
  }

  private static DemoProduct product(String name) {
    return DemoProduct.all().stream()
        .filter(p -> (p.domain() + "/" + p.contract().productName()).equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no product '" + name + "' in this checkout; known: "
            + String.join(", ", products())));
  }

  /**
   * @param from what to produce; null: the product's own source, and only into an empty topic (the demo: a second
   *     {@code mesh up} adds nothing)
   */
  private Result run(DemoProduct product, DomainKeyRing keys, DnsEventSource from, ProgressListener pipelineProgress,
      int batchRecords) throws IOException {
    String domain = product.domain();
    String token = publisherToken.apply(domain);
    ProductPublisher.Result published = new ProductPublisher(new CatalogRegistryClient(catalog, token))
        .publish(product.contractFile(home), product.derivedTables(), List.of(), ProductPublisher.RegisteredPorts.KEEP);
    progress.accept("  " + domain + "." + published.registration().name() + " " + published.registration().version()
        + ": contract " + published.outcome().name().toLowerCase(Locale.ROOT));

    CatalogConnection connection = new CatalogConnection(catalog, () -> publisherToken.apply(domain));
    KafkaClientConfig domainKafka = kafka.apply(domain);
    KafkaProductRun run = new KafkaProductRun(product.contract(), product.transform().get(), keys,
        domainKafka).reportingTo(connection);
    TopicName topic = product.contract().topic();
    long produced = 0;
    IngestSummary ingest = null;
    long onTopic = ProductTopics.ensure(domainKafka, topic, TOPIC_READY_TIMEOUT);
    try (RESTCatalog iceberg = connection.icebergCatalog(domain);
        PipelineLock lock = PipelineLock.tryAcquire(pipelineLocks, domain + "/" + product.contract().productName())) {
      long[] before = lock.held() ? null : committedRows(iceberg, product);
      if (from != null || onTopic == 0) {
        ingest = run.produce(from != null ? from : product.source().open(home));
        produced = ingest.published();
      }
      RunSummary summary;
      if (lock.held()) {
        summary = run.consume(iceberg, batchRecords, pipelineProgress);
      } else {
        progress.accept("  " + domain + "." + product.contract().productName() + ": its pipeline runs (mesh status);"
            + " waiting for it to commit the " + (ingest == null ? 0 : ingest.published() + ingest.rejected())
            + " events produced");
        summary = awaitCommitted(iceberg, product, before,
            ingest == null ? 0 : ingest.published() + ingest.rejected(), pipelineProgress);
      }
      Table table = iceberg.loadTable(product.contract().table());
      Map<String, Long> derived = refreshDerived(product, iceberg, connection, table);
      return new Result(domain, published.registration().name(), published.registration().version(),
          published.outcome(), produced, summary, domain + "." + product.contract().table(), totalRecords(table),
          derived, ingest);
    }
  }

  static long totalRecords(Table table) {
    return table.currentSnapshot() == null ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }

  /** The raw snapshot a derived table was last computed from; null when never (or by a release that did not say). */
  private static Long derivedFrom(Table derived) {
    String source = derived.currentSnapshot() == null ? null : derived.currentSnapshot().summary().get(DERIVED_FROM);
    try {
      return source == null || "none".equals(source) ? null : Long.valueOf(source);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Brings every derived table up to date with the raw table, incrementally: each table records the raw snapshot it
   * was computed from, {@link RawChanges} gives the UTC days changed since (Iceberg incremental append scan), and
   * only those days' raw rows are read and their derived rows replaced. A missing derived table, or one whose
   * source snapshot is gone, is computed from the whole raw table. One lineage run raw table -> derived tables when
   * anything changed. Returns the row count of each derived table.
   */
  static Map<String, Long> refreshDerived(DemoProduct product, Catalog iceberg, CatalogConnection connection, Table raw) {
    raw.refresh();
    String domain = product.domain();
    String source = raw.currentSnapshot() == null ? "none" : Long.toString(raw.currentSnapshot().snapshotId());
    Map<DerivedTable<?>, RawChanges> changes = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (DerivedTable<?> derived : product.derived()) {
      TableIdentifier id = TableIdentifier.of(domain, derived.table());
      if (!iceberg.tableExists(id)) {
        changes.put(derived, RawChanges.all());
        continue;
      }
      Table table = iceberg.loadTable(id);
      RawChanges change = RawChanges.since(raw, derivedFrom(table));
      if (change.isEmpty()) {
        rows.put(domain + "." + derived.table(), totalRecords(table));
      } else {
        changes.put(derived, change);
      }
    }
    rows.putAll(refreshMerged(product, iceberg, connection, raw));
    if (changes.isEmpty()) {
      return ordered(product, rows);
    }
    UUID runId = UUID.randomUUID();
    LineageRun lineage = new LineageRun(runId, domain, product.contract().productName() + ".derived",
        List.of(dataset(domain, product.contract().table().toString(), raw.schema())),
        changes.keySet().stream()
            .map(d -> dataset(domain, domain + "." + d.table(), DerivedTables.schemaOf(d.type()))).toList());
    Map<String, String> summary = Map.of(CommitProperties.PRODUCT, product.contract().productName(),
        CommitProperties.CONTRACT_VERSION, product.contract().version(),
        CommitProperties.LINEAGE_RUN_ID, runId.toString(), DERIVED_FROM, source);
    Map<RawChanges, List<Row>> read = new HashMap<>();
    Map<String, Long> written = new LinkedHashMap<>();
    try (OpenLineageEmitter emitter = connection == null ? null : connection.lineageEmitter()) {
      if (emitter != null) {
        emitter.start(lineage);
      }
      try {
        for (Map.Entry<DerivedTable<?>, RawChanges> entry : changes.entrySet()) {
          List<Row> input = read.computeIfAbsent(entry.getValue(), change -> {
            try {
              return change.rows(raw);
            } catch (IOException e) {
              throw new UncheckedIOException("reading " + raw.name() + ": " + e.getMessage(), e);
            }
          });
          written.put(domain + "." + entry.getKey().table(),
              entry.getKey().refresh(iceberg, domain, entry.getValue(), input, summary));
        }
      } catch (RuntimeException e) {
        if (emitter != null) {
          emitter.fail(lineage, e);
        }
        throw e;
      }
      if (emitter != null) {
        emitter.complete(lineage, written);
      }
    }
    rows.putAll(written);
    return ordered(product, rows);
  }

  /** Row counts in the product's order: derived tables, then merged tables. */
  private static Map<String, Long> ordered(DemoProduct product, Map<String, Long> rows) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    product.derivedTables().forEach(t -> ordered.put(t, rows.get(t)));
    return ordered;
  }

  /**
   * Brings the product's merged tables (the rrset history) up to date: each merges the raw rows appended since the
   * raw snapshot its last commit names, exactly once; one lineage run raw table -> merged table when it changed.
   */
  private static Map<String, Long> refreshMerged(DemoProduct product, Catalog iceberg, CatalogConnection connection,
      Table raw) {
    String domain = product.domain();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (MergedTable merged : product.merged()) {
      String name = domain + "." + merged.table();
      if (merged.upToDate(iceberg, raw)) {
        rows.put(name, merged.rows(iceberg));
        continue;
      }
      UUID runId = UUID.randomUUID();
      LineageRun lineage = new LineageRun(runId, domain, product.contract().productName() + ".derived",
          List.of(dataset(domain, product.contract().table().toString(), raw.schema())),
          List.of(dataset(domain, name, merged.schema())));
      Map<String, String> summary = Map.of(CommitProperties.PRODUCT, product.contract().productName(),
          CommitProperties.CONTRACT_VERSION, product.contract().version(),
          CommitProperties.LINEAGE_RUN_ID, runId.toString());
      try (OpenLineageEmitter emitter = connection == null ? null : connection.lineageEmitter()) {
        if (emitter != null) {
          emitter.start(lineage);
        }
        long count;
        try {
          count = merged.refresh(iceberg, raw, summary).rows();
          count = merged.rows(iceberg);
        } catch (RuntimeException e) {
          if (emitter != null) {
            emitter.fail(lineage, e);
          }
          throw e;
        }
        if (emitter != null) {
          emitter.complete(lineage, Map.of(name, count));
        }
        rows.put(name, count);
      }
    }
    return rows;
  }

  /** A lineage dataset with the table's columns (the schema facet). */
  private static LineageDataset dataset(String namespace, String name, org.apache.iceberg.Schema schema) {
    return new LineageDataset(namespace, name, schema.columns().stream()
        .map(c -> new LineageDataset.Column(c.name(), c.type().toString(), c.doc())).toList());
  }

  /** The demo's pseudonymisation keys, one random 256-bit key per domain, kept beside the mesh's other secrets. */
  private DomainKeyRing keys(String domain) throws IOException {
    Properties properties = new Properties();
    if (Files.exists(keyFile)) {
      try (Reader reader = Files.newBufferedReader(keyFile)) {
        properties.load(reader);
      }
    }
    String current = "pseudonym." + domain + ".current";
    if (properties.getProperty(current) == null) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      properties.setProperty(current, "demo1");
      properties.setProperty("pseudonym." + domain + ".key.demo1", Base64.getEncoder().encodeToString(secret));
      Files.createDirectories(keyFile.getParent());
      try (Writer writer = Files.newBufferedWriter(keyFile)) {
        properties.store(writer, "Pseudonymisation keys of the demo products (written by mesh up; keep private)");
      }
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // non-POSIX file system
      }
    }
    return DomainKeyRing.fromProperties(domain, properties);
  }
}
