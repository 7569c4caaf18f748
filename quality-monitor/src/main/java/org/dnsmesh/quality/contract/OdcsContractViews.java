package org.dnsmesh.quality.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dnsmesh.contracts.CustomPropertyKeys;
import org.dnsmesh.contracts.SlaValues;
import org.dnsmesh.contracts.model.CustomProperties;
import org.dnsmesh.contracts.model.DataContract;
import org.dnsmesh.contracts.model.SchemaObject;
import org.dnsmesh.contracts.model.SchemaProperty;
import org.dnsmesh.contracts.model.SlaProperty;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;

/**
 * Builds the monitor's {@link ContractView} of one output table from a published ODCS contract (the contracts
 * toolkit's model). What is read:
 * <ul>
 *   <li>columns: the schema object's top-level properties ({@code logicalType}, {@code required}); allowed values
 *       from {@code enumSymbols} or a property-level {@code invalidValues} rule's {@code validValues}; ranges from
 *       {@code logicalTypeOptions.minimum/maximum}; a timestamp's {@code physicalType} says with or without zone;
 *   <li>keys: the {@code primaryKey} columns in {@code primaryKeyPosition} order;
 *   <li>freshness: the {@code freshness} SLA as a maximum age; its {@code element} ({@code object.column}) names the
 *       event-time column, else the first required timestamp column is taken;
 *   <li>completeness: the {@code completeness} SLA percentage p allows a share (100 - p) % of nulls in required
 *       columns and of invalid values before a breach (any at all is at risk); none: zero tolerance; and a loss
 *       of (100 - p) % of input records (quarantined or dead-lettered unparsed, at risk past half of it); none:
 *       records are measured, not judged;
 *   <li>volume: hourly (or the {@code frequency} SLA when it divides a day), defaults otherwise;
 *   <li>rules: the object's {@code sql} rules ({@code ${object}}, {@code {object}} or the object's name after
 *       FROM/JOIN stand for the table) and {@code library} rules naming one of the monitor's measurements.
 * </ul>
 * Anything the monitor cannot check (text rules, unknown library metrics) is left out and listed in
 * {@link Result#notes()}; a contract that cannot describe the table at all is an {@link InvalidContractException}.
 */
public final class OdcsContractViews {
  /** Without a freshness SLA the table must still have changed within a day. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

  private OdcsContractViews() {
  }

  /** The view and what of the contract it could not express. */
  public record Result(ContractView view, List<String> notes) {
    public Result {
      Objects.requireNonNull(view, "view");
      notes = List.copyOf(notes);
    }
  }

  /** A contract that does not describe the output table well enough to check it. */
  public static final class InvalidContractException extends RuntimeException {
    public InvalidContractException(String message) {
      super(message);
    }

    public InvalidContractException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @param product the registry's product id (e.g. {@code na.na-resolver-queries})
   * @param table the table's name as the monitor addresses it (e.g. {@code na.na.resolver_queries})
   * @param tableName the Iceberg table name the schema object must match ({@code name} or {@code physicalName})
   */
  public static Result view(DataContract contract, ProductId product, String table, String tableName) {
    Objects.requireNonNull(contract, "contract");
    SchemaObject object = schemaObject(contract, tableName);
    List<String> notes = new ArrayList<>();
    List<ContractColumn> columns = new ArrayList<>();
    for (SchemaProperty property : object.properties()) {
      columns.add(column(property, notes));
    }
    if (columns.isEmpty()) {
      throw new InvalidContractException("schema object '" + object.name() + "' has no properties");
    }
    Optional<SlaProperty> freshnessSla = contract.sla("freshness");
    FreshnessSla freshness = freshnessSla.map(sla -> FreshnessSla.maxAge(SlaValues.duration(sla).orElseThrow(
            () -> new InvalidContractException("freshness SLA value '" + sla.value() + "' with unit '" + sla.unit()
                + "' is not a duration"))))
        .orElseGet(() -> {
          notes.add("no freshness SLA: the table must change at least every " + DEFAULT_MAX_AGE);
          return FreshnessSla.maxAge(DEFAULT_MAX_AGE);
        });
    Optional<String> eventTime = eventTimeColumn(freshnessSla, object, columns);
    List<String> keys = object.properties().stream().filter(SchemaProperty::primaryKeyOrFalse)
        .sorted(Comparator.comparing(p -> p.primaryKeyPosition() == null ? Integer.MAX_VALUE : p.primaryKeyPosition()))
        .map(SchemaProperty::name).toList();
    List<QualityRule> rules = new ArrayList<>();
    for (org.dnsmesh.contracts.model.QualityRule rule : object.quality()) {
      rule(rule, object, notes).ifPresent(rules::add);
    }
    try {
      ContractView view = new ContractView(new TableKey(product, table), contract.version(), columns, eventTime, keys,
          freshness, completeness(contract), volume(contract, notes), rules);
      return new Result(view, notes);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidContractException(e.getMessage(), e);
    }
  }

