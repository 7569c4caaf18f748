package org.dnsmesh.products.security;

import java.util.Objects;

/** A canonical event joined with its domain's inventory entry ({@link DomainAsset#unknown} when missing). */
public record Enriched(ChangeEvent event, DomainAsset asset) {
  public Enriched {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(asset, "asset");
  }

  /** The registrar account: the event's own, else the inventory's, else {@code unknown}. */
  public String account() {
    if (event.registrarAccount() != null) {
      return event.registrarAccount();
    }
    return asset.registrarAccount() == null ? "unknown" : asset.registrarAccount();
  }
}
