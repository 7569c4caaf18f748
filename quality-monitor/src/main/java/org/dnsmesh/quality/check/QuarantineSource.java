package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.Optional;
import org.dnsmesh.quality.model.TableKey;

/**
 * Where quarantine / dead-letter counts come from (a product's quarantine table or DLQ topic). Empty when
 * the product reports none.
 */
public interface QuarantineSource {
  Optional<QuarantineStats> stats(TableKey table, Instant since, Instant until) throws Exception;
}
