package org.dnsmesh.products.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.dnsmesh.productkit.write.IcebergTableWriter;
import org.dnsmesh.productkit.write.TableLayout;

/**
 * Writes a derived table (a list of Java records such as {@code NxdomainTopGenerators.Hourly}) to Iceberg: the
 * schema follows the record's components ({@code clientId} -> {@code client_id}; primitives required, the rest
 * optional; {@link Instant} -> timestamptz, {@link LocalDate} -> date), and each write replaces the whole table in one
 * commit, so recomputing from the same raw table gives the same derived table.
 */
public final class DerivedTables {
  /** Snapshot summary key of an incremental refresh: the UTC days it recomputed. */
  public static final String REFRESHED_DAYS = "dnsmesh.derived.days";

  private DerivedTables() {}

  public static Schema schemaOf(Class<? extends java.lang.Record> type) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (RecordComponent component : type.getRecordComponents()) {
      Class<?> javaType = component.getType();
      Type icebergType = icebergType(type, component);
      String name = columnName(component.getName());
      fields.add(javaType.isPrimitive() ? Types.NestedField.required(id++, name, icebergType)
          : Types.NestedField.optional(id++, name, icebergType));
    }
    return new Schema(fields);
  }

  /** Replaces the table's rows with {@code rows} (creating table and namespace when missing); returns the rows written. */
  public static <R extends java.lang.Record> long replace(Catalog catalog, TableIdentifier id, Class<R> type,
      List<R> rows, Map<String, String> snapshotSummary) {
    Schema schema = schemaOf(type);
    Table table = IcebergTableWriter.createOrLoad(catalog, id, schema, TableLayout.unpartitioned());
    if (schema.columns().stream().anyMatch(c -> table.schema().findField(c.name()) == null)) {
      // a table written by an older release: its new columns are added (optional), old rows read them as null
      table.updateSchema().unionByNameWith(schema).commit();
      table.refresh();
    }
    IcebergTableWriter writer = new IcebergTableWriter(table);
    List<Record> records = new ArrayList<>(rows.size());
    for (R row : rows) {
      records.add(record(table.schema(), type, row));
    }
    List<DataFile> files = writer.write(records);
    if (files.isEmpty()) {
      org.apache.iceberg.DeleteFiles delete =
          table.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue());
      snapshotSummary.forEach(delete::set);
      delete.commit();
    } else {
      writer.replacePartitions(files, snapshotSummary); // unpartitioned: the one partition is the whole table
    }
    return rows.size();
  }

  /**
   * Replaces the table's rows of the given UTC days with {@code rows} (computed from those days' raw rows) and keeps
   * its other days' rows: a derived table's refresh after new raw snapshots ({@link RawChanges}). The derived table
   * is small (an aggregate), so it is read and rewritten in one commit; the raw table is not read here. A row's day
   * is its {@code day} column, or the UTC day of its {@code hour} column.
   */
  public static <R extends java.lang.Record> long replaceDays(Catalog catalog, TableIdentifier id, Class<R> type,
      java.util.Set<LocalDate> days, List<R> rows, Map<String, String> snapshotSummary) {
    Schema schema = schemaOf(type);
    if (!catalog.tableExists(id)) {
      return replace(catalog, id, type, rows, snapshotSummary);
    }
    Table table = catalog.loadTable(id);
    if (schema.columns().stream().anyMatch(c -> table.schema().findField(c.name()) == null)) {
      table.updateSchema().unionByNameWith(schema).commit();
      table.refresh();
    }
    List<Record> records = new ArrayList<>();
    try (org.apache.iceberg.io.CloseableIterable<Record> kept =
        org.apache.iceberg.data.IcebergGenerics.read(table).build()) {
      for (Record record : kept) {
        if (!days.contains(dayOf(record))) {
          records.add(record.copy());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading " + id + ": " + e.getMessage(), e);
    }
    for (R row : rows) {
      Record record = record(table.schema(), type, row);
      if (!days.contains(dayOf(record))) {
        throw new IllegalArgumentException(id + ": a computed row of " + dayOf(record) + " is outside the days "
            + days + " being replaced");
      }
      records.add(record);
    }
    java.util.Map<String, String> summary = new java.util.LinkedHashMap<>(snapshotSummary);
    summary.put(REFRESHED_DAYS, days.size() <= 31 ? new java.util.TreeSet<>(days).toString() : days.size() + " days");
    IcebergTableWriter writer = new IcebergTableWriter(table);
    List<DataFile> files = writer.write(records);
    if (files.isEmpty()) {
      org.apache.iceberg.DeleteFiles delete =
          table.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue());
      summary.forEach(delete::set);
      delete.commit();
    } else {
      writer.replacePartitions(files, summary); // unpartitioned: the one partition is the whole table
    }
    return records.size();
  }

  /** The UTC day a derived row stands for: its {@code day}, else the day of its {@code hour}. */
  static LocalDate dayOf(Record record) {
    Object day = record.getField("day");
    if (day instanceof LocalDate date) {
      return date;
    }
    Object hour = record.getField("hour");
    if (hour instanceof java.time.OffsetDateTime time) {
      return time.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }
    throw new IllegalArgumentException("a derived row has neither a day nor an hour column: " + record);
  }

  private static Record record(Schema schema, Class<? extends java.lang.Record> type, java.lang.Record row) {
    GenericRecord record = GenericRecord.create(schema);
    for (RecordComponent component : type.getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(row);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + component.getName(), e);
      }
      if (value instanceof Instant instant) {
        value = instant.atOffset(ZoneOffset.UTC);
      }
      record.setField(columnName(component.getName()), value);
    }
    return record;
  }

  private static Type icebergType(Class<?> owner, RecordComponent component) {
    Class<?> t = component.getType();
    if (t == String.class) {
      return Types.StringType.get();
    } else if (t == long.class || t == Long.class) {
      return Types.LongType.get();
    } else if (t == int.class || t == Integer.class) {
      return Types.IntegerType.get();
    } else if (t == double.class || t == Double.class) {
      return Types.DoubleType.get();
    } else if (t == boolean.class || t == Boolean.class) {
      return Types.BooleanType.get();
    } else if (t == Instant.class) {
      return Types.TimestampType.withZone();
    } else if (t == LocalDate.class) {
      return Types.DateType.get();
    }
    throw new IllegalArgumentException(owner.getSimpleName() + "." + component.getName() + " has type "
        + t.getSimpleName() + ", which a derived table cannot hold (use String, long, int, double, boolean, Instant, LocalDate)");
  }

  /** {@code nxdomainShare} -> {@code nxdomain_share}, {@code p95} -> {@code p95}. */
  static String columnName(String component) {
    return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
