package org.dnsmesh.products.security;

/** An enriched event with its domain's approved change windows and known-good nameservers (each may be null). */
record DomainContext(Enriched enriched, ChangeWindows windows, NameserverSet nameservers) {
  DomainContext withNameservers(NameserverSet set) {
    return new DomainContext(enriched, windows, set);
  }
}
