package org.dnsmesh.governance.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.decision.ColumnMask;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.decision.RowFilter;
import org.dnsmesh.governance.decision.TableAccess;
import org.dnsmesh.governance.decision.TrinoOpaAdapter;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * The decision-case table {@code decision-cases.json}: the specification every decision point and the
 * compiled Rego bundle must answer identically. Results are compared in a normal form (see the file's
 * description).
 */
public final class DecisionCases {
  public static final ObjectMapper JSON = new ObjectMapper();

  public record Case(String name, String decision, JsonNode input, JsonNode expected) {}

  private DecisionCases() {}

  public static List<Case> load() {
    try (InputStream in = DecisionCases.class.getResourceAsStream("/decision-cases.json")) {
      JsonNode root = JSON.readTree(in);
      List<Case> cases = new ArrayList<>();
      for (JsonNode node : root.get("cases")) {
        cases.add(new Case(node.get("name").asText(), node.get("decision").asText(), node.get("input"), node.get("expected")));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers an {@code allow} or {@code table_access} case with a decision point, in normal form. */
  public static JsonNode answer(PolicyDecisionPoint point, Case c) {
    JsonNode input = c.input();
    return switch (c.decision()) {
      case "allow" -> {
        try {
          List<String> path = new ArrayList<>();
          input.get("resource").forEach(s -> path.add(s.asText()));
          yield JSON.getNodeFactory().booleanNode(point.authorize(PrincipalName.of(input.get("principal").asText()),
              Operation.fromId(input.get("operation").asText()), new ResourceRef(path)).allowed());
        } catch (IllegalArgumentException unparseable) {
          yield JSON.getNodeFactory().booleanNode(false); // what the catalog does with a request it cannot parse
        }
      }
      case "table_access" -> {
        JsonNode table = input.get("table");
        yield normalise(point.tableAccess(PrincipalName.of(input.get("principal").asText()),
            new TableRef(table.get(0).asText(), table.get(1).asText(), table.get(2).asText())));
      }
      case "trino_allow" -> JSON.getNodeFactory().booleanNode(new TrinoOpaAdapter(point).allow(input));
      case "trino_batch" -> {
        ArrayNode indices = JSON.createArrayNode();
        new TrinoOpaAdapter(point).batch(input).stream().sorted().forEach(indices::add);
        yield indices;
      }
      case "trino_row_filters" -> {
        ArrayNode filters = JSON.createArrayNode();
        new TrinoOpaAdapter(point).rowFilters(input).forEach(f -> filters.addObject().put("expression", f.expression()));
        yield filters;
      }
      case "trino_column_mask" -> new TrinoOpaAdapter(point).columnMask(input)
          .<JsonNode>map(e -> JSON.createObjectNode().put("expression", e)
              .put("identity", MaskExpressions.MASKING_IDENTITY)).orElse(NullNode.getInstance());
      case "trino_batch_column_masks" -> {
        ArrayNode masks = JSON.createArrayNode();
        for (TrinoOpaAdapter.IndexedMask mask : new TrinoOpaAdapter(point).batchColumnMasks(input)) {
          ObjectNode node = masks.addObject().put("index", mask.index());
          node.putObject("viewExpression").put("expression", mask.expression())
              .put("identity", MaskExpressions.MASKING_IDENTITY);
        }
        yield masks;
      }
      default -> throw new IllegalArgumentException("case '" + c.name() + "' has unknown decision " + c.decision());
    };
  }

  /** Normal form of a Rego answer to any case ({@code result} absent = undefined = {@code null}). */
  public static JsonNode normaliseRegoAnswer(Case c, JsonNode result) {
    boolean undefined = result == null || result.isNull() || result.isMissingNode();
    return switch (c.decision()) {
      case "allow", "trino_allow" -> JSON.getNodeFactory().booleanNode(!undefined && result.asBoolean());
      case "table_access" -> normaliseRego(result);
      case "trino_batch" -> {
        ArrayNode sorted = JSON.createArrayNode();
        List<Integer> indices = new ArrayList<>();
        if (!undefined) {
          result.forEach(i -> indices.add(i.asInt()));
        }
        indices.stream().sorted().forEach(sorted::add);
        yield sorted;
      }
      case "trino_row_filters" -> undefined ? JSON.createArrayNode() : result;
      case "trino_column_mask" -> undefined ? NullNode.getInstance() : result;
      case "trino_batch_column_masks" -> {
        List<JsonNode> masks = new ArrayList<>();
        if (!undefined) {
          result.forEach(masks::add);
        }
        masks.sort(java.util.Comparator.comparingInt(m -> m.get("index").asInt()));
        ArrayNode sorted = JSON.createArrayNode();
        masks.forEach(sorted::add);
        yield sorted;
      }
      default -> throw new IllegalArgumentException("case '" + c.name() + "' has unknown decision " + c.decision());
    };
  }

  /** The data document a case's decision lives at, e.g. {@code data.dnsmesh.trino.batch}. */
  public static String query(Case c) {
    return switch (c.decision()) {
      case "allow" -> "data.dnsmesh.authz.allow";
      case "table_access" -> "data.dnsmesh.authz.table_access";
      default -> "data.dnsmesh.trino." + c.decision().substring("trino_".length());
    };
  }

  public static JsonNode normalise(TableAccess access) {
    if (!access.decision().allowed()) {
      return NullNode.getInstance();
    }
    ObjectNode result = JSON.createObjectNode();
    ArrayNode privileges = result.putArray("privileges");
    access.privileges().stream().map(Privilege::id).sorted().forEach(privileges::add);
    ObjectNode masks = result.putObject("column_masks");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (ColumnMask mask : access.columnMasks()) {
      sorted.put(mask.column(), mask.function().id());
    }
    sorted.forEach(masks::put);
    ArrayNode filters = result.putArray("row_filters");
    access.rowFilters().stream().map(RowFilter::expression).forEach(filters::add);
    return result;
  }

  /** Normal form of a Rego {@code table_access} result ({@code null} when undefined). */
  public static JsonNode normaliseRego(JsonNode result) {
    if (result == null || result.isNull() || result.isMissingNode()) {
      return NullNode.getInstance();
    }
    ObjectNode normal = JSON.createObjectNode();
    ArrayNode privileges = normal.putArray("privileges");
    List<String> sortedPrivileges = new ArrayList<>();
    result.get("privileges").forEach(p -> sortedPrivileges.add(p.asText()));
    sortedPrivileges.stream().sorted().forEach(privileges::add);
    TreeMap<String, String> masks = new TreeMap<>();
    result.get("column_masks").forEach(m -> masks.put(m.get("column").asText(), m.get("function").asText()));
    ObjectNode maskNode = normal.putObject("column_masks");
    masks.forEach(maskNode::put);
    ArrayNode filters = normal.putArray("row_filters");
    result.get("row_filters").forEach(f -> filters.add(f.get("expression").asText()));
    return normal;
  }

  /** Expected value in normal form (masks sorted by column). */
  public static JsonNode expected(Case c) {
    JsonNode expected = c.expected();
    if (!"table_access".equals(c.decision()) || expected.isNull()) {
      return expected;
    }
    ObjectNode normal = expected.deepCopy();
    TreeMap<String, String> masks = new TreeMap<>();
    expected.get("column_masks").properties().forEach(e -> masks.put(e.getKey(), e.getValue().asText()));
    ObjectNode maskNode = normal.putObject("column_masks");
    masks.forEach(maskNode::put);
    return normal;
  }
}
