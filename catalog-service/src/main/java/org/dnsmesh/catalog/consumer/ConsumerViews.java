package org.dnsmesh.catalog.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dnsmesh.catalog.auth.ActivePolicy;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.catalog.registry.Product;
import org.dnsmesh.catalog.registry.ProductService;
import org.dnsmesh.governance.decision.ColumnMask;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.decision.RowFilter;
import org.dnsmesh.governance.decision.TableAccess;
import org.dnsmesh.governance.policy.ColumnInfo;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;

/**
 * The consumer's view of a product: per output table and column, clear or masked (and with which mask) and the
 * row filters, for the caller only. No rule is interpreted here: masks and filters are the decision point's
 * {@link PolicyDecisionPoint#tableAccess} answer (the evaluator the Trino rules and the Rego bundle are compiled
 * from and checked against), the columns are the classifications that decision was made on.
 */
@ApplicationScoped
public class ConsumerViews {
  static final int SAMPLE_LIMIT = 100;

  private final ProductService products;
  private final PolicyDecisionPoint decisions;
  private final ActivePolicy active;

  public ConsumerViews(ProductService products, PolicyDecisionPoint decisions, ActivePolicy active) {
    this.products = products;
    this.decisions = decisions;
    this.active = active;
  }

  /** The caller's own view; 403 when the caller may not read the product, 404 when there is none. */
  public ConsumerView of(Caller caller, String domain, String name) {
    Product product = products.readable(caller, domain, name);
    PrincipalName principal = PrincipalName.of(caller.subject());
    List<ConsumerView.TableView> tables = new ArrayList<>();
    for (Product.OutputPort port : product.outputPorts()) {
      TableRef table = new TableRef(domain, port.namespace(), port.table());
      tables.add(table(port, table, decisions.tableAccess(principal, table), active.classification(table)));
    }
    return new ConsumerView(domain, name, caller.subject(), tables);
  }

  static ConsumerView.TableView table(Product.OutputPort port, TableRef table, TableAccess access,
      Optional<TableClassification> classification) {
    List<ColumnInfo> columns = classification.map(TableClassification::columns).orElse(List.of());
    String trinoTable = SampleQuery.name(table);
    if (!access.decision().allowed()) {
      List<ConsumerView.ColumnView> hidden = columns.stream().map(c -> column(c, "hidden", null)).toList();
      return new ConsumerView.TableView(port.namespace(), port.table(), trinoTable, "denied", access.decision().reason(),
          hidden, List.of(), null);
    }
    Map<String, ColumnMask> masks = access.columnMasks().stream()
        .collect(Collectors.toMap(ColumnMask::column, Function.identity(), (a, b) -> a));
    List<ConsumerView.ColumnView> seen = columns.stream()
        .map(c -> column(c, masks.containsKey(c.name()) ? "masked" : "clear", masks.get(c.name())))
        .toList();
    List<String> filters = access.rowFilters().stream().map(RowFilter::expression).toList();
    return new ConsumerView.TableView(port.namespace(), port.table(), trinoTable, "read", access.decision().reason(),
        seen, filters, SampleQuery.of(table, seen, filters, SAMPLE_LIMIT));
  }

  private static ConsumerView.ColumnView column(ColumnInfo column, String visibility, ColumnMask mask) {
    return new ConsumerView.ColumnView(column.name(), column.type(), column.classification().id(),
        List.copyOf(column.tags()), visibility, mask == null ? null : mask.function().id(),
        mask == null ? null : mask.expression());
  }
}
