package org.dnsmesh.governance.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dnsmesh.governance.policy.MaskFunction;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * The JSON contract between our decision point and Rego (the rules of package {@code dnsmesh.authz}):
 * <pre>
 * allow         input {"principal": "ana", "operation": "read-table", "resource": ["na","resolver","queries"]}
 *               result true | false
 * table_access  input {"principal": "ana", "table": ["na","resolver","queries"]}
 *               result {"privileges": ["discover","read"],
 *                       "column_masks": [{"column": "client_ip", "function": "ipv4-prefix-24", "expression": "..."}],
 *                       "row_filters": [{"expression": "region = 'eu'"}]}  (undefined = denied)
 * </pre>
 */
public final class OpaProtocol {
  public static final String DEFAULT_PACKAGE = "dnsmesh/authz";
  public static final String ALLOW_RULE = "allow";
  public static final String TABLE_ACCESS_RULE = "table_access";

  private OpaProtocol() {}

  public static ObjectNode authorizeInput(ObjectMapper json, PrincipalName principal, Operation operation, ResourceRef resource) {
    ObjectNode input = json.createObjectNode();
    input.put("principal", principal.value());
    input.put("operation", operation.decidedAs().id()); // the bundle knows the policy operations
    ArrayNode path = input.putArray("resource");
    resource.path().forEach(path::add);
    return input;
  }

  public static ObjectNode tableAccessInput(ObjectMapper json, PrincipalName principal, TableRef table) {
    ObjectNode input = json.createObjectNode();
    input.put("principal", principal.value());
    input.putArray("table").add(table.domain()).add(table.product()).add(table.table());
    return input;
  }

  /** Encodes a decision as the Rego rule would answer it ({@code null} = undefined). */
  public static JsonNode tableAccessResult(ObjectMapper json, TableAccess access) {
    if (!access.decision().allowed()) {
      return null;
    }
    ObjectNode result = json.createObjectNode();
    ArrayNode privileges = result.putArray("privileges");
    access.privileges().stream().map(Privilege::id).sorted().forEach(privileges::add);
    ArrayNode masks = result.putArray("column_masks");
    for (ColumnMask mask : access.columnMasks()) {
      masks.addObject().put("column", mask.column()).put("function", mask.function().id()).put("expression", mask.expression());
    }
    ArrayNode filters = result.putArray("row_filters");
    access.rowFilters().forEach(f -> filters.addObject().put("expression", f.expression()));
    return result;
  }

  /** Decodes a {@code table_access} result; throws IllegalArgumentException on a malformed one. */
  public static TableAccess parseTableAccess(JsonNode result, String reason) {
    if (!result.isObject() || !result.path("privileges").isArray()) {
      throw new IllegalArgumentException("table_access result is not an object with a privileges array: " + result);
    }
    Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
    result.get("privileges").forEach(p -> privileges.add(Privilege.fromId(text(p, "privilege"))));
    List<ColumnMask> masks = new ArrayList<>();
    for (JsonNode mask : result.path("column_masks")) {
      masks.add(new ColumnMask(text(mask.get("column"), "column"), MaskFunction.fromId(text(mask.get("function"), "function")),
          text(mask.get("expression"), "expression")));
    }
    List<RowFilter> filters = new ArrayList<>();
    for (JsonNode filter : result.path("row_filters")) {
      filters.add(new RowFilter(text(filter.get("expression"), "expression")));
    }
    if (privileges.stream().allMatch(p -> p == Privilege.DISCOVER)) {
      return TableAccess.denied(Decision.deny("no privileges on table"));
    }
    return new TableAccess(Decision.allow(reason), privileges, masks, filters);
  }

  private static String text(JsonNode node, String what) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(what + " is not a string: " + node);
    }
    return node.asText();
  }
}
