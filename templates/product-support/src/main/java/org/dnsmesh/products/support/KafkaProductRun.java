package org.dnsmesh.products.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.lineage.OpenLineageEmitter;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pipeline.ConsoleProgress;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.PipelineConfig;
import org.dnsmesh.productkit.pipeline.ProductPipeline;
import org.dnsmesh.productkit.pipeline.ProgressListener;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.KafkaClientConfig;
import org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;
import org.dnsmesh.productkit.transport.TopicName;

/**
 * Runs one product against a Kafka broker and a catalog: produce (source -> contract ingest -> topic), then the
 * kit's pipeline (topic -> validate against the contract -> product table / quarantine table + dead-letter topic).
 * What products' end-to-end tests and local runs call.
 */
public final class KafkaProductRun {

  private final ProductContract contract;
  private final EventTransform transform;
  private final DomainKeyRing keys;
  private final KafkaClientConfig kafka;
  private final Optional<CatalogConnection> catalogService;

  /** @param kafka the broker and the credentials of a principal that may write the product's domain topics */
  public KafkaProductRun(ProductContract contract, EventTransform transform, DomainKeyRing keys,
      KafkaClientConfig kafka) {
    this(contract, transform, keys, kafka, Optional.empty());
  }

  private KafkaProductRun(ProductContract contract, EventTransform transform, DomainKeyRing keys,
      KafkaClientConfig kafka, Optional<CatalogConnection> catalogService) {
    this.contract = Objects.requireNonNull(contract, "contract");
    this.transform = Objects.requireNonNull(transform, "transform");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.catalogService = Objects.requireNonNull(catalogService, "catalogService");
  }

  /**
   * The same run reporting to the catalog service: every {@link #consume} emits OpenLineage START / COMPLETE / FAIL
   * to its {@code /api/v1/lineage} (topic -> {@code <domain>.<product>.pipeline} -> tables, with schema and row
   * counts), and writer schemas that are not the contract's own are resolved by fingerprint from its registry.
   */
  public KafkaProductRun reportingTo(CatalogConnection catalog) {
    return new KafkaProductRun(contract, transform, keys, kafka, Optional.of(catalog));
  }

  /**
   * One request in flight per connection: products produce right after creating their topics, and with several in
   * flight a first request refused while the broker is still creating the partition is retried forever with
   * OUT_OF_ORDER_SEQUENCE_NUMBER once a later one landed (KAFKA-15591 / KAFKA-14359), until the delivery timeout
   * drops it. Seen here under load; the cost is throughput the bounded product runs do not need.
   */
  static final Map<String, Object> PRODUCER_CONFIG = Map.of("max.in.flight.requests.per.connection", 1);

  public IngestSummary produce(DnsEventSource source) throws IOException {
    TopicName topic = contract.topic();
    try (KafkaEventPublisher events = new KafkaEventPublisher(kafka, topic, PRODUCER_CONFIG);
        KafkaDeadLetterPublisher letters = new KafkaDeadLetterPublisher(kafka, topic.deadLetter())) {
      return new ProductIngest(contract, transform, keys).ingest(source, CaptureDuplicateFilter.oneMillisecond(),
          events, letters);
    }
  }

  /**
   * A producer kept open across batches, for a follower that produces what each poll of its files read: one
   * connection and one capture-copy filter for the whole run (a copy split across two polls is still dropped).
   */
  public Producer producer() {
    return new Producer();
  }

  /** See {@link #producer()}. Each {@link #produce} flushes before it returns: what it counted is on the broker. */
  public final class Producer implements AutoCloseable {
    private final KafkaEventPublisher events = new KafkaEventPublisher(kafka, contract.topic(), PRODUCER_CONFIG);
    private final KafkaDeadLetterPublisher letters = new KafkaDeadLetterPublisher(kafka, contract.topic().deadLetter());
    private final ProductIngest ingest = new ProductIngest(contract, transform, keys);
    private final CaptureDuplicateFilter duplicates = CaptureDuplicateFilter.oneMillisecond();

    private Producer() {}

    public IngestSummary produce(DnsEventSource source) throws IOException {
      return ingest.ingest(source, duplicates, events, letters);
    }

    @Override
    public void close() {
      try (KafkaEventPublisher e = events; KafkaDeadLetterPublisher l = letters) {
        // both closed, the second even when the first fails
      }
    }
  }

  /** Consumes the topic from the offsets stored in the table until caught up; {@code in = written + quarantined + skipped}. */
  public RunSummary consume(Catalog catalog, int batchRecords) {
    return consume(catalog, batchRecords, new ConsoleProgress(System.out, contract.productName(), Duration.ofSeconds(10)));
  }

  /** {@link #consume(Catalog, int)}, telling {@code progress} after every commit and at the end. */
  public RunSummary consume(Catalog catalog, int batchRecords, ProgressListener progress) {
    return consume(catalog, batchRecords, progress, RunUntil.CAUGHT_UP, stop -> {});
  }

  /**
   * Consumes the topic from the offsets stored in the table, committing every {@code batchRecords} records or 10 s
   * while records flow; with {@link RunUntil#STOPPED} it runs until the {@code stop} handed to {@code onStart} is
   * called (then it commits what it has and returns): a continuous product.
   */
  public RunSummary consume(Catalog catalog, int batchRecords, ProgressListener progress, RunUntil until,
      java.util.function.Consumer<Runnable> onStart) {
    TopicName topic = contract.topic();
    PipelineConfig config = PipelineConfig.of(contract.productName(), contract.version(), contract.table(),
        contract.layout()).withBatchRecords(batchRecords);
    AvroEventCodec codec = catalogService
        .map(service -> AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver().orElse(service.schemaResolver())))
        .orElseGet(() -> ProductIngest.codec(contract));
    OpenLineageEmitter emitter = catalogService.map(CatalogConnection::lineageEmitter).orElse(null);
    try (KafkaRecordSource source = new KafkaRecordSource(kafka, topic, Map.of());
        KafkaDeadLetterPublisher letters = new KafkaDeadLetterPublisher(kafka, topic.deadLetter())) {
      // Lineage names follow the catalog's convention: job and table datasets in the domain's namespace.
      ProductPipeline pipeline = new ProductPipeline(config, catalog, codec, contract.validator(), letters,
          emitter == null ? LineageEmitter.none() : emitter, progress, contract.domain());
      onStart.accept(pipeline::requestStop);
      return pipeline.run(source, until);
    } finally {
      if (emitter != null) {
        emitter.close();
      }
    }
  }

  /** Every row of {@code table} as {@link Row}s (timestamps as {@link java.time.OffsetDateTime}). */
  public static List<Row> rows(Table table) throws IOException {
    table.refresh();
    List<Row> rows = new ArrayList<>();
    List<Types.NestedField> columns = table.schema().columns();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      for (Record record : records) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Types.NestedField column : columns) {
          values.put(column.name(), record.getField(column.name()));
        }
        rows.add(new Row(values));
      }
    }
    return rows;
  }
}
