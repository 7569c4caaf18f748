package org.dnsmesh.productkit.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;

/**
 * Avro single-object encoding (marker {@code C3 01}, 8-byte schema fingerprint, binary body). Writes with one
 * schema; reads any writer schema the {@link SchemaResolver} can find by fingerprint, projected onto the read
 * schema with Avro's schema resolution, so producers on an older compatible contract version still decode.
 *
 * <p>Same bytes as Avro's {@link BinaryMessageEncoder}/{@link BinaryMessageDecoder}, but the hot path reads the
 * 10-byte header itself and decodes the body straight from the array with a reused buffered decoder (Avro's message
 * decoder reads through a synchronized {@code ByteArrayInputStream} one byte at a time), with one datum reader per
 * writer fingerprint. Flat event schemas are encoded, and decoded when written with the read schema, by
 * {@link DirectRecordCodec} (same bytes, same records). Thread-safe.
 */
public final class AvroEventCodec {

  private static final int HEADER_BYTES = 10;
  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();
  private static final ThreadLocal<Output> OUTPUTS = ThreadLocal.withInitial(Output::new);

  private final Schema writeSchema;
  private final Schema readSchema;
  private final long writeFingerprint;
  private final GenericDatumWriter<GenericRecord> datumWriter;
  private final CachingStore store;
  private final byte[] header;
  private final ConcurrentHashMap<Long, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();
  /** Plan-based encoding of the write schema, or null: Avro's generic writer. */
  private final DirectRecordCodec directWrite;
  /** Plan-based decoding of data written with the read schema itself, or null: Avro's generic reader. */
  private final DirectRecordCodec directRead;
  private final long readFingerprint;

  public AvroEventCodec(Schema writeSchema, Schema readSchema, SchemaResolver resolver) {
    this.writeSchema = Objects.requireNonNull(writeSchema, "writeSchema");
    this.readSchema = Objects.requireNonNull(readSchema, "readSchema");
    this.store = new CachingStore(resolver);
    this.writeFingerprint = SchemaNormalization.parsingFingerprint64(writeSchema);
    this.datumWriter = new GenericDatumWriter<>(writeSchema, GenericData.get());
    this.header = new byte[HEADER_BYTES];
    header[0] = MARKER_0;
    header[1] = MARKER_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (writeFingerprint >>> (8 * i)); // little-endian, as BinaryMessageEncoder writes it
    }
    readers.put(writeFingerprint, new GenericDatumReader<>(writeSchema, readSchema, GenericData.get()));
    this.readFingerprint = SchemaNormalization.parsingFingerprint64(readSchema);
    readers.put(readFingerprint, new GenericDatumReader<>(readSchema, readSchema, GenericData.get()));
    this.directWrite = DirectRecordCodec.forSchema(writeSchema);
    this.directRead = DirectRecordCodec.forSchema(readSchema);
  }

  /** A codec that writes and reads one schema (and resolves others through {@code resolver}). */
  public static AvroEventCodec of(Schema schema, SchemaResolver resolver) {
    return new AvroEventCodec(schema, schema, resolver);
  }

  public Schema writeSchema() {
    return writeSchema;
  }

  public Schema readSchema() {
    return readSchema;
  }

  public long writeFingerprint() {
    return writeFingerprint;
  }

  public byte[] encode(GenericRecord record) {
    Output out = OUTPUTS.get();
    out.reset();
    try {
      out.write(header);
      out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
      if (directWrite != null && record.getSchema() == writeSchema) {
        directWrite.write(record, out.encoder);
      } else {
        datumWriter.write(record, out.encoder);
      }
      out.encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      out.encoder = null;
      throw new IllegalStateException("encoding to memory failed", e);
    } catch (RuntimeException e) {
      // The buffered encoder still holds the failed record's partial body; reused, it would flush those bytes in
      // front of the next record's (reconfiguring flushes the old buffer into the same output). Drop it.
      out.encoder = null;
      throw new IllegalArgumentException("record does not fit schema " + writeSchema.getFullName() + ": "
          + e.getMessage(), e);
    }
  }

  public GenericRecord decode(byte[] bytes) throws UndecodableRecordException {
    return decode(bytes, null);
  }

  /**
   * Decodes into {@code reuse} when it is a record of the read schema (its fields, strings and arrays are
   * overwritten), else into a new record. Pass a record only while nothing else holds on to its values.
   */
  public GenericRecord decode(byte[] bytes, GenericRecord reuse) throws UndecodableRecordException {
    return decode(bytes, 0, bytes.length, reuse);
  }

  /** {@link #decode(byte[], GenericRecord)} of the {@code length} bytes at {@code offset} of {@code buffer}. */
  public GenericRecord decode(byte[] buffer, int offset, int length, GenericRecord reuse)
      throws UndecodableRecordException {
    if (length < HEADER_BYTES) {
      throw new UndecodableRecordException("not Avro single-object encoding: Not enough header bytes", null);
    }
    if (buffer[offset] != MARKER_0 || buffer[offset + 1] != MARKER_1) {
      throw new UndecodableRecordException("not Avro single-object encoding: " + String.format(
          "Unrecognized header bytes: 0x%02X 0x%02X", buffer[offset], buffer[offset + 1]), null);
    }
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (buffer[offset + i] & 0xFF);
    }
    if (directRead != null && fingerprint == readFingerprint) {
      try {
        BinaryDecoder body = body(buffer, offset, length);
        return directRead.read(reuse, body);
      } catch (IOException | RuntimeException e) {
        throw new UndecodableRecordException("corrupt Avro body: " + e, e);
      }
    }
    GenericDatumReader<GenericRecord> reader = reader(fingerprint);
    try {
      BinaryDecoder body = body(buffer, offset, length);
      GenericRecord into = reuse != null && reuse.getSchema() == readSchema ? reuse : null;
      return reader.read(into, body);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new UndecodableRecordException("corrupt Avro body: " + e, e);
    }
  }

  /** The body after the header, through this thread's reused decoder. */
  private static BinaryDecoder body(byte[] buffer, int offset, int length) {
    BinaryDecoder body = DecoderFactory.get().binaryDecoder(buffer, offset + HEADER_BYTES, length - HEADER_BYTES,
        DECODERS.get());
    DECODERS.set(body);
    return body;
  }

  private GenericDatumReader<GenericRecord> reader(long fingerprint) throws UndecodableRecordException {
    GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
    if (reader != null) {
      return reader;
    }
    Schema writer = store.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new UndecodableRecordException("unknown writer schema: Cannot resolve schema for fingerprint: "
          + fingerprint, null);
    }
    return readers.computeIfAbsent(fingerprint, fp -> new GenericDatumReader<>(writer, readSchema, GenericData.get()));
  }

  /** A reusable in-memory output with its encoder (one per thread). */
  private static final class Output extends ByteArrayOutputStream {
    BinaryEncoder encoder;

    Output() {
      super(512);
    }
  }

  /** Caches what the resolver finds (schemas are immutable per fingerprint); misses are asked again. */
  private static final class CachingStore implements SchemaStore {
    private final SchemaResolver resolver;
    private final ConcurrentHashMap<Long, Schema> cache = new ConcurrentHashMap<>();

    CachingStore(SchemaResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
      Schema cached = cache.get(fingerprint);
      if (cached != null) {
        return cached;
      }
      Schema found = resolver.resolve(fingerprint);
      if (found != null) {
        cache.put(fingerprint, found);
      }
      return found;
    }
  }
}
