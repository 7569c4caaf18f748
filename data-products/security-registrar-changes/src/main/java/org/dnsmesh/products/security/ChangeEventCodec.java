package org.dnsmesh.products.security;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.dnsmesh.productkit.transport.AvroEventCodec;
import org.dnsmesh.productkit.transport.AvroRows;
import org.dnsmesh.productkit.transport.LocalSchemaResolver;

/**
 * {@link ChangeEvent} in the canonical encoding: Avro single-object encoding (fingerprint header) with the schema
 * the contract derives. Also frames an {@link Enriched} event (Avro event + JSON asset) for the topology's
 * repartition topics. Thread-safe.
 */
public final class ChangeEventCodec {

  private final Schema schema;
  private final AvroEventCodec codec;

  public ChangeEventCodec(Schema schema) {
    this.schema = schema;
    this.codec = AvroEventCodec.of(schema, new LocalSchemaResolver().register(schema));
  }

  public static ChangeEventCodec forContract() {
    return new ChangeEventCodec(RegistrarChanges.contract().avroSchema());
  }

  public Schema schema() {
    return schema;
  }

  public byte[] encode(ChangeEvent event) {
    return codec.encode(AvroRows.toRecord(schema, event.toRow()));
  }

  public ChangeEvent decode(byte[] bytes) {
    try {
      GenericRecord record = codec.decode(bytes);
      Map<String, Object> row = new HashMap<>();
      for (Schema.Field field : record.getSchema().getFields()) {
        row.put(field.name(), record.get(field.pos()));
      }
      return ChangeEvent.fromRow(row);
    } catch (Exception e) {
      throw new IllegalArgumentException("undecodable canonical event: " + e.getMessage(), e);
    }
  }

  public Serde<ChangeEvent> serde() {
    Serializer<ChangeEvent> serializer = (topic, event) -> event == null ? null : encode(event);
    Deserializer<ChangeEvent> deserializer = (topic, bytes) -> bytes == null ? null : decode(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  public Serde<Enriched> enrichedSerde() {
    Serializer<Enriched> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      byte[] event = encode(value.event());
      byte[] asset = JsonSerde.bytes(value.asset());
      return ByteBuffer.allocate(4 + event.length + asset.length).putInt(event.length).put(event).put(asset).array();
    };
    Deserializer<Enriched> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      byte[] event = new byte[buffer.getInt()];
      buffer.get(event);
      byte[] asset = new byte[buffer.remaining()];
      buffer.get(asset);
      return new Enriched(decode(event), JsonSerde.read(asset, DomainAsset.class));
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
