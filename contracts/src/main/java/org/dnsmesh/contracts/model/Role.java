package org.dnsmesh.contracts.model;

import java.util.List;

/** ODCS {@code roles} item: an access role consumers request (e.g. {@code dns_analyst}, access {@code read}). */
public record Role(
        String id,
        String role,
        String description,
        String access,
        String firstLevelApprovers,
        String secondLevelApprovers,
        List<CustomProperty> customProperties) {
    public Role {
        customProperties = Lists.of(customProperties);
    }
}
