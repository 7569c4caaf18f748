package org.dnsmesh.products.support;

import java.util.Map;
import org.dnsmesh.productkit.normalize.DnsEvent;

/**
 * A product's own step between normalisation and pseudonymisation: adds the product's columns (zone, PoP, cache
 * status, ...) to the kit's normalised row. Must return a row for every event: products never drop events here.
 */
@FunctionalInterface
public interface EventTransform {

  /** @param row the kit's row for {@code event} (snake_case columns, raw identifiers still present), mutable */
  Map<String, Object> apply(DnsEvent event, Map<String, Object> row);

  static EventTransform identity() {
    return (event, row) -> row;
  }
}
