package org.dnsmesh.contracts.model;

import java.util.List;

/**
 * ODCS server: where the data lives. Fields used by our servers: trino ({@code host, port, catalog, schema}),
 * kafka ({@code host, format}), iceberg as {@code type: custom} ({@code format: iceberg, catalog, location,
 * endpointUrl, warehouse}), s3/local ({@code location}/{@code path}, {@code format}). Other ODCS server-type
 * fields are listed too so any valid ODCS server reads.
 */
public record Server(
        String id,
        String server,
        String type,
        String description,
        String environment,
        String host,
        Integer port,
        String catalog,
        String schema,
        String database,
        String format,
        String location,
        String endpointUrl,
        String path,
        String delimiter,
        String project,
        String dataset,
        String account,
        String warehouse,
        String region,
        String regionName,
        String stream,
        String serviceName,
        String stagingDir,
        List<Role> roles,
        List<CustomProperty> customProperties) {
    public Server {
        roles = Lists.of(roles);
        customProperties = Lists.of(customProperties);
    }
}
