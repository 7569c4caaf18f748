package org.dnsmesh.quality.contract;

import java.util.List;
import java.util.Objects;

/**
 * One top-level column (ODCS property) as the quality monitor needs it.
 *
 * @param logicalType ODCS logical type: string, integer, number, boolean, date, timestamp, time, object, array
 * @param physicalType optional Iceberg type string ({@code long}, {@code timestamptz}, {@code decimal(9,2)});
 *     when set, drift compares it exactly instead of the logical type
 * @param allowedValues enum of allowed values (empty: any)
 * @param minimum inclusive lower bound for numbers, or null
 * @param maximum inclusive upper bound for numbers, or null
 */
public record ContractColumn(
    String name,
    String logicalType,
    String physicalType,
    boolean required,
    List<String> allowedValues,
    Double minimum,
    Double maximum) {

  public ContractColumn {
    Objects.requireNonNull(name, "column name");
    Objects.requireNonNull(logicalType, "logical type of column " + name);
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    if (minimum != null && maximum != null && minimum > maximum) {
      throw new IllegalArgumentException("column " + name + ": minimum " + minimum + " > maximum " + maximum);
    }
  }

  public static ContractColumn of(String name, String logicalType, boolean required) {
    return new ContractColumn(name, logicalType, null, required, List.of(), null, null);
  }

  public ContractColumn withAllowedValues(List<String> values) {
    return new ContractColumn(name, logicalType, physicalType, required, values, minimum, maximum);
  }

  public ContractColumn withRange(Double min, Double max) {
    return new ContractColumn(name, logicalType, physicalType, required, allowedValues, min, max);
  }

  public boolean hasValidityRule() {
    return !allowedValues.isEmpty() || minimum != null || maximum != null;
  }
}
