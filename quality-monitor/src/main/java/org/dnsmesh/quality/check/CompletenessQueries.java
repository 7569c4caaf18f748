package org.dnsmesh.quality.check;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.contract.ContractView;

/**
 * Generates the Trino SQL of the completeness and validity checks. Restricted to the newest data by a
 * predicate on the event-time column, which Iceberg turns into partition pruning (newest partitions only).
 * The SQL is a subset that PostgreSQL runs too, which is how the tests execute it.
 */
public final class CompletenessQueries {
  private static final DateTimeFormatter LITERAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private CompletenessQueries() {
  }

  /** A query with its result columns: {@code row_count}, {@code null_i} for required column i, {@code invalid_i}. */
  public record Profile(String sql, List<ContractColumn> requiredColumns, List<ContractColumn> validatedColumns) {
  }

  public static Profile profile(ContractView contract, String sqlTable, Instant since) {
    List<ContractColumn> required = contract.columns().stream().filter(ContractColumn::required).toList();
    List<ContractColumn> validated = contract.columns().stream().filter(ContractColumn::hasValidityRule).toList();
    StringBuilder sql = new StringBuilder("SELECT count(*) AS row_count");
    for (int i = 0; i < required.size(); i++) {
      sql.append(",\n  sum(CASE WHEN ").append(quote(required.get(i).name())).append(" IS NULL THEN 1 ELSE 0 END) AS null_")
          .append(i);
    }
    for (int i = 0; i < validated.size(); i++) {
      sql.append(",\n  sum(CASE WHEN ").append(invalidPredicate(validated.get(i))).append(" THEN 1 ELSE 0 END) AS invalid_")
          .append(i);
    }
    sql.append("\nFROM ").append(sqlTable).append(where(contract.eventTimeColumn(), since));
    return new Profile(sql.toString(), required, validated);
  }

  /** Rows that share their key with another row in the window ({@code duplicate_rows}) and all rows. */
  public static String duplicates(ContractView contract, String sqlTable, Instant since) {
    String keys = String.join(", ", contract.keyColumns().stream().map(CompletenessQueries::quote).toList());
    String where = where(contract.eventTimeColumn(), since);
    return "SELECT (SELECT count(*) FROM " + sqlTable + where + ") AS row_count,\n"
        + "  (SELECT coalesce(sum(c), 0) FROM (SELECT count(*) AS c FROM " + sqlTable + where
        + " GROUP BY " + keys + " HAVING count(*) > 1) d) AS duplicate_rows";
  }

  static String invalidPredicate(ContractColumn column) {
    String name = quote(column.name());
    List<String> conditions = new ArrayList<>();
    if (!column.allowedValues().isEmpty()) {
      boolean numeric = isNumeric(column);
      List<String> literals = column.allowedValues().stream().map(v -> numeric ? number(column, v) : string(v)).toList();
      conditions.add(name + " NOT IN (" + String.join(", ", literals) + ")");
    }
    if (column.minimum() != null) {
      conditions.add(name + " < " + plain(column.minimum()));
    }
    if (column.maximum() != null) {
      conditions.add(name + " > " + plain(column.maximum()));
    }
    return name + " IS NOT NULL AND (" + String.join(" OR ", conditions) + ")";
  }

  private static String where(Optional<String> eventTime, Instant since) {
    return eventTime.map(column -> "\nWHERE " + quote(column) + " >= TIMESTAMP '" + LITERAL.format(since) + " UTC'")
        .orElse("");
  }

  /** Quotes an identifier; double quotes inside are doubled. */
  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String string(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static boolean isNumeric(ContractColumn column) {
    String type = column.logicalType().toLowerCase(Locale.ROOT);
    return type.equals("integer") || type.equals("number");
  }

  private static String number(ContractColumn column, String value) {
    try {
      return plain(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column " + column.name() + ": allowed value '" + value + "' is not a number", e);
    }
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
