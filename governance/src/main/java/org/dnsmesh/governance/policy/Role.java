package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A role a principal holds: the one role type of the policy, the catalog's callers and tokens (the {@code groups}
 * claim carries {@link #id()}) and the compiled rules. Publisher, steward and service roles are always held for one
 * domain.
 */
public enum Role {
  /** Owns and writes the products of one domain; proposes contract changes. */
  PUBLISHER(true),
  /** Reads products across domains, masked and filtered by policy. */
  ANALYST(false),
  /** Reviews contract changes of one domain; may see that domain's data in clear. */
  STEWARD(true),
  /** Global reviewer: MAJOR and classification changes, audit log, policy. */
  GOVERNANCE(false),
  /** Platform operator. */
  ADMIN(false),
  /** A pipeline or service identity of one domain (product kit, quality monitor). */
  SERVICE(true),
  /**
   * Table maintenance (lifecycle runs: retention deletes, snapshot expiry, orphan removal, compaction). Holds nothing
   * by itself: what it may do comes from grants on tables, so it gets no Kafka topic and no contract workflow rights.
   */
  MAINTENANCE(false);

  private final boolean domainScoped;

  Role(boolean domainScoped) {
    this.domainScoped = domainScoped;
  }

  public boolean domainScoped() {
    return domainScoped;
  }

  @JsonValue
  public String id() {
    return PolicyIds.idOf(this);
  }

  @JsonCreator
  public static Role fromId(String id) {
    return PolicyIds.parse(Role.class, id, "role");
  }

  /** The role of this id (a token's {@code groups} claim value, e.g. {@code publisher}); empty when there is none. */
  public static java.util.Optional<Role> find(String id) {
    for (Role role : values()) {
      if (role.id().equals(id)) {
        return java.util.Optional.of(role);
      }
    }
    return java.util.Optional.empty();
  }
}
