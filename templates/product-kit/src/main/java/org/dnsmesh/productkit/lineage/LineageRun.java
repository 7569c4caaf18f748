package org.dnsmesh.productkit.lineage;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One pipeline run as lineage sees it: run id, job (namespace + name), inputs and outputs. */
public record LineageRun(UUID runId, String jobNamespace, String jobName, List<LineageDataset> inputs,
    List<LineageDataset> outputs) {

  public LineageRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(jobNamespace, "jobNamespace");
    Objects.requireNonNull(jobName, "jobName");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
