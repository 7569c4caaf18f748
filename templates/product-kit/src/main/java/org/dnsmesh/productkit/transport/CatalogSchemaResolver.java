package org.dnsmesh.productkit.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Resolves writer schemas by fingerprint from the catalog service ({@code GET /api/v1/schemas/{fingerprint}}, bearer
 * token): every contract version published there is findable by its CRC-64-AVRO fingerprint. Found schemas are
 * cached for good (a fingerprint names one schema); an unknown fingerprint is remembered for {@link #MISS_TTL} so a
 * burst of undecodable records costs one request, not one each. An unknown fingerprint resolves to {@code null}
 * (the record is quarantined as "unknown writer schema"); a catalog that is down or refuses the token throws
 * {@link SchemaLookupException}, which stops the run instead of quarantining good records.
 */
public final class CatalogSchemaResolver implements SchemaResolver {
  /** How long an unknown fingerprint is not asked again. */
  public static final Duration MISS_TTL = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI catalog;
  private final Supplier<String> token;
  private final HttpClient http;
  private final LongSupplier clock;
  private final Map<Long, Schema> found = new ConcurrentHashMap<>();
  private final Map<Long, Long> missedAt = new ConcurrentHashMap<>();

  /** @param catalog the catalog service's base URL, e.g. {@code http://127.0.0.1:8181} */
  public CatalogSchemaResolver(URI catalog, Supplier<String> token) {
    this(catalog, token, System::nanoTime);
  }

  CatalogSchemaResolver(URI catalog, Supplier<String> token, LongSupplier clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.token = Objects.requireNonNull(token, "token");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The catalog could not answer whether it knows a fingerprint (unreachable, token refused, server error). */
  public static final class SchemaLookupException extends RuntimeException {
    SchemaLookupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public Schema resolve(long fingerprint) {
    Schema cached = found.get(fingerprint);
    if (cached != null) {
      return cached;
    }
    Long missed = missedAt.get(fingerprint);
    if (missed != null && clock.getAsLong() - missed < MISS_TTL.toNanos()) {
      return null;
    }
    Schema schema = fetch(fingerprint);
    if (schema == null) {
      missedAt.put(fingerprint, clock.getAsLong());
    } else {
      found.put(fingerprint, schema);
      missedAt.remove(fingerprint);
    }
    return schema;
  }

  private Schema fetch(long fingerprint) {
    // little-endian bytes, as in the single-object header and the catalog's fingerprints (Avro specification order)
    String hex = String.format(Locale.ROOT, "%016x", Long.reverseBytes(fingerprint));
    URI uri = catalog.resolve("/api/v1/schemas/" + hex);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json").GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaLookupException("cannot ask the catalog at " + catalog + " for writer schema " + hex + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaLookupException("interrupted while asking " + uri, e);
    }
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new SchemaLookupException("GET " + uri + " answered " + response.statusCode() + ": " + response.body(), null);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      Schema schema = new Schema.Parser().parse(body.path("avroSchema").asText());
      long actual = SchemaNormalization.parsingFingerprint64(schema);
      if (actual != fingerprint) {
        throw new SchemaLookupException("the catalog answered writer schema " + hex + " with a schema whose fingerprint is "
            + String.format(Locale.ROOT, "%016x", Long.reverseBytes(actual)), null);
      }
      return schema;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SchemaLookupException lookup) {
        throw lookup;
      }
      throw new SchemaLookupException("unreadable answer from " + uri + ": " + e.getMessage(), e);
    }
  }
}
