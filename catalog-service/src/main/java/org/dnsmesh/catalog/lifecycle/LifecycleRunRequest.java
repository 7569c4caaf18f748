package org.dnsmesh.catalog.lifecycle;

import java.util.Map;

/**
 * A lifecycle run to record: the run id (also the OpenLineage run id), the table ({@code domain.schema.table}) and
 * what was decided and removed (cutoff, rows, snapshots, files; flat values only).
 */
public record LifecycleRunRequest(String runId, String table, Map<String, Object> details) {}
