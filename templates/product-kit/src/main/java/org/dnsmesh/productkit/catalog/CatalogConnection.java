package org.dnsmesh.productkit.catalog;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.iceberg.rest.RESTCatalog;
import org.dnsmesh.infra.iceberg.LocalFileIO;
import org.dnsmesh.productkit.lineage.OpenLineageEmitter;
import org.dnsmesh.productkit.transport.CatalogSchemaResolver;

/**
 * Where a product run reaches the catalog service and with which token: its Iceberg REST catalog (one warehouse
 * per domain), the schema registry (writer schemas by fingerprint) and the OpenLineage receiver. The token
 * supplier is asked per call, so a long run can hand out fresh tokens.
 */
public record CatalogConnection(URI url, Supplier<String> token) {
  /** The catalog's OpenLineage receiver, relative to {@link #url()}. */
  public static final String LINEAGE_ENDPOINT = "/api/v1/lineage";

  public CatalogConnection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
  }

  public static CatalogConnection of(String url, String token) {
    Objects.requireNonNull(token, "token");
    return new CatalogConnection(URI.create(url), () -> token);
  }

  public CatalogSchemaResolver schemaResolver() {
    return new CatalogSchemaResolver(url, token);
  }

  public OpenLineageEmitter lineageEmitter() {
    return new OpenLineageEmitter(url, LINEAGE_ENDPOINT, token);
  }

  /**
   * The domain's warehouse through the catalog's Iceberg REST API ({@code <url>/iceberg}, {@code warehouse=<domain>}).
   * Data files are local ({@link LocalFileIO}): the service hands out table locations on this machine's disk.
   */
  public RESTCatalog icebergCatalog(String domain) {
    RESTCatalog catalog = new RESTCatalog();
    String iceberg = url.toString().replaceAll("/+$", "") + "/iceberg";
    Map<String, String> properties = new HashMap<>(Map.of(
        "uri", iceberg,
        "warehouse", domain,
        "token", token.get(),
        "rest.auth.type", "oauth2",
        "oauth2-server-uri", iceberg + "/v1/oauth/tokens",
        "io-impl", LocalFileIO.class.getName(),
        "rest-metrics-reporting-enabled", "false"));
    catalog.initialize(domain, properties);
    return catalog;
  }
}
