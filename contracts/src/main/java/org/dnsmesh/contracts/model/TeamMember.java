package org.dnsmesh.contracts.model;

import java.util.List;

/** ODCS team member. */
public record TeamMember(
        String id,
        String username,
        String name,
        String description,
        String role,
        String dateIn,
        String dateOut,
        String replacedByUsername,
        List<String> tags,
        List<CustomProperty> customProperties,
        List<AuthoritativeDefinition> authoritativeDefinitions) {
    public TeamMember {
        tags = Lists.of(tags);
        customProperties = Lists.of(customProperties);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
    }
}
