package org.dnsmesh.quality.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dnsmesh.quality.model.CheckKey;
import org.dnsmesh.quality.model.CheckStatus;

/**
 * The JSON shape of alert events on {@code mesh.quality.alerts}:
 * <pre>{"alertId": "...", "type": "OPENED|RESOLVED", "product": "...", "table": "...", "check": "...",
 *  "status": "BREACHED|AT_RISK|OK", "summary": "...", "findings": ["..."], "openedAt": "ISO-8601",
 *  "at": "ISO-8601"}</pre>
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {
  }

  public static String write(AlertEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("alertId", event.alertId());
    node.put("type", event.type().name());
    node.put("product", event.key().table().product().value());
    node.put("table", event.key().table().table());
    node.put("check", event.key().check());
    node.put("status", event.status().name());
    node.put("summary", event.summary());
    ArrayNode findings = node.putArray("findings");
    event.findings().forEach(findings::add);
    node.put("openedAt", event.openedAt().toString());
    node.put("at", event.at().toString());
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise alert " + event.alertId(), e);
    }
  }

  public static AlertEvent read(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      List<String> findings = new ArrayList<>();
      node.path("findings").forEach(f -> findings.add(f.asText()));
      return new AlertEvent(text(node, "alertId"), AlertEvent.Type.valueOf(text(node, "type")),
          CheckKey.of(text(node, "product"), text(node, "table"), text(node, "check")),
          CheckStatus.valueOf(text(node, "status")), text(node, "summary"), findings,
          Instant.parse(text(node, "openedAt")), Instant.parse(text(node, "at")));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not an alert event: " + e.getMessage() + " in " + json, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("alert event lacks field '" + field + "'");
    }
    return value.asText();
  }
}
