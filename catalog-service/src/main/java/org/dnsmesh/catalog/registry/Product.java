package org.dnsmesh.catalog.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A data product as registered. Output ports are Iceberg tables of the product's domain; input ports
 * name upstream products ({@code domain.product}) or topics ({@code topic:<name>}).
 */
public record Product(
    String domain,
    String name,
    String description,
    String ownerTeam,
    String ownerContact,
    List<String> tags,
    String status,
    String classification,
    Map<String, Object> sla,
    List<OutputPort> outputPorts,
    List<String> inputPorts,
    List<Column> columns,
    Instant updatedAt) {
  public static final Set<String> STATUSES = Set.of("draft", "active", "deprecated", "retired");

  public Product {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(name, "name");
    description = Objects.requireNonNullElse(description, "");
    ownerTeam = Objects.requireNonNullElse(ownerTeam, "");
    ownerContact = Objects.requireNonNullElse(ownerContact, "");
    tags = List.copyOf(Objects.requireNonNullElse(tags, List.of()));
    status = Objects.requireNonNullElse(status, "draft");
    classification = Objects.requireNonNullElse(classification, "internal");
    sla = Map.copyOf(Objects.requireNonNullElse(sla, Map.of()));
    outputPorts = List.copyOf(Objects.requireNonNullElse(outputPorts, List.of()));
    inputPorts = List.copyOf(Objects.requireNonNullElse(inputPorts, List.of()));
    columns = List.copyOf(Objects.requireNonNullElse(columns, List.of()));
  }

  /** An Iceberg table of the product's domain: namespace (schema) and table name. */
  public record OutputPort(String namespace, String table) {
    public OutputPort {
      Objects.requireNonNull(namespace, "outputPorts[].namespace");
      Objects.requireNonNull(table, "outputPorts[].table");
    }
  }

  /** A column as described by the contract, for search. */
  public record Column(String name, String description) {
    public Column {
      Objects.requireNonNull(name, "columns[].name");
      description = Objects.requireNonNullElse(description, "");
    }
  }

  /** The text the full-text index covers. */
  String searchText() {
    StringBuilder text = new StringBuilder()
        .append(domain).append(' ').append(name.replace('_', ' ')).append(' ').append(name).append(' ')
        .append(description).append(' ').append(String.join(" ", tags)).append(' ').append(ownerTeam);
    columns.forEach(column -> text.append(' ').append(column.name()).append(' ')
        .append(column.name().replace('_', ' ')).append(' ').append(column.description()));
    outputPorts.forEach(port -> text.append(' ').append(port.table()));
    return text.toString();
  }
}
