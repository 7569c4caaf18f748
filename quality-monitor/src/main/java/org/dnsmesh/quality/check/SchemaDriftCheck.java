package org.dnsmesh.quality.check;

import java.util.List;
import java.util.Map;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;

/**
 * The table's current Iceberg schema against the published contract version. Any drift breaches the
 * contract: even an extra column means the table no longer matches what consumers were promised.
 */
public final class SchemaDriftCheck implements QualityCheck {
  public static final String NAME = "schema_drift";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CheckResult run(CheckInput input) {
    List<Drift> drifts = SchemaComparison.compare(input.table().schema(), input.table().pastSchemas(),
        input.contract().columns());
    CheckStatus status = drifts.isEmpty() ? CheckStatus.OK : CheckStatus.BREACHED;
    String summary = drifts.isEmpty()
        ? "schema " + input.table().schema().schemaId() + " matches contract " + input.contract().contractVersion()
        : drifts.size() + " difference(s) from contract " + input.contract().contractVersion();
    return new CheckResult(input.key(NAME), status, summary,
        Map.of("drift_count", (double) drifts.size(), "schema_id", (double) input.table().schema().schemaId()),
        drifts.stream().map(Drift::toString).toList(), input.now());
  }
}
