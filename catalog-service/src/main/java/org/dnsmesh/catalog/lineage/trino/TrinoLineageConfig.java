package org.dnsmesh.catalog.lineage.trino;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Query lineage from Trino's OpenLineage event listener (under {@code mesh.lineage.trino.}). {@code mesh up} sets
 * all of them; unset, the receiver refuses every event (there is no default key).
 */
@ConfigMapping(prefix = "mesh.lineage.trino")
public interface TrinoLineageConfig {
  /**
   * Hex SHA-256 of the per-installation ingest key that Trino's listener sends as its bearer. The catalog holds
   * only this hash: reading the catalog's settings does not give the key.
   */
  @WithName("ingest-key-sha256")
  Optional<String> ingestKeySha256();

  /** Trino's HTTPS URL: the dataset namespace of its events is derived from it, and queries are looked up there. */
  Optional<String> url();

  /** PEM certificate that Trino's HTTPS endpoint presents (self-signed by {@code mesh up}). */
  Optional<String> certificate();

  /** The job namespace Trino's events carry ({@code openlineage-event-listener.namespace}); any other is refused. */
  @WithName("job-namespace")
  @WithDefault("trino")
  String jobNamespace();
}
