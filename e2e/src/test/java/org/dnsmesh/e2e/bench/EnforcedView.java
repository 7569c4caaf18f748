package org.dnsmesh.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Trino's file-based rules (the compiled {@code rules.json}) apply to one user's reads of one table: the
 * first matching {@code tables} rule's row filter and column masks, as Trino itself picks them (first match
 * wins; absent fields match everything; rules for groups or roles are skipped: the bench's user has neither).
 */
record EnforcedView(String filter, Map<String, String> masks) {

  static EnforcedView of(Path rulesFile, String user, String catalog, String schema, String table) throws IOException {
    JsonNode rules = new ObjectMapper().readTree(rulesFile.toFile());
    for (JsonNode rule : rules.path("tables")) {
      if (rule.has("group") || rule.has("role")) {
        continue;
      }
      if (matches(rule, "user", user) && matches(rule, "catalog", catalog) && matches(rule, "schema", schema)
          && matches(rule, "table", table)) {
        Map<String, String> masks = new LinkedHashMap<>();
        for (JsonNode column : rule.path("columns")) {
          if (column.hasNonNull("mask")) {
            masks.put(column.path("name").asText(), column.path("mask").asText());
          }
        }
        return new EnforcedView(rule.hasNonNull("filter") ? rule.path("filter").asText() : null, masks);
      }
    }
    throw new IllegalStateException("no rule of " + rulesFile + " matches " + user + " on " + catalog + "." + schema + "." + table);
  }

  private static boolean matches(JsonNode rule, String field, String value) {
    return !rule.has(field) || Pattern.compile(rule.path(field).asText()).matcher(value).matches();
  }

  /**
   * The query with each named column replaced by its mask expression and the row filter as WHERE: what an
   * unrestricted user must run to compute the enforced answer (the query must not have a WHERE of its own).
   */
  String writtenByHand(String query, List<String> columns) {
    if (query.toUpperCase(java.util.Locale.ROOT).contains(" WHERE ")) {
      throw new IllegalArgumentException("the query must not filter itself: " + query);
    }
    Pattern names = Pattern.compile("\\b(" + String.join("|", columns) + ")\\b");
    Matcher matcher = names.matcher(query);
    StringBuilder rewritten = new StringBuilder();
    while (matcher.find()) {
      String mask = masks.get(matcher.group(1));
      matcher.appendReplacement(rewritten, Matcher.quoteReplacement(mask == null ? matcher.group(1) : "(" + mask + ")"));
    }
    matcher.appendTail(rewritten);
    return filter == null ? rewritten.toString() : rewritten + " WHERE (" + filter + ")";
  }
}
