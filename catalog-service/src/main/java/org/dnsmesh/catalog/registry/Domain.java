package org.dnsmesh.catalog.registry;

import org.dnsmesh.governance.policy.DomainName;
import java.time.Instant;
import java.util.Objects;

/** A data domain as registered: who owns it and where its warehouse is. */
public record Domain(DomainName name, String ownerTeam, String description, String warehouse, Instant createdAt) {
  public Domain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ownerTeam, "ownerTeam");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
