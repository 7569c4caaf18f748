package org.dnsmesh.governance.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.decision.ColumnMask;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.decision.RowFilter;
import org.dnsmesh.governance.decision.TableAccess;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableRef;
import org.junit.jupiter.api.Test;

/**
 * One answer everywhere: every principal x operation x table of the demo policy, asked of the catalog's decision
 * point and of Trino's compiled rules (evaluated by {@link TrinoFileRulesEvaluator}, written from Trino's
 * documented file-based semantics), must agree on 100 % of the cells: read, write, manage, the row filter, the
 * mask of every column, and whether the table's files (Trino's hidden file columns, the catalog's loadTable)
 * are handed out.
 */
class DecisionAgreementTest {
  private static final List<String> OPERATIONS = List.of("read", "write", "manage", "row-filter", "column-masks", "files");

  @Test
  void catalogDecisionPointAndTrinoRulesAgreeOnEveryCell() {
    EmbeddedPolicyDecisionPoint decisions = DemoPolicy.embedded();
    TrinoFileRulesEvaluator trino = new TrinoFileRulesEvaluator(
        new TrinoRulesCompiler(DemoPolicy.EXPRESSIONS).compile(DemoPolicy.POLICY, DemoPolicy.TABLES));
    List<String> disagreements = new ArrayList<>();
    int cells = 0;
    for (Principal principal : DemoPolicy.POLICY.principals()) {
      for (TableClassification table : DemoPolicy.TABLES.all()) {
        TableRef ref = table.table();
        TrinoFileRulesEvaluator.TableView view = trino.view(principal.name().value(), ref.domain(), ref.product(), ref.table());
        TableAccess access = decisions.tableAccess(principal.name(), ref);
        boolean read = decisions.authorize(principal.name(), Operation.READ_TABLE, ref.toResource()).allowed();
        Map<String, Object> catalog = new LinkedHashMap<>();
        Map<String, Object> compiled = new LinkedHashMap<>();
        catalog.put("read", read);
        compiled.put("read", view.privileges().contains("SELECT"));
        catalog.put("write", decisions.authorize(principal.name(), Operation.WRITE_TABLE, ref.toResource()).allowed());
        compiled.put("write", view.privileges().containsAll(List.of("INSERT", "DELETE", "UPDATE")));
        catalog.put("manage", decisions.authorize(principal.name(), Operation.DROP_TABLE, ref.toResource()).allowed());
        compiled.put("manage", view.privileges().contains("OWNERSHIP"));
        catalog.put("row-filter", read ? filterOf(access) : Optional.empty());
        compiled.put("row-filter", view.privileges().isEmpty() ? Optional.empty() : view.filter());
        catalog.put("column-masks", read ? access.columnMasks().stream()
            .collect(Collectors.toMap(ColumnMask::column, ColumnMask::expression, (a, b) -> a, LinkedHashMap::new)) : Map.of());
        compiled.put("column-masks", view.masks());
        catalog.put("files", decisions.authorize(principal.name(), Operation.READ_TABLE_FILES, ref.toResource()).allowed());
        compiled.put("files", view.privileges().contains("SELECT")
            && !view.deniedColumns().containsAll(TrinoRulesCompiler.FILE_COLUMNS));
        for (String operation : OPERATIONS) {
          cells++;
          if (!catalog.get(operation).equals(compiled.get(operation))) {
            disagreements.add(principal.name() + " " + operation + " " + ref + ": decision point " + catalog.get(operation)
                + ", Trino rules " + compiled.get(operation));
          }
        }
      }
    }
    System.out.printf("[DecisionAgreementTest] %d principals x %d operations x %d tables = %d cells, %d disagree%n",
        DemoPolicy.POLICY.principals().size(), OPERATIONS.size(), DemoPolicy.TABLES.all().size(), cells, disagreements.size());
    assertThat(cells).isEqualTo(DemoPolicy.POLICY.principals().size() * OPERATIONS.size() * DemoPolicy.TABLES.all().size());
    assertThat(disagreements).isEmpty();
  }

  /** The decision point's filters as Trino's rule states them: one predicate, or several ANDed in parentheses. */
  private static Optional<String> filterOf(TableAccess access) {
    List<String> predicates = access.rowFilters().stream().map(RowFilter::expression).toList();
    if (predicates.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(predicates.size() == 1 ? predicates.getFirst()
        : predicates.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" AND ")));
  }
}