  private static SchemaObject schemaObject(DataContract contract, String tableName) {
    List<SchemaObject> matches = contract.schema().stream()
        .filter(o -> tableName.equals(o.physicalName()) || tableName.equals(o.name())).toList();
    if (matches.isEmpty()) {
      throw new InvalidContractException("no schema object named '" + tableName + "' (contract has "
          + contract.schema().stream().map(SchemaObject::name).toList() + ")");
    }
    return matches.getFirst();
  }

  private static ContractColumn column(SchemaProperty property, List<String> notes) {
    if (property.name() == null || property.logicalType() == null) {
      throw new InvalidContractException("property " + property.name() + " needs a name and a logicalType");
    }
    String logical = property.logicalType().toLowerCase(Locale.ROOT);
    List<String> allowed = new ArrayList<>(CustomProperties.strings(property.customProperties(),
        CustomPropertyKeys.ENUM_SYMBOLS));
    for (org.dnsmesh.contracts.model.QualityRule rule : property.quality()) {
      if ("invalidValues".equals(rule.metric()) && rule.arguments().get("validValues") instanceof List<?> values
          && allowed.isEmpty()) {
        values.forEach(v -> allowed.add(String.valueOf(v)));
      } else {
        notes.add("column " + property.name() + ": rule " + rule.key() + " is not checked by the monitor");
      }
    }
    Double minimum = number(property.logicalTypeOptions().get("minimum"));
    Double maximum = number(property.logicalTypeOptions().get("maximum"));
    boolean numeric = logical.equals("integer") || logical.equals("number");
    return new ContractColumn(property.name(), logical, icebergTimestampType(logical, property.physicalType()),
        property.requiredOrFalse(), allowed, numeric ? minimum : null, numeric ? maximum : null);
  }

  /**
   * Only a timestamp's physical type is compared exactly (with or without zone matters to readers); other
   * physical types are engine names (varchar, integer) and the logical type decides.
   */
  static String icebergTimestampType(String logicalType, String physicalType) {
    if (!logicalType.equals("timestamp") || physicalType == null) {
      return null;
    }
    String physical = physicalType.toLowerCase(Locale.ROOT);
    if (physical.contains("with time zone") || physical.equals("timestamptz")) {
      return "timestamptz";
    }
    return physical.startsWith("timestamp") ? "timestamp" : null;
  }

