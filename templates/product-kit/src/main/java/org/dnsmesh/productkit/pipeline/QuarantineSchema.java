package org.dnsmesh.productkit.pipeline;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.dnsmesh.productkit.write.TableLayout;

/** The quarantine table: every rejected record with where it came from, why, and its bytes exactly as received. */
public final class QuarantineSchema {

  public static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "received_ts", Types.TimestampType.withZone()),
      Types.NestedField.required(2, "source_topic", Types.StringType.get()),
      Types.NestedField.required(3, "source_partition", Types.IntegerType.get()),
      Types.NestedField.required(4, "source_offset", Types.LongType.get()),
      Types.NestedField.optional(5, "record_key", Types.StringType.get()),
      Types.NestedField.optional(6, "event_id", Types.StringType.get()),
      Types.NestedField.required(7, "reason", Types.StringType.get()),
      Types.NestedField.required(8, "original", Types.BinaryType.get()),
      Types.NestedField.required(9, "contract_version", Types.StringType.get()),
      Types.NestedField.required(10, "run_id", Types.StringType.get()));

  public static final TableLayout LAYOUT = new TableLayout(List.of("day(received_ts)"), List.of());

  private QuarantineSchema() {}

  static Record record(InputRecord input, String eventId, String reason, String contractVersion, String runId,
      OffsetDateTime receivedAt) {
    Record record = GenericRecord.create(SCHEMA);
    record.set(0, receivedAt);
    record.set(1, input.topic());
    record.set(2, input.partition());
    record.set(3, input.offset());
    record.set(4, input.key());
    record.set(5, eventId);
    record.set(6, reason);
    record.set(7, ByteBuffer.wrap(input.value()));
    record.set(8, contractVersion);
    record.set(9, runId);
    return record;
  }
}
