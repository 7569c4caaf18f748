package org.dnsmesh.products.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsEventRows;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.normalize.LocalNameTraffic;
import org.dnsmesh.productkit.normalize.UnicodeNames;
import org.dnsmesh.productkit.pipeline.DeadLetter;
import org.dnsmesh.productkit.pipeline.DeadLetterSink;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.productkit.pseudonymize.DomainKeyRing;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.pseudonymize.Pseudonymizer;
import org.dnsmesh.productkit.sample.StratifiedSampler;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.AvroRows;
import org.dnsmesh.productkit.transport.ContractRejects;
import org.dnsmesh.productkit.transport.EventSink;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;

/**
 * The producing half of a product, driven by its contract: source -> normalise -> drop capture duplicates ->
 * product transform -> privacy treatments from the contract -> Avro (schema from the contract) -> sink, keyed by
 * the normalised query name. Same shape as the kit's {@code DnsIngest}, plus the product's {@link EventTransform}
 * (the kit's class has no hook for product columns) and the contract's stratified sample, if it declares one (the
 * decision is taken on the published row, after privacy treatments, so it is the same on every replay). Every event
 * read is counted in the {@link IngestSummary}.
 */
public final class ProductIngest {

  private final DnsNormalizer normalizer;
  private final EventTransform transform;
  private final PrivacyPolicy privacy;
  private final AvroEventCodec codec;
  private final Set<LocalNameTraffic> excluded;
  private final java.util.Optional<StratifiedSampler> sampler;

  public ProductIngest(ProductContract contract, EventTransform transform, DomainKeyRing keys) {
    this.normalizer = new DnsNormalizer(UnicodeNames.DROP);
    this.transform = Objects.requireNonNull(transform, "transform");
    this.privacy = new PrivacyPolicy(contract.treatments(), new Pseudonymizer(keys));
    this.codec = codec(contract);
    this.excluded = contract.excludedTraffic();
    this.sampler = contract.sampler();
  }

  /** The codec products write and read with: the contract's Avro schema, local fingerprint resolution. */
  public static AvroEventCodec codec(ProductContract contract) {
    return AvroEventCodec.of(contract.avroSchema(), new LocalSchemaResolver());
  }

  public AvroEventCodec codec() {
    return codec;
  }

  /** The row the product would publish for {@code raw}, after transform and privacy treatments (for tests and derived tables). */
  public Map<String, Object> row(DnsEvent event) {
    return privacy.apply(transform.apply(event, DnsEventRows.toRow(event)));
  }

  /** Normalises, de-duplicates and transforms every event of {@code source} into published rows (no Kafka). */
  public IngestSummary rows(DnsEventSource source, CaptureDuplicateFilter duplicates, Consumer<Map<String, Object>> out)
      throws IOException {
    return run(source, duplicates, (key, event, row) -> out.accept(row), DeadLetterSink.none());
  }

  public IngestSummary ingest(DnsEventSource source, CaptureDuplicateFilter duplicates, EventSink events,
      DeadLetterSink deadLetters) throws IOException {
    IngestSummary summary = run(source, duplicates, new RowSink() {
      @Override
      public void accept(String key, DnsEvent event, Map<String, Object> row) {
        GenericRecord record = AvroRows.toRecord(codec.writeSchema(), row);
        events.send(key, codec.encode(record));
      }

      @Override
      public void reject(RawDnsEvent raw, String reason) {
        events.reject(raw.position().toString(), raw.original().getBytes(StandardCharsets.UTF_8), reason);
      }
    }, deadLetters);
    events.flush();
    deadLetters.flush();
    return summary;
  }

  /** Where published rows go; a record the contract's schema cannot hold goes to {@link #reject}. */
  private interface RowSink {
    void accept(String key, DnsEvent event, Map<String, Object> row);

    default void reject(RawDnsEvent raw, String reason) {}
  }

  /** Fields the contract's schema requires (not nullable, no default) that {@code row} leaves unset. */
  private List<String> unsetRequired(Map<String, Object> row) {
    List<String> unset = new ArrayList<>();
    for (Schema.Field field : codec.writeSchema().getFields()) {
      if (row.get(field.name()) == null && !field.schema().isNullable()
          && !(field.hasDefaultValue() && !row.containsKey(field.name()))) {
        unset.add(field.name());
      }
    }
    return unset;
  }

  private IngestSummary run(DnsEventSource source, CaptureDuplicateFilter duplicates, RowSink sink,
      DeadLetterSink deadLetters) throws IOException {
    long[] counts = new long[6]; // published, duplicates, unparsed, rejected, excluded, sampled out
    source.readAll(new DnsEventSource.Sink() {
      @Override
      public void event(RawDnsEvent raw) {
        if (!excluded.isEmpty() && excluded.contains(LocalNameTraffic.of(raw))) {
          counts[4]++;
          return;
        }
        DnsEvent event;
        Map<String, Object> row;
        try {
          DnsNormalizer.Normalized normalized = normalizer.normalizeWithKey(raw);
          event = normalized.event();
          if (duplicates.isDuplicate(normalized.transactionKey(), event.eventTs())) {
            counts[1]++;
            return;
          }
          row = row(event);
          if (sampler.isPresent()) {
            java.util.OptionalDouble rate = sampler.get().decide(row);
            if (rate.isEmpty()) {
              counts[5]++;
              return;
            }
            row.put(sampler.get().rateColumn(), rate.getAsDouble());
          }
        } catch (RuntimeException e) {
          counts[3]++;
          sink.reject(raw, "cannot normalise: " + e.getMessage());
          return;
        }
        List<String> unset = unsetRequired(row);
        if (!unset.isEmpty()) {
          counts[3]++;
          sink.reject(raw, "contract: " + String.join(": required but unset in the source; ", unset)
              + ": required but unset in the source");
          return;
        }
        try {
          sink.accept(event.queryName() == null ? "" : event.queryName(), event, row);
          counts[0]++;
        } catch (RuntimeException e) {
          counts[3]++;
          sink.reject(raw, ContractRejects.reason(codec.writeSchema(), null, e));
        }
      }

      @Override
      public void unparsed(UnparsedRecord record) {
        counts[2]++;
        deadLetters.send(new DeadLetter(record.position().source(), -1, record.position().line(), record.reason(),
            record.originalBytes()));
      }
    });
    long read = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
    return new IngestSummary(read, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
  }
}
