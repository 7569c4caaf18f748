package org.dnsmesh.catalog.lineage;

import java.util.List;
import java.util.Objects;

/** The lineage around one node: edges point from producer to consumer (dataset -> job -> dataset). */
public record LineageGraph(String root, int depth, List<LineageNode> nodes, List<Edge> edges) {
  public LineageGraph {
    Objects.requireNonNull(root, "root");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  public record Edge(String from, String to) {}
}
