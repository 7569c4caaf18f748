package org.dnsmesh.productkit.transport;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.dnsmesh.productkit.pseudonymize.ColumnTreatment;
import org.dnsmesh.productkit.pseudonymize.Treatment;

/**
 * The kit's standard Avro schema for a pseudonymised DNS query/response event, and the privacy treatments that
 * produce it from {@link org.dnsmesh.productkit.normalize.DnsEventRows}: {@code client_ip} leaves only as an HMAC
 * pseudonym ({@code client_id} + {@code client_id_key_id}) and a /24 or /48 prefix ({@code client_subnet}).
 * <p>Fold later: products derive their schema from their ODCS contract ({@code contracts} module's Avro mapping);
 * this one is the starter the archetype uses.
 */
public final class DnsQueryEventSchema {

  public static final Schema SCHEMA = build();

  public static final List<ColumnTreatment> TREATMENTS = List.of(
      new ColumnTreatment("client_ip", "client_id", Treatment.HMAC),
      new ColumnTreatment("client_ip", "client_subnet", Treatment.TRUNCATE),
      ColumnTreatment.inPlace("server_ip", Treatment.CLEAR),
      ColumnTreatment.inPlace("source_uid", Treatment.CLEAR));

  private DnsQueryEventSchema() {}

  private static Schema build() {
    Schema timestamp = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    return SchemaBuilder.record("DnsQueryEvent").namespace("org.dnsmesh.dns").fields()
        .requiredString("event_id")
        .name("event_ts").type(timestamp).noDefault()
        .optionalString("source_uid")
        .optionalString("client_id")
        .optionalString("client_id_key_id")
        .optionalString("client_subnet")
        .optionalInt("client_port")
        .optionalString("server_ip")
        .optionalInt("server_port")
        .optionalString("protocol")
        .optionalInt("transaction_id")
        .optionalString("query_name")
        .optionalString("query_name_unicode")
        .optionalString("tld")
        .optionalString("public_suffix")
        .optionalString("registrable_domain")
        .optionalString("qtype")
        .optionalString("rcode")
        .optionalDouble("latency_ms")
        .name("answers").type().array().items().stringType().arrayDefault(List.of())
        .name("ttls").type().array().items().longType().arrayDefault(List.of())
        .optionalBoolean("aa")
        .optionalBoolean("tc")
        .optionalBoolean("rd")
        .optionalBoolean("ra")
        .optionalBoolean("rejected")
        .endRecord();
  }
}
