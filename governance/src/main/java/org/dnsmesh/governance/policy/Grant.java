package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code to} a subject, {@code on} resources, these privileges. Grants only add; there are no deny rules. */
public record Grant(@JsonProperty("to") SubjectSelector subject,
                    @JsonProperty("on") List<ResourcePattern> resources,
                    @JsonProperty("privileges") Set<Privilege> privileges) {
  public Grant {
    Objects.requireNonNull(subject, "to");
    resources = resources == null ? List.of(ResourcePattern.ALL) : List.copyOf(resources);
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("grant 'on' must name at least one resource pattern");
    }
    Objects.requireNonNull(privileges, "privileges");
    if (privileges.isEmpty()) {
      throw new IllegalArgumentException("grant needs at least one privilege");
    }
    privileges = Collections.unmodifiableSet(EnumSet.copyOf(privileges));
  }
}
