package org.dnsmesh.governance.policy;

import java.util.Map;

/**
 * Identities the mesh's own machinery uses inside Trino, which a policy may not name as principals: each holds one
 * narrow right no person or service of the policy should get by choosing the name.
 */
public final class ReservedPrincipals {
  /** The identity the catalog asks Trino as, to learn who ran a query it received lineage for: views queries only. */
  public static final String LINEAGE_READER = "mesh-lineage";

  /** Each reserved name with why it is reserved (the policy validator's message). */
  public static final Map<String, String> WHY = Map.of(
      MaskExpressions.MASKING_IDENTITY, "it is the identity Trino evaluates column masks as, the only one that may"
          + " compute keyed pseudonyms",
      LINEAGE_READER, "it is the identity the catalog asks Trino as who ran a query, which may view every query");

  private ReservedPrincipals() {}
}
