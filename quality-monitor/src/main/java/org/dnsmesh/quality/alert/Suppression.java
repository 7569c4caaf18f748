package org.dnsmesh.quality.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.ProductId;

/**
 * Time-boxed silence for a product, optionally narrowed to one table and one check (e.g. planned
 * maintenance). Breaches during it open no alert; if the breach persists after {@code until}, it alerts then.
 */
public record Suppression(ProductId product, Optional<String> table, Optional<String> check, Instant from,
    Instant until, String reason) {
  public Suppression {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("suppression of " + product + " must end after it starts: " + from + " .. " + until);
    }
  }

  public boolean covers(CheckKey key, Instant at) {
    return key.table().product().equals(product)
        && table.map(t -> t.equals(key.table().table())).orElse(true)
        && check.map(c -> c.equals(key.check())).orElse(true)
        && !at.isBefore(from) && at.isBefore(until);
  }
}
