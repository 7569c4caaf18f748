package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.Optional;
import org.dnsmesh.quality.model.ProductId;

/**
 * Where a product's dead letters are counted (its dead-letter topic {@code <domain>.<product>.dlq} in the service).
 * Empty when the product has no dead-letter topic.
 */
public interface DeadLetterSource {
  Optional<DeadLetterCounts> counts(ProductId product, Instant since, Instant until) throws Exception;
}
