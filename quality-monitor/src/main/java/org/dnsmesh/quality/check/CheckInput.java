package org.dnsmesh.quality.check;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.table.TableView;

/**
 * What every check sees: the contract, the table metadata and the time of the run.
 *
 * @param metrics measurements of the checks that ran before in this cycle (for named-metric rules)
 */
public record CheckInput(ContractView contract, TableView table, Instant now, Map<String, Double> metrics) {
  public CheckInput {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(now, "now");
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
  }

  public CheckKey key(String check) {
    return new CheckKey(contract.table(), check);
  }
}
