package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Restricts rows: when a selected principal has {@code attribute}, tables matched by {@code on} (and not by
 * {@code except}: global tables such as aggregates) show only rows where {@code column = <attribute value>}.
 * Fails closed: a table without that column is compared as a whole, by the region of its domain (the
 * policy's {@code regions}); a table whose domain has no region shows no rows. A principal without the
 * attribute is not filtered by this rule.
 */
public record RowFilterRule(@JsonProperty("to") SubjectSelector subject,
                            @JsonProperty("on") List<ResourcePattern> resources,
                            @JsonProperty("except") List<ResourcePattern> except,
                            @JsonProperty("attribute") String attribute,
                            @JsonProperty("column") String column) {
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  /** The predicate of a table the filter cannot be applied to row by row: no rows. */
  public static final String NO_ROWS = "false";

  public RowFilterRule {
    Objects.requireNonNull(subject, "to");
    resources = resources == null ? List.of(ResourcePattern.ALL) : List.copyOf(resources);
    except = except == null ? List.of() : List.copyOf(except);
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(column, "column");
    if (!IDENTIFIER.matcher(column).matches()) {
      throw new IllegalArgumentException("row filter column '" + column + "' must match " + IDENTIFIER.pattern());
    }
  }

  /** Whether the rule restricts rows of {@code table} at all (covered by {@code on}, not by {@code except}). */
  public boolean appliesTo(ResourceRef table) {
    return resources.stream().anyMatch(p -> p.covers(table)) && except.stream().noneMatch(p -> p.covers(table));
  }

  /** The SQL predicate for one attribute value, quoted as a SQL string literal. */
  public String expressionFor(String value) {
    return column + " = '" + value.replace("'", "''") + "'";
  }

  /**
   * The predicate for a table: per row where the table has the column; otherwise the whole table by its
   * region: visible (empty: no filter) when the region is the attribute value, else {@link #NO_ROWS}.
   */
  public Optional<String> predicateFor(TableClassification table, Optional<String> tableRegion, String value) {
    if (table.column(column).isPresent()) {
      return Optional.of(expressionFor(value));
    }
    return tableRegion.filter(value::equals).isPresent() ? Optional.empty() : Optional.of(NO_ROWS);
  }
}
