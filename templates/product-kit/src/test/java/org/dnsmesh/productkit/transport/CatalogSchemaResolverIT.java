package org.dnsmesh.productkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.dnsmesh.infra.stack.EphemeralCatalog;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.productkit.catalog.CatalogConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writer schemas by fingerprint from the real catalog service: a v2 writer schema published there (and only there)
 * decodes into the v1 reader; an unknown fingerprint is a clear "unknown writer schema"; a refused token stops.
 */
class CatalogSchemaResolverIT {
  private static final Schema V1 = SchemaBuilder.record("Ping").namespace("dnsmesh.na.pings").fields()
      .requiredString("event_id").endRecord();
  /** The record schema the catalog derives (and checks) from {@link #CONTRACT}: the server validates what it publishes. */
  private static final Schema V2 = SchemaBuilder.record("Ping").namespace("dnsmesh.na.pings").fields()
      .requiredString("event_id").optionalInt("hops").endRecord();
  private static final String CONTRACT = """
      apiVersion: v3.1.0
      kind: DataContract
      id: 9a8b7c6d-3333-4e5f-8a9b-0c1d2e3f4a05
      name: pings
      version: 2.0.0
      status: active
      domain: na
      dataProduct: pings
      team:
        name: na-test
      schema:
        - name: Ping
          physicalName: pings
          physicalType: table
          properties:
            - {name: event_id, logicalType: string, physicalType: varchar, required: true, classification: public}
            - name: hops
              logicalType: integer
              logicalTypeOptions: {format: i32}
              physicalType: integer
              required: false
              classification: public
      """;

  private static EphemeralCatalog catalog;

  @BeforeAll
  static void publishV2() throws Exception {
    catalog = EphemeralCatalog.start(EphemeralKafka.projectHome(), "dnsmesh_test_schema_resolver");
    String token = catalog.publisherToken("na");
    post("/api/v1/products", token, Map.of("domain", "na", "name", "pings", "status", "active"));
    post("/api/v1/products/na/pings/contracts", token,
        Map.of("version", "2.0.0", "document", CONTRACT, "avroSchema", V2.toString()));
  }

  @AfterAll
  static void stop() {
    if (catalog != null) {
      catalog.close();
    }
  }

  private static void post(String path, String token, Map<String, Object> body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(catalog.url() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
  }

  private static CatalogConnection reader() {
    return CatalogConnection.of(catalog.url(), catalog.token("ana", List.of("analyst"), List.of()));
  }

  @Test
  void decodesAWriterSchemaKnownOnlyToTheCatalog() throws Exception {
    GenericRecord v2 = new GenericData.Record(V2);
    v2.put("event_id", "e-1");
    v2.put("hops", 3);
    byte[] bytes = AvroEventCodec.of(V2, new LocalSchemaResolver()).encode(v2);

    assertThatThrownBy(() -> AvroEventCodec.of(V1, new LocalSchemaResolver()).decode(bytes))
        .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("unknown writer schema");

    AvroEventCodec codec = AvroEventCodec.of(V1, new LocalSchemaResolver().orElse(reader().schemaResolver()));
    GenericRecord decoded = codec.decode(bytes);
    assertThat(decoded.getSchema()).isEqualTo(V1);
    assertThat(decoded.get("event_id").toString()).isEqualTo("e-1");
  }

  @Test
  void unknownFingerprintIsNullAndARefusedTokenStops() {
    CatalogSchemaResolver resolver = reader().schemaResolver();
    assertThat(resolver.resolve(SchemaNormalization.parsingFingerprint64(V2))).isEqualTo(V2);
    assertThat(resolver.resolve(SchemaNormalization.parsingFingerprint64(V1))).as("never published").isNull();

    CatalogSchemaResolver forged = CatalogConnection.of(catalog.url(), "not-a-token").schemaResolver();
    assertThatThrownBy(() -> forged.resolve(SchemaNormalization.parsingFingerprint64(V2)))
        .isInstanceOf(CatalogSchemaResolver.SchemaLookupException.class).hasMessageContaining("answered 401");
  }
}
