package org.dnsmesh.products.security;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Raw topic record -> {@link Canonical}: the canonical event keyed by its domain and stamped with its event time,
 * or the raw bytes with the reason in the {@value #REJECT_HEADER} header (what the product kit's dead letters carry).
 */
final class CanonicalizeProcessor implements Processor<byte[], byte[], String, Canonical> {
  static final String REJECT_HEADER = org.dnsmesh.productkit.transport.KafkaEventPublisher.REJECT_HEADER;

  /** Events dated after their receipt by more than this are refused (clock error or forgery). */
  static final long MAX_AHEAD_MILLIS = 5 * 60_000L;

  private final Canonicalizer canonicalizer;
  private ProcessorContext<String, Canonical> context;

  CanonicalizeProcessor(Canonicalizer canonicalizer) {
    this.canonicalizer = canonicalizer;
  }

  @Override
  public void init(ProcessorContext<String, Canonical> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Header source = record.headers().lastHeader(SourceSystem.HEADER);
    String system = source == null ? null : new String(source.value(), StandardCharsets.UTF_8);
    try {
      if (record.value() == null) {
        throw new RejectedRecordException("empty record");
      }
      ChangeEvent event = canonicalizer.canonical(system, record.value());
      if (event.eventTs().toEpochMilli() > record.timestamp() + MAX_AHEAD_MILLIS) {
        throw new RejectedRecordException("event_ts " + event.eventTs() + " is more than 5 minutes after receipt");
      }
      context.forward(new Record<>(event.domain(), new Canonical(event, null, null), event.eventTs().toEpochMilli(),
          new RecordHeaders()));
    } catch (RejectedRecordException e) {
      RecordHeaders headers = new RecordHeaders(record.headers().toArray());
      headers.add(REJECT_HEADER, e.getMessage().getBytes(StandardCharsets.UTF_8));
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      context.forward(new Record<>(key, new Canonical(null, e.getMessage(), record.value()), record.timestamp(),
          headers));
    }
  }
}
