package org.dnsmesh.identity;

import java.util.List;
import java.util.Objects;

/**
 * What a verified token proves: who issued it, the value of that issuer's principal claim and its group
 * claim values. Groups are facts about the issuer's directory; only the access policy turns them into rights.
 */
public record VerifiedToken(TrustedIssuer issuer, String principal, List<String> groups) {
  public VerifiedToken {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(principal, "principal");
    groups = List.copyOf(groups);
  }

  /** Whether the token comes from an issuer other than the mesh's own. */
  public boolean external() {
    return issuer.external();
  }
}
