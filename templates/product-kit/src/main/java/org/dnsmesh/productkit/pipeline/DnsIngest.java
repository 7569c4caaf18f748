package org.dnsmesh.productkit.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.ContractRejects;
import org.dnsmesh.productkit.transport.EventRecordBuilder;
import org.dnsmesh.productkit.transport.EventSink;

/**
 * The producing half of a product: source -> normalise -> drop capture duplicates -> pseudonymise -> Avro
 * single-object encoding -> event sink (Kafka topic), keyed by the normalised query name. Lines the source cannot
 * parse (or decode: not UTF-8) go to the dead-letter sink with the reason, file, line and original bytes. Events
 * that cannot be encoded as the contract's record (a required field unset) go into the event stream as rejects
 * ({@link EventSink#reject}), which the pipeline quarantines, so the quarantine table sees them.
 */
public final class DnsIngest {

  private final DnsNormalizer normalizer;
  private final PrivacyPolicy privacy;
  private final AvroEventCodec codec;
  private final EventSink events;
  private final DeadLetterSink deadLetters;

  public DnsIngest(DnsNormalizer normalizer, PrivacyPolicy privacy, AvroEventCodec codec, EventSink events,
      DeadLetterSink deadLetters) {
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.events = Objects.requireNonNull(events, "events");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
  }

  public IngestSummary ingest(DnsEventSource source, CaptureDuplicateFilter duplicates) throws IOException {
    EventRecordBuilder records = new EventRecordBuilder(codec.writeSchema(), privacy);
    long[] counts = new long[4]; // published, duplicates, unparsed, rejected
    source.readAll(new DnsEventSource.Sink() {
      @Override
      public void event(RawDnsEvent raw) {
        DnsEvent event;
        try {
          DnsNormalizer.Normalized normalized = normalizer.normalizeWithKey(raw);
          event = normalized.event();
          if (duplicates.isDuplicate(normalized.transactionKey(), event.eventTs())) {
            counts[1]++;
            return;
          }
        } catch (RuntimeException e) {
          reject(raw, "cannot normalise: " + e.getMessage());
          return;
        }
        GenericRecord record = null;
        byte[] bytes;
        try {
          record = records.build(event); // = AvroRows.toRecord(schema, privacy.apply(row)), no maps
          bytes = codec.encode(record);
        } catch (RuntimeException e) {
          reject(raw, ContractRejects.reason(codec.writeSchema(), record, e));
          return;
        }
        events.send(event.queryName() == null ? "" : event.queryName(), bytes);
        counts[0]++;
      }

      /** Into the stream as a reject: the pipeline quarantines it (table + dead letter) in order with the events. */
      private void reject(RawDnsEvent raw, String reason) {
        counts[3]++;
        events.reject(raw.position().toString(), raw.original().getBytes(StandardCharsets.UTF_8), reason);
      }

      @Override
      public void unparsed(UnparsedRecord record) {
        counts[2]++;
        deadLetters.send(new DeadLetter(record.position().source(), -1, record.position().line(), record.reason(),
            record.originalBytes()));
      }
    });
    events.flush();
    deadLetters.flush();
    long read = counts[0] + counts[1] + counts[2] + counts[3];
    return new IngestSummary(read, counts[0], counts[1], counts[2], counts[3]);
  }
}
