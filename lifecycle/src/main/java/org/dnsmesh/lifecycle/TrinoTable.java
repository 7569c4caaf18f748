package org.dnsmesh.lifecycle;

import java.util.Objects;
import java.util.regex.Pattern;

/** A table as Trino names it: catalog (= the mesh domain), schema (= Iceberg namespace) and table. */
public record TrinoTable(String catalog, String schema, String table) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

  public TrinoTable {
    catalog = identifier(catalog, "catalog");
    schema = identifier(schema, "schema");
    table = identifier(table, "table");
  }

  /** Parses {@code catalog.schema.table}. */
  public static TrinoTable parse(String qualified) {
    String[] parts = Objects.requireNonNull(qualified, "qualified").split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("Expected catalog.schema.table, got '" + qualified + "'");
    }
    return new TrinoTable(parts[0], parts[1], parts[2]);
  }

  /** Names are checked against a strict pattern, so quoting them is enough to keep SQL built from them safe. */
  private static String identifier(String value, String what) {
    Objects.requireNonNull(value, what);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid " + what + " name '" + value + "': expected [a-z][a-z0-9_]*");
    }
    return value;
  }

  /** The quoted SQL name. */
  public String sql() {
    return '"' + catalog + "\".\"" + schema + "\".\"" + table + '"';
  }

  /** The quoted SQL name of one of Iceberg's metadata tables, e.g. {@code $snapshots}. */
  public String metadataTable(String suffix) {
    return '"' + catalog + "\".\"" + schema + "\".\"" + table + '$' + suffix + '"';
  }

  @Override
  public String toString() {
    return catalog + '.' + schema + '.' + table;
  }
}
