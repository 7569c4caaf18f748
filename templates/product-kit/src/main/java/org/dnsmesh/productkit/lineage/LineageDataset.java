package org.dnsmesh.productkit.lineage;

import java.util.List;
import java.util.Objects;

/**
 * A dataset in a lineage event: OpenLineage namespace (e.g. {@code kafka://host:9092}, {@code iceberg://na}) and
 * name (topic or table), with its columns when known.
 */
public record LineageDataset(String namespace, String name, List<Column> columns) {

  /** One column: name, type, description (may be null). */
  public record Column(String name, String type, String description) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public LineageDataset {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    columns = columns == null ? List.of() : List.copyOf(columns);
  }
}
