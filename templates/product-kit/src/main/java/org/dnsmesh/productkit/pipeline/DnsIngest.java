package org.dnsmesh.productkit.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.dnsmesh.productkit.normalize.CaptureDuplicateFilter;
import org.dnsmesh.productkit.normalize.DnsEvent;
import org.dnsmesh.productkit.normalize.DnsNormalizer;
import org.dnsmesh.productkit.pseudonymize.PrivacyPolicy;
import org.dnsmesh.productkit.source.DnsEventSource;
import org.dnsmesh.productkit.source.RawDnsEvent;
import org.dnsmesh.productkit.source.UnparsedRecord;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.EventRecordBuilder;
import org.dnsmesh.productkit.transport.EventSink;

/**
 * The producing half of a product: source -> normalise -> drop capture duplicates -> pseudonymise -> Avro
 * single-object encoding -> event sink (Kafka topic), keyed by the normalised query name. Lines the source cannot
 * parse and events that cannot be encoded go to the dead-letter sink with the reason and original bytes.
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
        byte[] bytes;
        try {
          DnsNormalizer.Normalized normalized = normalizer.normalizeWithKey(raw);
          event = normalized.event();
          if (duplicates.isDuplicate(normalized.transactionKey(), event.eventTs())) {
            counts[1]++;
            return;
          }
          bytes = codec.encode(records.build(event)); // = AvroRows.toRecord(schema, privacy.apply(row)), no maps
        } catch (RuntimeException e) {
          counts[3]++;
          deadLetters.send(new DeadLetter(raw.position().source(), -1, raw.position().line(),
              "cannot encode: " + e.getMessage(), raw.original().getBytes(StandardCharsets.UTF_8)));
          return;
        }
        events.send(event.queryName() == null ? "" : event.queryName(), bytes);
        counts[0]++;
      }

      @Override
      public void unparsed(UnparsedRecord record) {
        counts[2]++;
        deadLetters.send(new DeadLetter(record.position().source(), -1, record.position().line(), record.reason(),
            record.original().getBytes(StandardCharsets.UTF_8)));
      }
    });
    events.flush();
    deadLetters.flush();
    long read = counts[0] + counts[1] + counts[2] + counts[3];
    return new IngestSummary(read, counts[0], counts[1], counts[2], counts[3]);
  }
}
