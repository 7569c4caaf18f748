package org.dnsmesh.quality.lineage;

import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.model.CheckResult;
import org.dnsmesh.quality.model.CheckStatus;
import org.dnsmesh.quality.model.TableKey;
import org.dnsmesh.quality.table.TableView;

/**
 * Builds the OpenLineage run event of one monitoring pass over one table: the table as input dataset with
 * {@code dataQualityMetrics} (row count, per-column null counts) and {@code dataQualityAssertions} (one per
 * check and one per column rule) facets. The job is {@code quality-monitor.<table>} in namespace
 * {@code jobNamespace}.
 */
public final class QualityFacets {
  public static final URI PRODUCER = URI.create("https://github.com/dnsmesh/dns-data-mesh/tree/main/quality-monitor");

  private final OpenLineage openLineage = new OpenLineage(PRODUCER);
  private final java.util.function.Function<TableKey, Names> naming;

  /** Where one table's run event goes: the dataset's namespace and name, the job's namespace. */
  public record Names(String datasetNamespace, String datasetName, String jobNamespace) {
    public Names {
      Objects.requireNonNull(datasetNamespace, "datasetNamespace");
      Objects.requireNonNull(datasetName, "datasetName");
      Objects.requireNonNull(jobNamespace, "jobNamespace");
    }
  }

  /** @param datasetNamespace the namespace the catalog uses for this table's dataset, e.g. the warehouse URI */
  public QualityFacets(String datasetNamespace, String jobNamespace) {
    Objects.requireNonNull(datasetNamespace, "datasetNamespace");
    Objects.requireNonNull(jobNamespace, "jobNamespace");
    this.naming = key -> new Names(datasetNamespace, key.table(), jobNamespace);
  }

  private QualityFacets(java.util.function.Function<TableKey, Names> naming) {
    this.naming = naming;
  }

  /**
   * The catalog's convention for tables named {@code <domain>.<namespace>.<table>}: dataset
   * {@code namespace=<domain>, name=<namespace>.<table>}, so the product page finds the assertions; the job
   * {@code quality-monitor.<namespace>.<table>} runs in the domain's namespace, like the product's pipelines.
   */
  public static QualityFacets perDomain() {
    return new QualityFacets(key -> {
      int dot = key.table().indexOf('.');
      if (dot <= 0) {
        throw new IllegalArgumentException("table " + key.table() + " is not <domain>.<namespace>.<table>");
      }
      String domain = key.table().substring(0, dot);
      return new Names(domain, key.table().substring(dot + 1), domain);
    });
  }

  public OpenLineage.RunEvent runEvent(ContractView contract, TableView table, List<CheckResult> results, Instant at) {
    Names names = naming.apply(contract.table());
    OpenLineage.InputDataset dataset = openLineage.newInputDatasetBuilder()
        .namespace(names.datasetNamespace())
        .name(names.datasetName())
        .inputFacets(openLineage.newInputDatasetInputFacetsBuilder()
            .dataQualityMetrics(metrics(table, results))
            .dataQualityAssertions(assertions(contract.completeness(), results))
            .build())
        .build();
    return openLineage.newRunEventBuilder()
        .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
        .eventTime(at.atZone(ZoneOffset.UTC))
        .run(openLineage.newRun(UUID.randomUUID(), null))
        .job(openLineage.newJob(names.jobNamespace(), "quality-monitor." + names.datasetName(), null))
        .inputs(List.of(dataset))
        .outputs(List.of())
        .build();
  }

  OpenLineage.DataQualityMetricsInputDatasetFacet metrics(TableView table, List<CheckResult> results) {
    Map<String, Double> measured = merged(results);
    Double windowRows = measured.get("completeness.rows");
    OpenLineage.DataQualityMetricsInputDatasetFacetColumnMetricsBuilder columns =
        openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsBuilder();
    measured.forEach((name, value) -> {
      if (name.startsWith("completeness.null_rate.") && windowRows != null) {
        String column = name.substring("completeness.null_rate.".length());
        columns.put(column, openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder()
            .nullCount(Math.round(value * windowRows)).count(windowRows).build());
      }
    });
    Long rowCount = table.newestSnapshot().map(s -> s.totalRecords()).orElse(null);
    return openLineage.newDataQualityMetricsInputDatasetFacetBuilder()
        .rowCount(rowCount)
        .columnMetrics(columns.build())
        .build();
  }

  OpenLineage.DataQualityAssertionsDatasetFacet assertions(CompletenessSla sla, List<CheckResult> results) {
    List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> assertions = new ArrayList<>();
    for (CheckResult result : results) {
      assertions.add(openLineage.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
          .assertion(result.key().check())
          .success(passed(result.status()))
          .build());
      result.measurements().forEach((name, value) -> {
        if (name.startsWith("null_rate.")) {
          assertions.add(columnAssertion("not_null", name.substring("null_rate.".length()),
              sla.nullRate().classify(value) != CheckStatus.BREACHED));
        } else if (name.startsWith("invalid_share.")) {
          assertions.add(columnAssertion("valid_values", name.substring("invalid_share.".length()),
              sla.invalidShare().classify(value) != CheckStatus.BREACHED));
        }
      });
    }
    return openLineage.newDataQualityAssertionsDatasetFacet(assertions);
  }

  private OpenLineage.DataQualityAssertionsDatasetFacetAssertions columnAssertion(String assertion, String column,
      boolean success) {
    return openLineage.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
        .assertion(assertion).column(column).success(success).build();
  }

  /** AT_RISK still passes: the SLA is not broken yet. An ERROR is not a pass. */
  private static boolean passed(CheckStatus status) {
    return switch (status) {
      case OK, AT_RISK -> true;
      case BREACHED, ERROR -> false;
    };
  }

  private static Map<String, Double> merged(List<CheckResult> results) {
    Map<String, Double> all = new LinkedHashMap<>();
    for (CheckResult result : results) {
      result.measurements().forEach((name, value) -> all.put(result.key().check() + "." + name, value));
    }
    return all;
  }
}
