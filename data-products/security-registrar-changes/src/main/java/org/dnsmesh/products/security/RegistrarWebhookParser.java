package org.dnsmesh.products.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A registrar's webhook / change-feed document, e.g.
 * <pre>{"id":"evt-81","occurred_at":"2026-11-02T10:00:00Z","type":"domain.unlocked","tenant":"acme",
 *  "domain":"Example.com","account":"acct-7","actor":{"email":"bob@acme.example","ip":"203.0.113.5",
 *  "user_agent":"Mozilla/5.0"},"change":{"old":"locked","new":"unlocked"}}</pre>
 * Types map to the canonical {@code event_type} ({@code nameservers.updated} and {@code dnssec.updated} become
 * {@code record-change} of type NS / DS; unknown types keep their name, so the contract rejects them). Optional
 * parts: {@code contact.email}, {@code change_request.id} / {@code .approver}, {@code login.risk},
 * {@code confidence} (default 1.0: the registrar is authoritative).
 */
final class RegistrarWebhookParser implements SourceParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("session.login", "login"),
      Map.entry("api_token.created", "api-token-create"),
      Map.entry("api_token.revoked", "api-token-revoke"),
      Map.entry("user.2fa_changed", "2fa-change"),
      Map.entry("user.mfa_reset", "mfa-reset"),
      Map.entry("contact.updated", "contact-edit"),
      Map.entry("domain.locked", "lock"),
      Map.entry("domain.unlocked", "unlock"),
      Map.entry("transfer.requested", "transfer-request"),
      Map.entry("auth_code.requested", "auth-code-request"),
      Map.entry("nameservers.updated", "record-change"),
      Map.entry("dnssec.updated", "record-change"),
      Map.entry("renewal.status_changed", "renewal-status"));

  @Override
  public Map<String, Object> parse(String text) {
    JsonNode doc;
    try {
      doc = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RejectedRecordException("not JSON: " + e.getOriginalMessage());
    }
    if (doc == null || !doc.isObject()) {
      throw new RejectedRecordException("not a JSON object");
    }
    Map<String, Object> row = new HashMap<>();
    String type = text(doc, "type");
    if (type == null) {
      throw new RejectedRecordException("no type");
    }
    row.put("event_type", TYPES.getOrDefault(type, type));
    if (type.equals("nameservers.updated")) {
      row.put("record_type", "NS");
    } else if (type.equals("dnssec.updated")) {
      row.put("record_type", "DS");
    }
    row.put(SOURCE_EVENT_ID, text(doc, "id"));
    row.put("event_ts", timestamp(text(doc, "occurred_at")));
    row.put("source_system", SourceSystem.REGISTRAR_WEBHOOK.wireName());
    row.put("tenant", text(doc, "tenant"));
    String domain = DomainNames.normalise(text(doc, "domain"));
    row.put("domain", domain);
    row.put("zone", row.get("record_type") == null ? null : domain);
    row.put("record_name", row.get("record_type") == null ? null : domain);
    row.put("registrar_account", text(doc, "account"));
    JsonNode actor = doc.path("actor");
    row.put("actor", text(actor, "email") != null ? text(actor, "email") : text(actor, "id"));
    row.put("actor_ip", text(actor, "ip"));
    row.put("actor_user_agent", text(actor, "user_agent"));
    row.put("contact_email", text(doc.path("contact"), "email"));
    row.put("login_risk", text(doc.path("login"), "risk"));
    JsonNode change = doc.path("change");
    row.put("old_value", value(change.get("old")));
    row.put("new_value", value(change.get("new")));
    row.put("change_request_id", text(doc.path("change_request"), "id"));
    row.put("approver", text(doc.path("change_request"), "approver"));
    JsonNode confidence = doc.get("confidence");
    row.put("confidence", confidence == null || confidence.isNull() ? 1.0
        : confidence.isNumber() ? confidence.doubleValue() : confidence.asText());
    return row;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  /** A scalar as text; an array (nameservers) as its sorted, lower-cased, space-joined elements. */
  private static String value(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(DomainNames.normaliseHost(item.asText())));
      items.sort(null);
      return String.join(" ", items);
    }
    return node.asText();
  }

  static Instant timestamp(String text) {
    if (text == null) {
      throw new RejectedRecordException("no timestamp");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new RejectedRecordException("timestamp '" + abbreviate(text) + "' is not ISO-8601 UTC");
    }
  }

  static String abbreviate(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return (clean.length() > 40 ? clean.substring(0, 40) + "..." : clean).toLowerCase(Locale.ROOT);
  }
}
