package org.dnsmesh.governance.compile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small, independent evaluator of Trino's file-based access-control rules (the documented semantics of
 * {@code access-control.name=file}, not the compiler's code): in each section the first rule whose
 * {@code user}, {@code catalog}, {@code schema} and {@code table} regexes fully match decides (a missing field
 * matches everything); a table privilege needs catalog access ({@code read-only} admits SELECT only); a
 * column entry carries a {@code mask} or {@code allow: false}; no matching rule is no access.
 */
final class TrinoFileRulesEvaluator {
  /** What a user gets on one table: privileges, row filter, masks by column and columns it may not select. */
  record TableView(Set<String> privileges, Optional<String> filter, Map<String, String> masks, Set<String> deniedColumns) {
    static final TableView NONE = new TableView(Set.of(), Optional.empty(), Map.of(), Set.of());
  }

  private final JsonNode rules;

  TrinoFileRulesEvaluator(JsonNode rules) {
    this.rules = rules;
  }

  TableView view(String user, String catalog, String schema, String table) {
    String catalogAccess = "none";
    for (JsonNode rule : rules.path("catalogs")) {
      if (matches(rule, "user", user) && matches(rule, "catalog", catalog)) {
        catalogAccess = rule.path("allow").asText("none");
        break;
      }
    }
    if (catalogAccess.equals("none")) {
      return TableView.NONE;
    }
    for (JsonNode rule : rules.path("tables")) {
      if (matches(rule, "user", user) && matches(rule, "catalog", catalog) && matches(rule, "schema", schema)
          && matches(rule, "table", table)) {
        Set<String> privileges = new LinkedHashSet<>();
        rule.path("privileges").forEach(p -> privileges.add(p.asText()));
        if (catalogAccess.equals("read-only")) {
          privileges.retainAll(Set.of("SELECT"));
        }
        if (privileges.isEmpty()) {
          return TableView.NONE;
        }
        Map<String, String> masks = new LinkedHashMap<>();
        Set<String> denied = new LinkedHashSet<>();
        for (JsonNode column : rule.path("columns")) {
          if (column.has("mask")) {
            masks.put(column.get("name").asText(), column.get("mask").asText());
          }
          if (column.has("allow") && !column.get("allow").asBoolean()) {
            denied.add(column.get("name").asText());
          }
        }
        Optional<String> filter = rule.has("filter") ? Optional.of(rule.get("filter").asText()) : Optional.empty();
        return new TableView(privileges, filter, masks, denied);
      }
    }
    return TableView.NONE;
  }

  private static boolean matches(JsonNode rule, String field, String value) {
    return !rule.has(field) || Pattern.compile(rule.get(field).asText()).matcher(value).matches();
  }

  static List<String> sorted(Set<String> values) {
    List<String> list = new ArrayList<>(values);
    list.sort(null);
    return list;
  }
}
