package org.dnsmesh.contracts.model;

import java.util.List;

/** ODCS relationship (foreign key); {@code from}/{@code to} are a reference or a list of references. */
public record Relationship(String type, Object from, Object to, List<CustomProperty> customProperties) {
    public Relationship {
        customProperties = Lists.of(customProperties);
    }
}
