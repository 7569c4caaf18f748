package org.dnsmesh.catalog.lineage;

import java.util.Objects;

/** A job or a dataset in the lineage graph; id is {@code job:<ns>:<name>} or {@code dataset:<ns>:<name>}. */
public record LineageNode(String id, String type, String namespace, String name) {
  public LineageNode {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    id = type + ":" + namespace + ":" + name;
  }

  public static LineageNode job(String namespace, String name) {
    return new LineageNode(null, "job", namespace, name);
  }

  public static LineageNode dataset(String namespace, String name) {
    return new LineageNode(null, "dataset", namespace, name);
  }

  public boolean isJob() {
    return type.equals("job");
  }
}
