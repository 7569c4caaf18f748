package org.dnsmesh.products.security;

/** The canonicalisation outcome of one raw record: the event, or the reason and the raw bytes. */
record Canonical(ChangeEvent event, String reason, byte[] raw) {
  boolean valid() {
    return event != null;
  }
}
