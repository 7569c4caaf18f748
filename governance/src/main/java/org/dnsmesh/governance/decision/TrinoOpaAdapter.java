package org.dnsmesh.governance.decision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * Answers Trino's OPA access-control requests (plugin/opa, Trino 476 input shapes) from any
 * {@link PolicyDecisionPoint}: the Java twin of {@code dnsmesh/trino/trino.rego}. A service can expose these
 * methods at the URIs Trino's OPA plugin calls, so Trino enforces the embedded decisions without an OPA
 * server. Malformed input is denied.
 */
public final class TrinoOpaAdapter {
  private static final Set<String> SESSION = Set.of("ExecuteQuery", "ReadSystemInformation");
  private static final Set<String> OWN_QUERIES = Set.of("ViewQueryOwnedBy", "FilterViewQueryOwnedBy", "KillQueryOwnedBy");
  private static final Set<String> FUNCTIONS = Set.of("ExecuteFunction", "FilterFunctions", "ShowFunctions");
  private static final Set<String> CATALOG = Set.of("AccessCatalog", "FilterCatalogs", "ShowSchemas");
  private static final Set<String> SCHEMA = Set.of("FilterSchemas", "ShowCreateSchema", "ShowTables");
  private static final Set<String> TABLE_METADATA = Set.of("FilterTables", "ShowColumns", "FilterColumns", "ShowCreateTable");
  private static final Set<String> METADATA_READ = Set.of("FilterTables", "ShowColumns", "FilterColumns", "SelectFromColumns");
  private static final Set<String> WRITE = Set.of("InsertIntoTable", "DeleteFromTable", "TruncateTable", "UpdateTableColumns");
  private static final Set<String> MANAGE_TABLE = Set.of("CreateTable", "DropTable", "AddColumn", "DropColumn", "RenameColumn",
      "AlterColumn", "SetTableProperties", "SetTableComment", "SetColumnComment");
  private static final Set<String> MANAGE_SCHEMA = Set.of("CreateSchema", "DropSchema");
  private static final Set<String> SYSTEM_METADATA_SCHEMAS = Set.of("jdbc", "metadata", "information_schema");

  private final PolicyDecisionPoint decisions;

  public TrinoOpaAdapter(PolicyDecisionPoint decisions) {
    this.decisions = Objects.requireNonNull(decisions, "decisions");
  }

