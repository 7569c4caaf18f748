package org.dnsmesh.governance.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.ColumnInfo;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.Grant;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.MaskFunction;
import org.dnsmesh.governance.policy.MaskingRule;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceLevel;
import org.dnsmesh.governance.policy.ResourcePattern;
import org.dnsmesh.governance.policy.RoleBinding;
import org.dnsmesh.governance.policy.RowFilterRule;
import org.dnsmesh.governance.policy.SubjectSelector;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableClassifications;

/**
 * Compiles policy + table classifications into an OPA bundle answering the same decisions as the embedded
 * evaluator ({@code data.dnsmesh.authz}) and Trino's OPA plugin ({@code data.dnsmesh.trino}). The Rego
 * is fixed (classpath resources); the policy goes into {@code data.json}, with the static parts (which
 * masking rule a column falls under, its mask expression) resolved here so the Rego stays small.
 */
public final class RegoBundleCompiler {
  private static final String REGO_RESOURCES = "/org/dnsmesh/governance/rego/";
  private final MaskExpressions expressions;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public RegoBundleCompiler(MaskExpressions expressions) {
    this.expressions = Objects.requireNonNull(expressions, "expressions");
  }

  public OpaBundle compile(AccessPolicy policy, TableClassifications tables) {
    String data = dataJson(policy, tables);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("dnsmesh/policy/data.json", data);
    files.put("dnsmesh/authz/authz.rego", resource("authz.rego"));
    files.put("dnsmesh/trino/trino.rego", resource("trino.rego"));
    ObjectNode manifest = json.createObjectNode();
    manifest.put("revision", "policy-v" + policy.version() + "-" + sha256(data + files.get("dnsmesh/authz/authz.rego")
        + files.get("dnsmesh/trino/trino.rego")).substring(0, 12));
    manifest.putArray("roots").add("dnsmesh");
    files.put(".manifest", manifest.toPrettyString());
    return new OpaBundle(files);
  }

  String dataJson(AccessPolicy policy, TableClassifications tables) {
    ObjectNode root = json.createObjectNode();
    root.put("version", policy.version());
    ObjectNode regions = root.putObject("regions");
    policy.regions().forEach(regions::put);
    ObjectNode principals = root.putObject("principals");
    for (Principal principal : policy.principals()) {
      ObjectNode node = principals.putObject(principal.name().value());
      ArrayNode roles = node.putArray("roles");
      for (RoleBinding binding : principal.roles()) {
        roles.addObject().put("role", binding.role().id()).put("domain", binding.domain().map(DomainName::value).orElse(""));
      }
      ObjectNode attributes = node.putObject("attributes");
      principal.attributes().forEach(attributes::put);
    }
    ObjectNode operations = root.putObject("operations");
    for (Operation operation : Operation.policyOperations()) {
      ObjectNode node = operations.putObject(operation.id());
      node.put("privilege", operation.privilege().id());
      ArrayNode levels = node.putArray("levels");
      operation.levels().stream().map(ResourceLevel::ordinal).sorted().forEach(levels::add);
    }
    ArrayNode grants = root.putArray("grants");
    for (Grant grant : policy.grants()) {
      ObjectNode node = grants.addObject();
      node.set("subject", subject(grant.subject()));
      node.set("resources", patterns(grant.resources()));
      ArrayNode privileges = node.putArray("privileges");
      grant.privileges().stream().map(Privilege::id).forEach(privileges::add);
    }
    ArrayNode rowFilters = root.putArray("row_filters");
    for (RowFilterRule rule : policy.rowFilters()) {
      ObjectNode node = rowFilters.addObject();
      node.set("subject", subject(rule.subject()));
      node.set("resources", patterns(rule.resources()));
      node.set("except", patterns(rule.except()));
      node.put("attribute", rule.attribute());
      node.put("column", rule.column());
    }
    ObjectNode tableNodes = root.putObject("tables");
    for (TableClassification table : tables.all()) {
      ArrayNode columns = tableNodes.putObject(table.table().qualifiedName()).putArray("columns");
      for (ColumnInfo column : table.columns()) {
        Optional<MaskingRule> rule = EmbeddedPolicyDecisionPoint.maskingRuleFor(policy, column);
        MaskFunction function = EmbeddedPolicyDecisionPoint.maskFunctionFor(rule, column);
        ObjectNode node = columns.addObject();
        node.put("name", column.name());
        node.put("type", column.type());
        node.put("classification", column.classification().id());
        node.put("mask", function.id());
        node.put("expression", expressions.render(function, column));
        ArrayNode clearFor = node.putArray("clear_for");
        rule.map(MaskingRule::clearFor).orElse(List.of()).forEach(s -> clearFor.add(subject(s)));
      }
    }
    try {
      return json.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise bundle data", e);
    }
  }

  private ObjectNode subject(SubjectSelector selector) {
    ObjectNode node = json.createObjectNode();
    node.put("principal", selector.principal().map(p -> p.value()).orElse(""));
    node.put("role", selector.role().map(r -> r.id()).orElse(""));
    node.put("domain", selector.domain().map(DomainName::value).orElse(""));
    node.put("scope", selector.scope().id());
    return node;
  }

  private ArrayNode patterns(List<ResourcePattern> patterns) {
    ArrayNode array = json.createArrayNode();
    for (ResourcePattern pattern : patterns) {
      ArrayNode segments = array.addArray();
      pattern.segments().forEach(segments::add);
    }
    return array;
  }

  private static String resource(String name) {
    try (InputStream in = RegoBundleCompiler.class.getResourceAsStream(REGO_RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + REGO_RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
