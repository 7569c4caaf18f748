package org.dnsmesh.catalog.lineage.trino;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.exceptions.NotAuthorizedException;

/**
 * The one credential of Trino's lineage listener, which can send only a static bearer: a random key generated
 * by every {@code mesh up}. The catalog keeps its SHA-256 (a 256-bit random key needs no slow hash) and compares
 * in constant time. The key grants exactly one capability, posting Trino's query events to
 * {@code POST /api/v1/lineage/trino}; it is no JWT, so every other endpoint refuses it with 401.
 */
@ApplicationScoped
public class TrinoIngestKey {
  private final Optional<byte[]> expected;

  @Inject
  public TrinoIngestKey(TrinoLineageConfig config) {
    this(config.ingestKeySha256());
  }

  TrinoIngestKey(Optional<String> sha256Hex) {
    this.expected = sha256Hex.map(String::strip).filter(hex -> !hex.isEmpty())
        .map(hex -> HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
  }

  /** Accepts the request's {@code Authorization} header or throws 401 saying why (never echoing the value). */
  public void authenticate(String authorization) {
    if (expected.isEmpty()) {
      throw new NotAuthorizedException("Not authenticated: this catalog has no Trino lineage ingest key "
          + "(mesh.lineage.trino.ingest-key-sha256 is unset): it accepts no query lineage");
    }
    if (authorization == null || authorization.isBlank()) {
      throw new NotAuthorizedException("Not authenticated: missing key: Trino's lineage listener sends "
          + "Authorization: Bearer <ingest key>");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthorizedException("Not authenticated: expected Authorization: Bearer <ingest key>");
    }
    byte[] presented = sha256(authorization.substring(7).strip());
    if (!MessageDigest.isEqual(expected.get(), presented)) {
      throw new NotAuthorizedException("Not authenticated: wrong ingest key (it changes at every mesh up: the "
          + "key is in Trino's etc/event-listener.properties)");
    }
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
