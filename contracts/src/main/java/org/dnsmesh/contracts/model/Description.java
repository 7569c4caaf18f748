package org.dnsmesh.contracts.model;

import java.util.List;

/** ODCS top-level {@code description}: usage, purpose, limitations. */
public record Description(
        String usage,
        String purpose,
        String limitations,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {
    public Description {
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
        customProperties = Lists.of(customProperties);
    }
}
