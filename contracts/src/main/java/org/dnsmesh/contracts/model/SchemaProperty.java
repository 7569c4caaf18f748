package org.dnsmesh.contracts.model;

import java.util.List;
import java.util.Map;
import org.dnsmesh.contracts.Classification;

/**
 * ODCS schema property (a column or a nested field). {@code items} describes array elements; {@code properties}
 * the fields of an {@code object}. Booleans are nullable because ODCS distinguishes absent from false only by
 * default; use the {@code is...} helpers.
 */
public record SchemaProperty(
        String id,
        String name,
        String businessName,
        String description,
        String logicalType,
        Map<String, Object> logicalTypeOptions,
        String physicalType,
        String physicalName,
        Boolean required,
        Boolean unique,
        Boolean primaryKey,
        Integer primaryKeyPosition,
        Boolean partitioned,
        Integer partitionKeyPosition,
        String classification,
        String encryptedName,
        List<String> transformSourceObjects,
        String transformLogic,
        String transformDescription,
        List<Object> examples,
        Boolean criticalDataElement,
        SchemaProperty items,
        List<SchemaProperty> properties,
        List<Relationship> relationships,
        List<QualityRule> quality,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {
    public SchemaProperty {
        logicalTypeOptions = logicalTypeOptions == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logicalTypeOptions));
        transformSourceObjects = Lists.of(transformSourceObjects);
        examples = Lists.of(examples);
        properties = Lists.of(properties);
        relationships = Lists.of(relationships);
        quality = Lists.of(quality);
        tags = Lists.of(tags);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
        customProperties = Lists.of(customProperties);
    }

    public boolean requiredOrFalse() {
        return Boolean.TRUE.equals(required);
    }

    public boolean uniqueOrFalse() {
        return Boolean.TRUE.equals(unique);
    }

    public boolean primaryKeyOrFalse() {
        return Boolean.TRUE.equals(primaryKey);
    }

    public boolean partitionedOrFalse() {
        return Boolean.TRUE.equals(partitioned);
    }

    /** The classification as our enum, if it is one of ours. */
    public java.util.Optional<Classification> classificationLevel() {
        return Classification.parse(classification);
    }

    /** A copy with another name (used by tests and tools). */
    public SchemaProperty withName(String newName) {
        return new SchemaProperty(id, newName, businessName, description, logicalType, logicalTypeOptions,
                physicalType, physicalName, required, unique, primaryKey, primaryKeyPosition, partitioned,
                partitionKeyPosition, classification, encryptedName, transformSourceObjects, transformLogic,
                transformDescription, examples, criticalDataElement, items, properties, relationships, quality,
                tags, authoritativeDefinitions, customProperties);
    }
}
