package org.dnsmesh.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dnsmesh.quality.contract.Comparison;
import org.dnsmesh.quality.contract.CompletenessSla;
import org.dnsmesh.quality.contract.ContractColumn;
import org.dnsmesh.quality.contract.ContractView;
import org.dnsmesh.quality.contract.FreshnessSla;
import org.dnsmesh.quality.contract.QualityRule;
import org.dnsmesh.quality.contract.Threshold;
import org.dnsmesh.quality.contract.VolumeSla;
import org.dnsmesh.quality.model.ProductId;
import org.dnsmesh.quality.model.TableKey;

/**
 * Reads contract views from JSON (the targets file until the registry API is wired). Shape, per target:
 * <pre>{"product": "dns.resolver-queries", "table": "resolver.queries", "contractVersion": "1.2.0",
 *  "eventTimeColumn": "event_time", "keyColumns": ["event_time", "qname"],
 *  "freshness": "within 15 minutes of the hour",
 *  "completeness": {"nullRate": {"atRisk": 0, "breach": 0.001}, "invalidShare": {...}, "duplicateShare": {...},
 *                   "window": "PT2H", "recordLoss": {"atRisk": 0.0005, "breach": 0.001}},
 *  "volume": {"interval": "PT1H", "historyDays": 14, "atRiskK": 3, "breachK": 5, "minHistory": 3,
 *             "minRelativeSpread": 0.1},
 *  "columns": [{"name": "qname", "logicalType": "string", "physicalType": "string", "required": true,
 *               "allowedValues": [], "minimum": null, "maximum": null}],
 *  "rules": [{"name": "no_long_ttls", "type": "sql", "query": "SELECT count(*) FROM ${object} WHERE ttl > 86400",
 *             "mustBe": 0}, {"name": "enough", "type": "metric", "metric": "volume.added_records",
 *             "mustBeGreaterThan": 100}]}</pre>
 * Omitted completeness / volume sections take the strict / hourly defaults.
 */
public final class ContractViewJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ContractViewJson() {
  }

  /** A JSON array of targets, or an object with a {@code targets} array. */
  public static List<ContractView> readAll(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage(), e);
    }
    JsonNode targets = root.isArray() ? root : root.path("targets");
    if (!targets.isArray()) {
      throw new IllegalArgumentException(source + ": expected an array of targets or {\"targets\": [...]}");
    }
    List<ContractView> views = new ArrayList<>();
    int index = 0;
    for (JsonNode target : targets) {
      String where = source + " target #" + index++;
      try {
        views.add(read(target));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return views;
  }

  public static ContractView read(JsonNode node) {
    TableKey key = new TableKey(new ProductId(required(node, "product")), required(node, "table"));
    List<ContractColumn> columns = new ArrayList<>();
    for (JsonNode column : node.path("columns")) {
      List<String> allowed = new ArrayList<>();
      column.path("allowedValues").forEach(v -> allowed.add(v.asText()));
      columns.add(new ContractColumn(required(column, "name"), required(column, "logicalType"),
          optionalText(column, "physicalType"), column.path("required").asBoolean(false), allowed,
          optionalNumber(column, "minimum"), optionalNumber(column, "maximum")));
    }
    List<String> keys = new ArrayList<>();
    node.path("keyColumns").forEach(k -> keys.add(k.asText()));
    List<QualityRule> rules = new ArrayList<>();
    for (JsonNode rule : node.path("rules")) {
      rules.add(rule(rule));
    }
    return new ContractView(key, node.path("contractVersion").asText("unversioned"), columns,
        Optional.ofNullable(optionalText(node, "eventTimeColumn")), keys,
        FreshnessSla.parse(required(node, "freshness")), completeness(node.path("completeness")),
        volume(node.path("volume")), rules);
  }

  private static QualityRule rule(JsonNode node) {
    String name = required(node, "name");
    String type = node.path("type").asText("sql");
    QualityRule.Kind kind = switch (type) {
      case "sql" -> QualityRule.Kind.SQL;
      case "metric", "library" -> QualityRule.Kind.METRIC;
      default -> throw new IllegalArgumentException("rule " + name + ": unknown type '" + type + "' (sql or metric)");
    };
    String expression = kind == QualityRule.Kind.SQL ? required(node, "query") : required(node, "metric");
    for (Comparison comparison : Comparison.values()) {
      JsonNode value = node.get(comparison.odcsName());
      if (value == null) {
        continue;
      }
      if (value.isArray()) {
        if (value.size() != 2) {
          throw new IllegalArgumentException("rule " + name + ": " + comparison.odcsName() + " needs [low, high]");
        }
        return new QualityRule(name, kind, expression, comparison, value.get(0).asDouble(), value.get(1).asDouble());
      }
      return new QualityRule(name, kind, expression, comparison, value.asDouble(), value.asDouble());
    }
    throw new IllegalArgumentException("rule " + name + ": no operator (mustBe, mustBeLessThan, ...)");
  }

  private static CompletenessSla completeness(JsonNode node) {
    CompletenessSla defaults = CompletenessSla.strict();
    if (node.isMissingNode()) {
      return defaults;
    }
    return new CompletenessSla(threshold(node.path("nullRate"), defaults.nullRate()),
        threshold(node.path("invalidShare"), defaults.invalidShare()),
        threshold(node.path("duplicateShare"), defaults.duplicateShare()),
        node.has("window") ? Duration.parse(node.get("window").asText()) : defaults.window(),
        threshold(node.path("recordLoss"), defaults.recordLoss()));
  }

  private static Threshold threshold(JsonNode node, Threshold defaults) {
    if (node.isMissingNode()) {
      return defaults;
    }
    return new Threshold(node.path("atRisk").asDouble(defaults.atRisk()), node.path("breach").asDouble(defaults.breach()));
  }

  private static VolumeSla volume(JsonNode node) {
    VolumeSla d = VolumeSla.hourlyDefault();
    if (node.isMissingNode()) {
      return d;
    }
    return new VolumeSla(node.has("interval") ? Duration.parse(node.get("interval").asText()) : d.interval(),
        node.path("historyDays").asInt(d.historyDays()), node.path("atRiskK").asDouble(d.atRiskK()),
        node.path("breachK").asDouble(d.breachK()), node.path("minHistory").asInt(d.minHistory()),
        node.path("minRelativeSpread").asDouble(d.minRelativeSpread()));
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IllegalArgumentException("missing '" + field + "'");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Double optionalNumber(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asDouble();
  }
}
