package org.dnsmesh.productkit.validate;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on one column: type, presence, numeric range (inclusive), allowed values, pattern (whole value) and
 * maximum length. Null bounds, an empty enum and a null pattern mean "no such check".
 * <p>Fold later: derived from the ODCS contract's schema properties ({@code logicalType}, {@code required},
 * {@code logicalTypeOptions}, quality rules) by the {@code contracts} module.
 */
public record FieldRule(
    String name,
    FieldType type,
    Presence presence,
    Double minimum,
    Double maximum,
    Set<String> allowedValues,
    Pattern pattern,
    Integer maxLength) {

  public FieldRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(presence, "presence");
    allowedValues = allowedValues == null ? Set.of() : Set.copyOf(allowedValues);
  }

  public static FieldRule of(String name, FieldType type, Presence presence) {
    return new FieldRule(name, type, presence, null, null, Set.of(), null, null);
  }

  public FieldRule range(Double min, Double max) {
    return new FieldRule(name, type, presence, min, max, allowedValues, pattern, maxLength);
  }

  public FieldRule allowed(Set<String> values) {
    return new FieldRule(name, type, presence, minimum, maximum, values, pattern, maxLength);
  }

  public FieldRule matching(String regex) {
    return new FieldRule(name, type, presence, minimum, maximum, allowedValues, Pattern.compile(regex), maxLength);
  }

  public FieldRule maxLength(int length) {
    return new FieldRule(name, type, presence, minimum, maximum, allowedValues, pattern, length);
  }
}
