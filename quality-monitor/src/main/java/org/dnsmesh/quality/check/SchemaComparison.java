package org.dnsmesh.quality.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.dnsmesh.quality.contract.ContractColumn;

/**
 * Compares top-level columns of an Iceberg schema with contract columns. Renames are found by field id:
 * a contract column missing by name whose name an earlier schema gave to a field id that the current
 * schema still has under another name.
 */
public final class SchemaComparison {
  private SchemaComparison() {
  }

  public static List<Drift> compare(Schema current, List<Schema> pastSchemas, List<ContractColumn> columns) {
    List<Drift> drifts = new ArrayList<>();
    Set<String> explained = new HashSet<>();
    for (ContractColumn column : columns) {
      Types.NestedField field = current.asStruct().field(column.name());
      if (field == null) {
        Optional<Types.NestedField> renamed = renamedTo(current, pastSchemas, column.name());
        if (renamed.isPresent()) {
          explained.add(renamed.get().name());
          drifts.add(new Drift(Drift.Kind.RENAMED, column.name(), "field id " + renamed.get().fieldId()
              + " is now named '" + renamed.get().name() + "'"));
        } else {
          drifts.add(new Drift(Drift.Kind.MISSING, column.name(), "not in the table's current schema"));
        }
        continue;
      }
      explained.add(field.name());
      if (!typeMatches(column, field.type())) {
        drifts.add(new Drift(Drift.Kind.RETYPED, column.name(), "contract says "
            + (column.physicalType() != null ? column.physicalType() : column.logicalType())
            + ", table has " + field.type()));
      }
      if (column.required() && field.isOptional()) {
        drifts.add(new Drift(Drift.Kind.NULLABILITY, column.name(), "required in the contract, optional in the table"));
      }
    }
    for (Types.NestedField field : current.columns()) {
      if (!explained.contains(field.name())) {
        drifts.add(new Drift(Drift.Kind.EXTRA, field.name(), "field id " + field.fieldId() + " (" + field.type()
            + ") is not in the contract"));
      }
    }
    return drifts;
  }

  private static Optional<Types.NestedField> renamedTo(Schema current, List<Schema> past, String name) {
    for (Schema schema : past) {
      Types.NestedField old = schema.asStruct().field(name);
      if (old != null) {
        Types.NestedField now = current.asStruct().field(old.fieldId());
        if (now != null && !now.name().equals(name)) {
          return Optional.of(now);
        }
      }
    }
    return Optional.empty();
  }

  /** Physical type compares exactly; a logical type accepts the Iceberg types that can carry it. */
  static boolean typeMatches(ContractColumn column, Type type) {
    if (column.physicalType() != null) {
      return column.physicalType().trim().equalsIgnoreCase(type.toString());
    }
    Type.TypeID id = type.typeId();
    return switch (column.logicalType().toLowerCase(Locale.ROOT)) {
      case "string" -> id == Type.TypeID.STRING || id == Type.TypeID.UUID;
      case "integer" -> id == Type.TypeID.INTEGER || id == Type.TypeID.LONG;
      case "number" -> id == Type.TypeID.FLOAT || id == Type.TypeID.DOUBLE || id == Type.TypeID.DECIMAL
          || id == Type.TypeID.INTEGER || id == Type.TypeID.LONG;
      case "boolean" -> id == Type.TypeID.BOOLEAN;
      case "date" -> id == Type.TypeID.DATE;
      case "timestamp" -> id == Type.TypeID.TIMESTAMP || id == Type.TypeID.TIMESTAMP_NANO;
      case "time" -> id == Type.TypeID.TIME;
      case "object" -> id == Type.TypeID.STRUCT || id == Type.TypeID.MAP;
      case "array" -> id == Type.TypeID.LIST;
      case "binary", "bytes" -> id == Type.TypeID.BINARY || id == Type.TypeID.FIXED;
      default -> throw new IllegalArgumentException("column " + column.name() + ": unknown logical type '"
          + column.logicalType() + "'");
    };
  }
}
