package org.dnsmesh.productkit.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;

/**
 * Avro single-object encoding (marker {@code C3 01}, 8-byte schema fingerprint, binary body). Writes with one
 * schema; reads any writer schema the {@link SchemaResolver} can find by fingerprint, projected onto the read
 * schema with Avro's schema resolution, so producers on an older compatible contract version still decode.
 */
public final class AvroEventCodec {

  private final Schema writeSchema;
  private final Schema readSchema;
  private final BinaryMessageEncoder<GenericRecord> encoder;
  private final BinaryMessageDecoder<GenericRecord> decoder;

  public AvroEventCodec(Schema writeSchema, Schema readSchema, SchemaResolver resolver) {
    this.writeSchema = Objects.requireNonNull(writeSchema, "writeSchema");
    this.readSchema = Objects.requireNonNull(readSchema, "readSchema");
    this.encoder = new BinaryMessageEncoder<>(GenericData.get(), writeSchema);
    this.decoder = new BinaryMessageDecoder<>(GenericData.get(), readSchema, new CachingStore(resolver));
    this.decoder.addSchema(writeSchema);
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
    return SchemaNormalization.parsingFingerprint64(writeSchema);
  }

  public byte[] encode(GenericRecord record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException("encoding to memory failed", e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("record does not fit schema " + writeSchema.getFullName() + ": "
          + e.getMessage(), e);
    }
  }

  public GenericRecord decode(byte[] bytes) throws UndecodableRecordException {
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new UndecodableRecordException("unknown writer schema: " + e.getMessage(), e);
    } catch (BadHeaderException e) {
      throw new UndecodableRecordException("not Avro single-object encoding: " + e.getMessage(), e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new UndecodableRecordException("corrupt Avro body: " + e, e);
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