  /** {@code allow}: input {@code {"context": {"identity": {"user"}}, "action": {"operation", "resource"}}}. */
  public boolean allow(JsonNode input) {
    try {
      return allow(user(input), input.path("action").path("operation").asText(), input.path("action").path("resource"));
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** {@code batch}: indices of {@code action.filterResources} allowed; for FilterColumns, indices of the columns. */
  public List<Integer> batch(JsonNode input) {
    List<Integer> allowed = new ArrayList<>();
    try {
      String user = user(input);
      String operation = input.path("action").path("operation").asText();
      JsonNode resources = input.path("action").path("filterResources");
      if (operation.equals("FilterColumns")) {
        JsonNode table = resources.path(0).path("table");
        if (canDiscover(user, List.of(text(table, "catalogName"), text(table, "schemaName"), text(table, "tableName")))) {
          for (int i = 0; i < table.path("columns").size(); i++) {
            allowed.add(i);
          }
        }
        return allowed;
      }
      for (int i = 0; i < resources.size(); i++) {
        if (allow(user, operation, resources.get(i))) {
          allowed.add(i);
        }
      }
    } catch (RuntimeException malformed) {
      return List.of();
    }
    return allowed;
  }

  /** {@code row_filters}: for GetRowFilters on {@code action.resource.table}. */
  public List<RowFilter> rowFilters(JsonNode input) {
    try {
      if (!input.path("action").path("operation").asText().equals("GetRowFilters")) {
        return List.of();
      }
      return tableAccess(user(input), input.path("action").path("resource").path("table")).rowFilters();
    } catch (RuntimeException malformed) {
      return List.of();
    }
  }

  /**
   * {@code column_mask}: the mask expression for {@code action.resource.column}, empty when shown as stored. Trino is
   * answered with the expression and {@code "identity": }{@value MaskExpressions#MASKING_IDENTITY}, the identity it
   * evaluates every mask as.
   */
  public Optional<String> columnMask(JsonNode input) {
    try {
      if (!input.path("action").path("operation").asText().equals("GetColumnMask")) {
        return Optional.empty();
      }
      return maskExpression(user(input), input.path("action").path("resource").path("column"));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** {@code batch_column_masks}: (index, expression) for each masked column of {@code action.filterResources}. */
  public List<IndexedMask> batchColumnMasks(JsonNode input) {
    List<IndexedMask> masks = new ArrayList<>();
    try {
      if (!input.path("action").path("operation").asText().equals("GetColumnMask")) {
        return masks;
      }
      String user = user(input);
      JsonNode resources = input.path("action").path("filterResources");
      for (int i = 0; i < resources.size(); i++) {
        int index = i;
        maskExpression(user, resources.get(i).path("column")).ifPresent(e -> masks.add(new IndexedMask(index, e)));
      }
    } catch (RuntimeException malformed) {
      return List.of();
    }
    return masks;
  }

  public record IndexedMask(int index, String expression) {}

  private boolean allow(String user, String operation, JsonNode resource) {
    if (SESSION.contains(operation)) {
      return known(user);
    }
    if (OWN_QUERIES.contains(operation)) {
      return known(user) && user.equals(resource.path("user").path("user").asText(null));
    }
    if (FUNCTIONS.contains(operation)) {
      JsonNode function = resource.path("function");
      if (MaskExpressions.MASKING_IDENTITY.equals(user)) { // the masks' evaluation identity: the pseudonym only
        return operation.equals("ExecuteFunction")
            && MaskExpressions.MASKING_CATALOG.equals(function.path("catalogName").asText())
            && MaskExpressions.MASKING_SCHEMA.equals(function.path("schemaName").asText())
            && MaskExpressions.PSEUDONYM_NAME.equals(function.path("functionName").asText());
      }
      return known(user) && "system".equals(function.path("catalogName").asText()) && "builtin".equals(function.path("schemaName").asText());
    }
    if (CATALOG.contains(operation) && MaskExpressions.MASKING_IDENTITY.equals(user)) {
      return operation.equals("AccessCatalog"); // masks are analysed in their table's catalog; it reads no table
    }
    if (CATALOG.contains(operation)) {
      String catalog = resource.path("catalog").path("name").asText("");
      return (catalog.equals("system") && !operation.equals("ShowSchemas") && known(user)) || canDiscover(user, List.of(catalog));
    }
    if (SCHEMA.contains(operation)) {
      JsonNode schema = resource.path("schema");
      return canDiscoverSchema(user, text(schema, "catalogName"), text(schema, "schemaName"));
    }
    if (MANAGE_SCHEMA.contains(operation)) {
      JsonNode schema = resource.path("schema");
      return decisions.authorize(PrincipalName.of(user), Operation.CREATE_NAMESPACE,
          ResourceRef.product(text(schema, "catalogName"), text(schema, "schemaName"))).allowed();
    }
    JsonNode table = resource.path("table");
    String catalog = text(table, "catalogName");
    String schema = text(table, "schemaName");
    String name = text(table, "tableName");
    if (METADATA_READ.contains(operation)) {
      if (schema.equals("information_schema") && canDiscover(user, List.of(catalog))) {
        return true;
      }
      if (catalog.equals("system") && SYSTEM_METADATA_SCHEMAS.contains(schema) && known(user)) {
        return true;
      }
    }
    if (TABLE_METADATA.contains(operation)) {
      return canDiscoverSchema(user, catalog, schema) && canDiscover(user, List.of(catalog, schema, name));
    }
    if (operation.equals("SelectFromColumns") && MaskExpressions.MASKING_IDENTITY.equals(user)) {
      return true; // the columns a mask reads are checked as the identity it is evaluated as
    }
    if (operation.equals("SelectFromColumns")) {
      return tableAccess(user, table).can(Privilege.READ);
    }
    if (WRITE.contains(operation)) {
      return tableAccess(user, table).can(Privilege.WRITE);
    }
    if (MANAGE_TABLE.contains(operation)) {
      return decisions.authorize(PrincipalName.of(user), Operation.CREATE_TABLE, ResourceRef.table(catalog, schema, name)).allowed();
    }
    return false; // every other operation (impersonation, grants, views, procedures, ...) is denied
  }

  private Optional<String> maskExpression(String user, JsonNode column) {
    String columnName = text(column, "columnName");
    return tableAccess(user, column).columnMasks().stream()
        .filter(m -> m.column().equals(columnName)).map(ColumnMask::expression).findFirst();
  }

  private TableAccess tableAccess(String user, JsonNode table) {
    return decisions.tableAccess(PrincipalName.of(user),
        new TableRef(text(table, "catalogName"), text(table, "schemaName"), text(table, "tableName")));
  }

  private boolean known(String user) {
    return decisions.authorize(PrincipalName.of(user), Operation.LIST_CATALOG, ResourceRef.mesh()).allowed();
  }

  private boolean canDiscover(String user, List<String> path) {
    return decisions.authorize(PrincipalName.of(user), Operation.READ_METADATA, new ResourceRef(path)).allowed();
  }

  private boolean canDiscoverSchema(String user, String catalog, String schema) {
    return schema.equals("information_schema") ? canDiscover(user, List.of(catalog)) : canDiscover(user, List.of(catalog, schema));
  }

  private static String user(JsonNode input) {
    return text(input.path("context").path("identity"), "user");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.asText();
  }
}
