package org.dnsmesh.products.security;

import java.util.Set;

/** Which events touch a domain's control surface (who controls it and where it points). */
final class ControlSurface {
  private static final Set<String> ACCOUNT_EVENTS = Set.of("contact-edit", "lock", "unlock", "transfer-request",
      "auth-code-request", "2fa-change");
  /** (c): the requests that prepare a transfer away. */
  private static final Set<String> SENSITIVE = Set.of("unlock", "transfer-request", "auth-code-request");

  private ControlSurface() {}

  /** Contacts, locks, transfer state, nameservers / DS, and hosting (A/AAAA/CNAME at the apex). */
  static boolean touches(ChangeEvent e) {
    if (ACCOUNT_EVENTS.contains(e.eventType())) {
      return true;
    }
    if (!"record-change".equals(e.eventType()) || e.recordType() == null) {
      return false;
    }
    return switch (e.recordType()) {
      case "NS", "DS" -> true;
      case "A", "AAAA", "CNAME" -> e.domain().equals(e.recordName());
      default -> false;
    };
  }

  static boolean sensitive(ChangeEvent e) {
    return SENSITIVE.contains(e.eventType());
  }

  /** (f): a login the identity provider flagged (new geography or ASN) or an MFA reset. */
  static boolean riskyIdentity(ChangeEvent e) {
    return "mfa-reset".equals(e.eventType())
        || ("login".equals(e.eventType()) && ("new-geo".equals(e.loginRisk()) || "new-asn".equals(e.loginRisk())));
  }
}
