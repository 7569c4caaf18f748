package org.dnsmesh.catalog.registry;

import java.time.Instant;
import java.util.Objects;

/** One immutable published version of a product's contract. */
public record ContractVersion(
    String domain,
    String product,
    String version,
    String document,
    String avroSchema,
    String fingerprint,
    String publishedBy,
    Instant publishedAt) {
  public ContractVersion {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(avroSchema, "avroSchema");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(publishedBy, "publishedBy");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
