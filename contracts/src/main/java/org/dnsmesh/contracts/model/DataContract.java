package org.dnsmesh.contracts.model;

import java.util.List;
import java.util.Optional;

/**
 * An ODCS v3.1 data contract (fundamentals, schema, quality, team, roles, SLA, servers, custom properties).
 * Read it with {@link org.dnsmesh.contracts.DataContracts#read(java.nio.file.Path)}.
 */
public record DataContract(
        String apiVersion,
        String kind,
        String id,
        String name,
        String version,
        String status,
        String tenant,
        String domain,
        String dataProduct,
        List<String> tags,
        Description description,
        List<SchemaObject> schema,
        List<Server> servers,
        Team team,
        List<Role> roles,
        List<SupportChannel> support,
        Price price,
        List<SlaProperty> slaProperties,
        String slaDefaultElement,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties,
        String contractCreatedTs) {
    public DataContract {
        tags = Lists.of(tags);
        schema = Lists.of(schema);
        servers = Lists.of(servers);
        roles = Lists.of(roles);
        support = Lists.of(support);
        slaProperties = Lists.of(slaProperties);
        authoritativeDefinitions = Lists.of(authoritativeDefinitions);
        customProperties = Lists.of(customProperties);
    }

    /** The schema object with this name. */
    public Optional<SchemaObject> schemaObject(String objectName) {
        return schema.stream().filter(o -> objectName.equals(o.name())).findFirst();
    }

    /** The SLA property with this name (case-insensitive), if declared. */
    public Optional<SlaProperty> sla(String property) {
        return slaProperties.stream().filter(s -> property.equalsIgnoreCase(s.property())).findFirst();
    }
}
