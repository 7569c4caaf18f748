package org.dnsmesh.productkit.validate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.util.Utf8;

/**
 * Checks records against a list of {@link FieldRule}s and reports every violation. Rules are compiled once (patterns
 * into {@link TextPattern}s); {@link #bind} resolves the rules' columns to positions once per schema, so checking a
 * record does no name lookups. No allocation on the valid path. Thread-safe.
 */
public final class RecordValidator {

  private final List<FieldRule> rules;
  private final FieldRule[] compiled;
  private final TextPattern[] patterns;
  /** Each rule's allowed values as Avro {@code Utf8} (equal by bytes), to check decoded text without a String. */
  private final Set<Utf8>[] allowedUtf8;

  @SuppressWarnings("unchecked")
  public RecordValidator(List<FieldRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    this.compiled = this.rules.toArray(FieldRule[]::new);
    this.patterns = new TextPattern[compiled.length];
    this.allowedUtf8 = new Set[compiled.length];
    for (int i = 0; i < compiled.length; i++) {
      patterns[i] = compiled[i].pattern() == null ? null : TextPattern.compile(compiled[i].pattern());
      Set<Utf8> allowed = new HashSet<>();
      compiled[i].allowedValues().forEach(v -> allowed.add(new Utf8(v)));
      allowedUtf8[i] = allowed;
    }
  }

  public List<FieldRule> rules() {
    return rules;
  }

  public ValidationResult validate(FieldValues record) {
    List<Violation> violations = null;
    for (int i = 0; i < compiled.length; i++) {
      violations = check(i, record.get(compiled[i].name()), violations);
    }
    return violations == null ? ValidationResult.valid() : ValidationResult.invalid(violations);
  }

  /** This validator for records whose fields are {@code columns}, in that order (e.g. a table schema's columns). */
  public Bound bind(List<String> columns) {
    int[] positions = new int[compiled.length];
    for (int i = 0; i < compiled.length; i++) {
      positions[i] = columns.indexOf(compiled[i].name());
    }
    return new Bound(positions);
  }

  /** Whether every rule names one of {@code columns} (else a bound validator reads those rules' fields as null). */
  public boolean coversOnly(List<String> columns) {
    for (FieldRule rule : compiled) {
      if (!columns.contains(rule.name())) {
        return false;
      }
    }
    return true;
  }

  /** A validator bound to column positions. */
  public final class Bound {
    private final int[] positions;

    private Bound(int[] positions) {
      this.positions = positions;
    }

    public ValidationResult validate(PositionalValues record) {
      List<Violation> violations = null;
      for (int i = 0; i < compiled.length; i++) {
        Object value = positions[i] < 0 ? null : record.get(positions[i]);
        violations = check(i, value, violations);
      }
      return violations == null ? ValidationResult.valid() : ValidationResult.invalid(violations);
    }
  }

  private List<Violation> check(int index, Object value, List<Violation> violations) {
    FieldRule rule = compiled[index];
    if (value == null || (value instanceof CharSequence s && isEmpty(s) && rule.presence() == Presence.REQUIRED
        && rule.type() == FieldType.STRING)) {
      return rule.presence() == Presence.REQUIRED
          ? add(violations, new Violation(rule.name(), "required", "is required but missing"))
          : violations;
    }
    if (rule.type() == FieldType.ARRAY) {
      if (!(value instanceof Collection<?> elements)) {
        return add(violations, typeViolation(rule, value));
      }
      int element = 0;
      for (Object item : elements) {
        violations = checkValue(index, item, rule.name() + "[" + element++ + "]", violations);
      }
      return violations;
    }
    if (!hasType(rule.type(), value)) {
      return add(violations, typeViolation(rule, value));
    }
    return checkValue(index, value, rule.name(), violations);
  }

  private List<Violation> checkValue(int index, Object value, String field, List<Violation> violations) {
    if (value == null) {
      return violations;
    }
    FieldRule rule = compiled[index];
    if ((rule.minimum() != null || rule.maximum() != null) && value instanceof Number number) {
      double v = number.doubleValue();
      if ((rule.minimum() != null && v < rule.minimum()) || (rule.maximum() != null && v > rule.maximum())) {
        violations = add(violations, new Violation(field, "range",
            "value " + value + " is outside [" + bound(rule.minimum()) + ", " + bound(rule.maximum()) + "]"));
      }
    }
    if (value instanceof CharSequence s) {
      if (s instanceof Utf8 utf8 && passesAsUtf8(index, utf8)) {
        return violations; // decoded Avro text that passes every check on its bytes: no String made for it
      }
      String text = s.toString();
      if (!rule.allowedValues().isEmpty() && !rule.allowedValues().contains(text)) {
        violations = add(violations, new Violation(field, "enum",
            "'" + abbreviate(text) + "' is not one of " + rule.allowedValues()));
      }
      if (patterns[index] != null && !patterns[index].matches(text)) {
        violations = add(violations, new Violation(field, "pattern",
            "'" + abbreviate(text) + "' does not match /" + rule.pattern().pattern() + "/"));
      }
      if (rule.maxLength() != null && text.length() > rule.maxLength()) {
        violations = add(violations, new Violation(field, "length",
            "length " + text.length() + " exceeds " + rule.maxLength()));
      }
    }
    return violations;
  }

  /**
   * True only when the text rules of rule {@code index} all pass on the UTF-8 bytes: allowed values compared as
   * bytes, table patterns on bytes, a byte length within the maximum (chars never outnumber bytes). False means
   * "not known here", and the String path decides and reports.
   */
  private boolean passesAsUtf8(int index, Utf8 text) {
    FieldRule rule = compiled[index];
    if (!allowedUtf8[index].isEmpty() && !allowedUtf8[index].contains(text)) {
      return false;
    }
    TextPattern pattern = patterns[index];
    if (pattern != null && (!pattern.isTable() || !pattern.matchesUtf8(text.getBytes(), text.getByteLength()))) {
      return false;
    }
    return rule.maxLength() == null || text.getByteLength() <= rule.maxLength();
  }

  /** Avro's {@code Utf8.length()} makes a {@code String} to count chars; emptiness is its byte length. */
  private static boolean isEmpty(CharSequence text) {
    return text instanceof Utf8 utf8 ? utf8.getByteLength() == 0 : text.isEmpty();
  }

  private static List<Violation> add(List<Violation> violations, Violation violation) {
    List<Violation> list = violations == null ? new ArrayList<>(2) : violations;
    list.add(violation);
    return list;
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
