package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a grant gives on a resource. Every privilege implies {@link #DISCOVER} on the resource and its
 * ancestors (so a reader of {@code na.resolver.queries} can list catalog {@code na}).
 */
public enum Privilege {
  /** See that the resource exists (list catalogs, schemas, tables, lineage). */
  DISCOVER,
  /** Read table data (masked and filtered as the policy says). */
  READ,
  /** Write table data, report lineage. */
  WRITE,
  /** Create and drop namespaces and tables, evolve schemas. */
  MANAGE,
  /** Propose contract changes. */
  PROPOSE,
  /** Approve or reject contract changes. */
  REVIEW,
  /** Publish an approved contract version. */
  PUBLISH,
  /** Read and verify the audit log. */
  AUDIT,
  /** Change the access policy, issue tokens. */
  ADMINISTER;

  @JsonValue
  public String id() {
    return PolicyIds.idOf(this);
  }

  @JsonCreator
  public static Privilege fromId(String id) {
    return PolicyIds.parse(Privilege.class, id, "privilege");
  }
}
