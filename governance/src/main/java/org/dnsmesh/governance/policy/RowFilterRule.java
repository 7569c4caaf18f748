package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Restricts rows: when a selected principal has {@code attribute}, tables matched by {@code on} that
 * have {@code column} show only rows where {@code column = <attribute value>}. A principal without the
 * attribute is not filtered by this rule.
 */
public record RowFilterRule(@JsonProperty("to") SubjectSelector subject,
                            @JsonProperty("on") List<ResourcePattern> resources,
                            @JsonProperty("attribute") String attribute,
                            @JsonProperty("column") String column) {
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  public RowFilterRule {
    Objects.requireNonNull(subject, "to");
    resources = resources == null ? List.of(ResourcePattern.ALL) : List.copyOf(resources);
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(column, "column");
    if (!IDENTIFIER.matcher(column).matches()) {
      throw new IllegalArgumentException("row filter column '" + column + "' must match " + IDENTIFIER.pattern());
    }
  }

  /** The SQL predicate for one attribute value, quoted as a SQL string literal. */
  public String expressionFor(String value) {
    return column + " = '" + value.replace("'", "''") + "'";
  }
}
