package org.dnsmesh.quality.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.quality.model.TableKey;

/**
 * What the monitor reads from a product's published contract for one output table. Built by an adapter
 * from the contracts toolkit's ODCS model (or from JSON in tests); the monitor never parses ODCS itself.
 *
 * @param contractVersion the published contract version the table is checked against
 * @param eventTimeColumn column holding event time (used by freshness and to restrict SQL checks to the
 *     newest partitions); empty if the table has none
 * @param keyColumns columns whose combination must be unique (empty: no uniqueness check)
 * @param volumeInterval interval for volume history; volumeSensitivity is k in median +- k*MAD
 */
public record ContractView(
    TableKey table,
    String contractVersion,
    List<ContractColumn> columns,
    Optional<String> eventTimeColumn,
    List<String> keyColumns,
    FreshnessSla freshness,
    CompletenessSla completeness,
    VolumeSla volume,
    List<QualityRule> rules) {

  public ContractView {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(contractVersion, "contract version of " + table);
    columns = List.copyOf(Objects.requireNonNull(columns, "columns of " + table));
    Objects.requireNonNull(eventTimeColumn, "eventTimeColumn of " + table);
    keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns of " + table));
    Objects.requireNonNull(freshness, "freshness SLA of " + table);
    Objects.requireNonNull(completeness, "completeness SLA of " + table);
    Objects.requireNonNull(volume, "volume SLA of " + table);
    rules = List.copyOf(Objects.requireNonNull(rules, "rules of " + table));
    List<String> names = columns.stream().map(ContractColumn::name).toList();
    for (String key : keyColumns) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException("contract of " + table + ": key column '" + key + "' is not a column");
      }
    }
    eventTimeColumn.ifPresent(name -> {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("contract of " + table + ": event time column '" + name + "' is not a column");
      }
    });
  }

  public Optional<ContractColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
