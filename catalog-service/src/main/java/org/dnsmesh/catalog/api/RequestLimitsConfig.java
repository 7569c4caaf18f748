package org.dnsmesh.catalog.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Limits that keep one request from exhausting the service (under {@code mesh.limits.}): each is checked
 * before the work it bounds starts, and a request over a limit answers 413 or 400 naming the limit.
 */
@ConfigMapping(prefix = "mesh.limits")
public interface RequestLimitsConfig {
  /** Largest request body in bytes (413 above it); an Iceberg commit or a contract is a few KB. */
  @WithName("max-body-bytes")
  @WithDefault("4194304")
  long maxBodyBytes();

  /** Longest request line (method, path and query) in characters (414 above it). */
  @WithName("max-uri-length")
  @WithDefault("8192")
  int maxUriLength();

  /** Table changes in one {@code transactions/commit} (each loads and rewrites one table's metadata). */
  @WithName("max-table-changes")
  @WithDefault("100")
  int maxTableChanges();

  /** Updates (and, separately, requirements) in one table commit. */
  @WithName("max-updates-per-commit")
  @WithDefault("1000")
  int maxUpdatesPerCommit();

  /** Properties set or removed by one request (namespace or table). */
  @WithName("max-properties")
  @WithDefault("1000")
  int maxProperties();
}