  private static Double number(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Optional<String> eventTimeColumn(Optional<SlaProperty> freshness, SchemaObject object,
      List<ContractColumn> columns) {
    Optional<String> fromSla = freshness.map(SlaProperty::element).filter(Objects::nonNull).flatMap(element -> {
      String[] parts = element.split("\\.");
      String column = parts[parts.length - 1];
      boolean sameObject = parts.length == 1 || parts[0].equals(object.name()) || parts[0].equals(object.physicalName());
      return sameObject && columns.stream().anyMatch(c -> c.name().equals(column)) ? Optional.of(column)
          : Optional.empty();
    });
    if (fromSla.isPresent()) {
      return fromSla;
    }
    return columns.stream().filter(c -> c.logicalType().equals("timestamp") && c.required()).map(ContractColumn::name)
        .findFirst();
  }

  private static CompletenessSla completeness(DataContract contract) {
    CompletenessSla strict = CompletenessSla.strict();
    return contract.sla("completeness").flatMap(SlaValues::percent).map(percent -> {
      double tolerated = BigDecimal.valueOf(100).subtract(percent).doubleValue() / 100.0;
      Threshold threshold = new Threshold(0, tolerated);
      // records: at risk past half the allowed loss, so a product that quarantines a few records is not always at risk
      return new CompletenessSla(threshold, threshold, strict.duplicateShare(), strict.window(),
          new Threshold(tolerated / 2, tolerated));
    }).orElse(strict);
  }

  private static VolumeSla volume(DataContract contract, List<String> notes) {
    VolumeSla hourly = VolumeSla.hourlyDefault();
    Optional<Duration> frequency = contract.sla("frequency").flatMap(SlaValues::duration);
    if (frequency.isEmpty()) {
      return hourly;
    }
    Duration interval = frequency.get();
    if (interval.isZero() || Duration.ofDays(1).toMillis() % interval.toMillis() != 0) {
      notes.add("frequency " + interval + " does not divide a day: volume is judged hourly");
      return hourly;
    }
    return new VolumeSla(interval, hourly.historyDays(), hourly.atRiskK(), hourly.breachK(), hourly.minHistory(),
        hourly.minRelativeSpread());
  }

  private static final Map<String, String> LIBRARY_METRICS = Map.of(
      "addedRecords", "volume.added_records",
      "rowCountAdded", "volume.added_records",
      "freshnessSeconds", "freshness.commit_age_seconds");

  private static Optional<QualityRule> rule(org.dnsmesh.contracts.model.QualityRule rule, SchemaObject object,
      List<String> notes) {
    String name = rule.key();
    String type = rule.type() == null ? "library" : rule.type().toLowerCase(Locale.ROOT);
    Optional<Operator> operator = operator(rule);
    if (operator.isEmpty()) {
      notes.add("rule " + name + ": no comparison (mustBe, mustBeLessThan, ...), not checked");
      return Optional.empty();
    }
    Operator op = operator.get();
    switch (type) {
      case "sql" -> {
        if (rule.query() == null || rule.query().isBlank()) {
          notes.add("rule " + name + ": sql rule without a query, not checked");
          return Optional.empty();
        }
        return Optional.of(new QualityRule(name, QualityRule.Kind.SQL, objectPlaceholder(rule.query(), object),
            op.comparison(), op.value(), op.upper()));
      }
      case "library" -> {
        String metric = rule.metric() == null ? null
            : rule.metric().contains(".") ? rule.metric() : LIBRARY_METRICS.get(rule.metric());
        if (metric == null) {
          notes.add("rule " + name + ": library metric '" + rule.metric() + "' is not measured by the monitor");
          return Optional.empty();
        }
        return Optional.of(new QualityRule(name, QualityRule.Kind.METRIC, metric, op.comparison(), op.value(),
            op.upper()));
      }
      default -> {
        notes.add("rule " + name + ": type '" + type + "' is not checked by the monitor");
        return Optional.empty();
      }
    }
  }

  /** The object's name after FROM/JOIN and {@code {object}} become {@code ${object}}, the monitor's placeholder. */
  static String objectPlaceholder(String query, SchemaObject object) {
    String result = query.replace("${object}", "\u0000").replace("{object}", "${object}").replace("\u0000", "${object}");
    for (String name : new String[] {object.physicalName(), object.name()}) {
      if (name == null) {
        continue;
      }
      Matcher matcher = Pattern.compile("(?i)\\b(FROM|JOIN)\\s+\"?" + Pattern.quote(name) + "\"?(?![\\w.])")
          .matcher(result);
      result = matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " ${object}"));
    }
    return result;
  }

  private record Operator(Comparison comparison, double value, double upper) {}

  private static Optional<Operator> operator(org.dnsmesh.contracts.model.QualityRule rule) {
    if (rule.mustBe() != null) {
      return single(Comparison.MUST_BE, number(rule.mustBe()));
    }
    if (rule.mustNotBe() != null) {
      return single(Comparison.MUST_NOT_BE, number(rule.mustNotBe()));
    }
    if (rule.mustBeGreaterThan() != null) {
      return single(Comparison.MUST_BE_GREATER_THAN, rule.mustBeGreaterThan().doubleValue());
    }
    if (rule.mustBeGreaterOrEqualTo() != null) {
      return single(Comparison.MUST_BE_GREATER_OR_EQUAL_TO, rule.mustBeGreaterOrEqualTo().doubleValue());
    }
    if (rule.mustBeLessThan() != null) {
      return single(Comparison.MUST_BE_LESS_THAN, rule.mustBeLessThan().doubleValue());
    }
    if (rule.mustBeLessOrEqualTo() != null) {
      return single(Comparison.MUST_BE_LESS_OR_EQUAL_TO, rule.mustBeLessOrEqualTo().doubleValue());
    }
    if (rule.mustBeBetween().size() == 2) {
      return Optional.of(new Operator(Comparison.MUST_BE_BETWEEN, rule.mustBeBetween().get(0).doubleValue(),
          rule.mustBeBetween().get(1).doubleValue()));
    }
    if (rule.mustNotBeBetween().size() == 2) {
      return Optional.of(new Operator(Comparison.MUST_NOT_BE_BETWEEN, rule.mustNotBeBetween().get(0).doubleValue(),
          rule.mustNotBeBetween().get(1).doubleValue()));
    }
    return Optional.empty();
  }

  private static Optional<Operator> single(Comparison comparison, Double value) {
    return value == null ? Optional.empty() : Optional.of(new Operator(comparison, value, value));
  }
}
