package org.dnsmesh.contracts.model;

import java.util.List;
import java.util.Optional;

/** ODCS schema object: a table, topic or view with its properties (columns). */
public record SchemaObject(
        String id,
        String name,
        String physicalName,
        String physicalType,
        String logicalType,
        String businessName,
        String description,
        String dataGranularityDescription,
        List<SchemaProperty> properties,
        List<Relationship> relationships,
        List<QualityRule> quality,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {
    public SchemaObject {
        properties = Lists.of(properties);
        relationships = Lists.of(relationships);
        quality = Lists.of(quality);
        tags = Lists.of(tags);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
        customProperties = Lists.of(customProperties);
    }

    /** The top-level property with this name. */
    public Optional<SchemaProperty> property(String propertyName) {
        return properties.stream().filter(p -> propertyName.equals(p.name())).findFirst();
    }
}
