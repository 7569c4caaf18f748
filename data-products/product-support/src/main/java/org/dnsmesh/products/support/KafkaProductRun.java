package org.dnsmesh.products.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.dnsmesh.productkit.lineage.LineageEmitter;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.pipeline.ConsoleProgress;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pipeline.PipelineConfig;
import org.dnsmesh.productkit.pipeline.ProductPipeline;
import org.dnsmesh.productkit.pipeline.RunSummary;
import org.dnsmesh.productkit.pipeline.RunUntil;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.transport.KafkaDeadLetterPublisher;
import org.dnsmesh.productkit.transport.KafkaEventPublisher;
import org.dnsmesh.productkit.transport.KafkaRecordSource;
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
  private final String bootstrapServers;

  public KafkaProductRun(ProductContract contract, EventTransform transform, DomainKeyRing keys,
      String bootstrapServers) {
    this.contract = Objects.requireNonNull(contract, "contract");
    this.transform = Objects.requireNonNull(transform, "transform");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
  }

  public IngestSummary produce(DnsEventSource source) throws IOException {
    TopicName topic = contract.topic();
    try (KafkaEventPublisher events = new KafkaEventPublisher(bootstrapServers, topic, Map.of());
        KafkaDeadLetterPublisher letters = new KafkaDeadLetterPublisher(bootstrapServers, topic.deadLetter())) {
      return new ProductIngest(contract, transform, keys).ingest(source, CaptureDuplicateFilter.oneMillisecond(),
          events, letters);
    }
  }

  /** Consumes the topic from the offsets stored in the table until caught up; {@code in = written + quarantined + skipped}. */
  public RunSummary consume(Catalog catalog, int batchRecords) {
    TopicName topic = contract.topic();
    PipelineConfig config = PipelineConfig.of(contract.productName(), contract.version(), contract.table(),
        contract.layout()).withBatchRecords(batchRecords);
    try (KafkaRecordSource source = new KafkaRecordSource(bootstrapServers, topic, Map.of());
        KafkaDeadLetterPublisher letters = new KafkaDeadLetterPublisher(bootstrapServers, topic.deadLetter())) {
      ProductPipeline pipeline = new ProductPipeline(config, catalog, ProductIngest.codec(contract),
          contract.validator(), letters, LineageEmitter.none(),
          new ConsoleProgress(System.out, contract.productName(), Duration.ofSeconds(10)),
          "iceberg://" + contract.domain());
      return pipeline.run(source, RunUntil.CAUGHT_UP);
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
