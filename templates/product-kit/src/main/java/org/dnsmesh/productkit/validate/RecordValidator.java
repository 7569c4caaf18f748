package org.dnsmesh.productkit.validate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Checks records against a list of {@link FieldRule}s and reports every violation. Stateless and thread-safe. */
public final class RecordValidator {

  private final List<FieldRule> rules;

  public RecordValidator(List<FieldRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  public List<FieldRule> rules() {
    return rules;
  }

  public ValidationResult validate(FieldValues record) {
    List<Violation> violations = null;
    for (FieldRule rule : rules) {
      Object value = record.get(rule.name());
      List<Violation> found = check(rule, value);
      if (!found.isEmpty()) {
        if (violations == null) {
          violations = new ArrayList<>();
        }
        violations.addAll(found);
      }
    }
    return violations == null ? ValidationResult.valid() : ValidationResult.invalid(violations);
  }

  private static List<Violation> check(FieldRule rule, Object value) {
    if (value == null || (value instanceof CharSequence s && s.isEmpty() && rule.presence() == Presence.REQUIRED
        && rule.type() == FieldType.STRING)) {
      return rule.presence() == Presence.REQUIRED
          ? List.of(new Violation(rule.name(), "required", "is required but missing"))
          : List.of();
    }
    List<Violation> violations = new ArrayList<>(1);
    if (rule.type() == FieldType.ARRAY) {
      if (!(value instanceof Collection<?> elements)) {
        return List.of(typeViolation(rule, value));
      }
      int index = 0;
      for (Object element : elements) {
        checkValue(rule, element, rule.name() + "[" + index++ + "]", violations);
      }
      return violations;
    }
    if (!hasType(rule.type(), value)) {
      return List.of(typeViolation(rule, value));
    }
    checkValue(rule, value, rule.name(), violations);
    return violations;
  }

  private static void checkValue(FieldRule rule, Object value, String field, List<Violation> violations) {
    if (value == null) {
      return;
    }
    if ((rule.minimum() != null || rule.maximum() != null) && value instanceof Number number) {
      double v = number.doubleValue();
      if ((rule.minimum() != null && v < rule.minimum()) || (rule.maximum() != null && v > rule.maximum())) {
        violations.add(new Violation(field, "range",
            "value " + value + " is outside [" + bound(rule.minimum()) + ", " + bound(rule.maximum()) + "]"));
      }
    }
    String text = value instanceof CharSequence s ? s.toString() : null;
    if (text != null) {
      if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(text)) {
        violations.add(new Violation(field, "enum", "'" + abbreviate(text) + "' is not one of " + rule.allowedValues()));
      }
      if (rule.pattern() != null && !rule.pattern().matcher(text).matches()) {
        violations.add(new Violation(field, "pattern",
            "'" + abbreviate(text) + "' does not match /" + rule.pattern().pattern() + "/"));
      }
      if (rule.maxLength() != null && text.length() > rule.maxLength()) {
        violations.add(new Violation(field, "length", "length " + text.length() + " exceeds " + rule.maxLength()));
      }
    }
  }

  private static boolean hasType(FieldType type, Object value) {
    return switch (type) {
      case STRING -> value instanceof CharSequence;
      case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof Short
          || value instanceof Byte;
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case TIMESTAMP -> value instanceof Instant || value instanceof OffsetDateTime || value instanceof Long;
      case ARRAY -> value instanceof Collection<?>;
    };
  }

  private static Violation typeViolation(FieldRule rule, Object value) {
    return new Violation(rule.name(), "type", "expected " + rule.type() + " but got "
        + value.getClass().getSimpleName() + " '" + abbreviate(String.valueOf(value)) + "'");
  }

  private static String bound(Double bound) {
    return bound == null ? "-inf" : bound.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
