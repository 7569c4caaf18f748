package org.dnsmesh.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.dnsmesh.contracts.AvroSchemas;
import org.dnsmesh.contracts.DataContracts;
import org.dnsmesh.contracts.model.DataContract;

/** Valid first contract versions for tests that publish through the direct path (the server validates them). */
public final class TestContracts {
  /** eu/auth_queries 1.0.0: one object {@code auth_queries} (query_name required, rcode optional). */
  public static final String AUTH_QUERIES = resource("/registry/auth-queries-1.0.0.yaml");

  private TestContracts() {}

  /** A valid first version 1.0.0 of {@code domain/product} with one object named {@code table} (as {@link #AUTH_QUERIES}). */
  public static String firstVersion(String domain, String product, String table) {
    return AUTH_QUERIES.replace("domain: eu", "domain: " + domain).replace("dataProduct: auth_queries", "dataProduct: " + product)
        .replace("name: auth_queries\nversion", "name: " + product + "\nversion").replace("auth_queries", table);
  }

  /** The body publishing {@link #firstVersion} with its derived Avro schema. */
  public static String firstPublication(String domain, String product, String table) {
    String document = firstVersion(domain, product, table);
    return publication("1.0.0", document, avro(document));
  }

  /** The Avro record schema the contracts toolkit derives for the contract's first object. */
  public static String avro(String document) {
    DataContract contract = DataContracts.parse(document, "test contract");
    return AvroSchemas.of(contract, contract.schema().getFirst()).toString();
  }

  /** The JSON body of {@code POST /api/v1/products/{d}/{p}/contracts}. */
  public static String publication(String version, String document, String avro) {
    return "{\"version\":" + quote(version) + ",\"document\":" + quote(document) + ",\"avroSchema\":" + quote(avro) + "}";
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static String resource(String name) {
    try (InputStream in = TestContracts.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
