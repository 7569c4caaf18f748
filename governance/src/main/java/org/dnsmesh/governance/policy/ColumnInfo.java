package org.dnsmesh.governance.policy;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One column as governance needs it from the contract: name, Trino type (masks must return exactly this
 * type), classification and free tags (e.g. {@code client-ip}).
 */
public record ColumnInfo(String name, String type, Classification classification, Set<String> tags) {
  public ColumnInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(classification, "classification of column " + name);
    if (!RowFilterRule.IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("column name '" + name + "' must match " + RowFilterRule.IDENTIFIER.pattern());
    }
    tags = tags == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(tags));
  }
}
