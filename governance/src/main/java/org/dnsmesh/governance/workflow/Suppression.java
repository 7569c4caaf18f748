package org.dnsmesh.governance.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A proposed detection suppression (change kind {@link ChangeKind#SUPPRESSION}): findings of {@code rule} (empty =
 * any rule) on {@code caseKey} ({@code domain:<domain>} or {@code account:<account>}) whose <em>event time</em> lies
 * in {@code [from, until)} are still recorded but not alerted. Time-boxed: at most {@link #MAX_WINDOW}. Its
 * change-machine "version" is the window as an ISO-8601 interval ({@code from/until}); its document is this
 * suppression as JSON, so the approved change alone says what the detection topology must apply.
 */
public record Suppression(Optional<String> rule, String caseKey, Instant from, Instant until, String reason) {
  /** The longest a suppression may last: a suppression is an exception under review, not a standing rule. */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);
  public static final int MAX_REASON = 2000;
  static final Pattern CASE_KEY = Pattern.compile("(domain|account):[A-Za-z0-9][A-Za-z0-9._:@-]{0,252}");
  private static final Pattern RULE = Pattern.compile("[A-Z][A-Z_]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The detection rules of the mesh's security product ({@code data-products/security-registrar-changes}), each with
   * the case scope its findings bundle into: the default of the catalog's {@code mesh.governance.suppressions.rules}.
   * That product's module test holds its {@code Rule} enum to this list, name for name and scope for scope.
   */
  public static final String SECURITY_PRODUCT_RULES = "CHANGE_RATE_SPIKE:domain,CONTROL_SURFACE_CHURN:account,"
      + "MASS_SENSITIVE_REQUESTS:account,DELEGATION_OUTSIDE_WINDOW:domain,NAMESERVER_NOT_KNOWN_GOOD:domain,"
      + "UNLOCK_THEN_TRANSFER:domain,IDENTITY_CORRELATED_CHANGE:domain";

  public Suppression {
    rule = rule == null ? Optional.empty() : rule;
    Objects.requireNonNull(caseKey, "caseKey");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Checks every field of a proposal; the message names the field by its JSON pointer.
   *
   * @param knownRules the detection rules a suppression may name, with the case scope each bundles into
   *     ({@code domain} or {@code account})
   * @throws WorkflowException INVALID_REQUEST naming the first field that is wrong
   */
  public static Suppression parse(String rule, String caseKey, String from, String until, String reason,
                                  java.util.Map<String, String> knownRules) {
    Optional<String> named = Optional.ofNullable(rule).map(String::strip).filter(r -> !r.isEmpty() && !r.equals("*"));
    if (named.isPresent() && (!RULE.matcher(named.get()).matches() || !knownRules.containsKey(named.get()))) {
      throw invalid("/rule", "'" + abbreviated(named.get()) + "' is not a detection rule; expected one of "
          + new java.util.TreeSet<>(knownRules.keySet()) + " or \"*\" (any rule)");
    }
    String key = required(caseKey, "/caseKey").strip();
    if (!CASE_KEY.matcher(key).matches()) {
      throw invalid("/caseKey", "'" + abbreviated(key) + "' is not a case key: expected domain:<domain> or account:<account>");
    }
    String scope = key.substring(0, key.indexOf(':'));
    if (named.isPresent() && !knownRules.get(named.get()).equals(scope)) {
      throw invalid("/caseKey", "rule " + named.get() + " bundles findings per " + knownRules.get(named.get())
          + ", so its case key starts with " + knownRules.get(named.get()) + ": (was '" + abbreviated(key) + "')");
    }
    Instant start = instant(from, "/from");
    Instant end = instant(until, "/until");
    if (!end.isAfter(start)) {
      throw invalid("/until", until.strip() + " is not after /from " + from.strip());
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw invalid("/until", "the window " + start + " to " + end + " lasts " + Duration.between(start, end).toHours()
          + " hours; a suppression lasts at most 30 days (720 hours)");
    }
    String why = required(reason, "/reason").strip();
    if (why.length() > MAX_REASON) {
      throw invalid("/reason", "has " + why.length() + " characters, at most " + MAX_REASON + " are allowed");
    }
    return new Suppression(named, key, start, end, why);
  }

  /** The rule names allowed in {@code knownRules} must look like this (upper case and underscores). */
  public static boolean isRuleName(String name) {
    return RULE.matcher(name).matches();
  }

  /**
   * The {@code knownRules} of {@link #parse} from {@code RULE:scope} entries ({@code scope} = {@code domain} or
   * {@code account}), as {@code mesh.governance.suppressions.rules} lists them.
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static java.util.Map<String, String> knownRules(java.util.List<String> entries) {
    java.util.Map<String, String> rules = new java.util.LinkedHashMap<>();
    for (String entry : entries) {
      String[] parts = entry.strip().split(":");
      if (parts.length != 2 || !isRuleName(parts[0]) || !java.util.List.of("domain", "account").contains(parts[1])) {
        throw new IllegalArgumentException("mesh.governance.suppressions.rules: '" + entry
            + "' is not RULE:domain or RULE:account");
      }
      rules.put(parts[0], parts[1]);
    }
    return java.util.Map.copyOf(rules);
  }

  /** The window as the change's version: {@code from/until} (ISO-8601 interval of two instants). */
  public String window() {
    return from + "/" + until;
  }

  /** Whether the window is over at {@code now} (findings later than {@code until} are alerted again). */
  public boolean expired(Instant now) {
    return !now.isBefore(until);
  }

  /** The document stored on the change (and reviewed): this suppression as a JSON object. */
  public String toDocument() {
    ObjectNode node = JSON.createObjectNode();
    node.put("rule", rule.orElse(null));
    node.put("caseKey", caseKey);
    node.put("from", from.toString());
    node.put("until", until.toString());
    node.put("reason", reason);
    return node.toString();
  }

  /** The suppression an approved change carries (its document, written by {@link #toDocument}). */
  public static Suppression of(ChangeRequest change) {
    if (change.kind() != ChangeKind.SUPPRESSION) {
      throw new IllegalArgumentException(change.kind() + " " + change.id() + " is not a suppression");
    }
    try {
      JsonNode node = JSON.readTree(change.document());
      return new Suppression(Optional.ofNullable(node.path("rule").asText(null)), node.path("caseKey").asText(),
          Instant.parse(node.path("from").asText()), Instant.parse(node.path("until").asText()),
          node.path("reason").asText(""));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalStateException("suppression " + change.id() + " has an unreadable document", e);
    }
  }

  /**
   * What the detection topology reads from the suppressions topic (key: the change id): id, rule (null = any),
   * caseKey, from, until, changeRequestId. The topology's {@code SuppressionRule} reads exactly these fields (that
   * product's {@code SuppressionWireTest} writes with this method and reads with it).
   */
  public byte[] toTopicRecord(ChangeRequestId change) {
    return toTopicRecord(change, null);
  }

  /**
   * The record of a revoked suppression: the same fields and {@code revokedAt}, from which on (by event time) it
   * suppresses nothing; the topology matches {@code [from, min(until, revokedAt))}, so a replay of the compacted topic
   * still suppresses exactly what was suppressed live before the revocation.
   */
  public byte[] toTopicRecord(ChangeRequestId change, Instant revokedAt) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", change.toString());
    node.put("rule", rule.orElse(null));
    node.put("caseKey", caseKey);
    node.put("from", from.toString());
    node.put("until", until.toString());
    node.put("changeRequestId", change.toString());
    if (revokedAt != null) {
      node.put("revokedAt", revokedAt.toString());
    }
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Refuses a version that is not {@code from/until} with {@code from < until} at most 30 days apart. */
  static boolean isWindow(String version) {
    int slash = version.indexOf('/');
    if (slash < 0 || version.length() > 80) {
      return false;
    }
    try {
      Instant start = Instant.parse(version.substring(0, slash));
      Instant end = Instant.parse(version.substring(slash + 1));
      return end.isAfter(start) && Duration.between(start, end).compareTo(MAX_WINDOW) <= 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Instant instant(String value, String pointer) {
    String text = required(value, pointer).strip();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(pointer, "'" + abbreviated(text) + "' is not an ISO-8601 instant such as 2026-12-07T00:00:00Z");
    }
  }

  private static String required(String value, String pointer) {
    if (value == null || value.isBlank()) {
      throw invalid(pointer, "is required");
    }
    return value;
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  private static WorkflowException invalid(String pointer, String message) {
    return new WorkflowException(WorkflowException.Reason.INVALID_REQUEST, "invalid suppression: " + pointer + " " + message);
  }

}
