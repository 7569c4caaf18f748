package org.dnsmesh.governance.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;

/**
 * Asks an OPA server through its REST Data API ({@code POST /v1/data/<package>/<rule>} with
 * {@code {"input": ...}}; the answer is under {@code result}, absent when undefined). Fails closed: an
 * error, a timeout, a non-200 status or a malformed answer is a {@link Decision.Effect#FAILED_CLOSED} denial,
 * an undefined result a plain denial.
 */
public final class OpaPolicyDecisionPoint implements PolicyDecisionPoint {
  private final OpaConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public OpaPolicyDecisionPoint(OpaConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  public static OpaPolicyDecisionPoint create(OpaConfig config) {
    return new OpaPolicyDecisionPoint(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  @Override
  public Decision authorize(PrincipalName principal, Operation operation, ResourceRef resource) {
    Answer answer = query(OpaProtocol.ALLOW_RULE, OpaProtocol.authorizeInput(json, principal, operation, resource));
    if (answer.failure() != null) {
      return answer.failure();
    }
    if (answer.result() == null) {
      return Decision.deny("OPA: allow is undefined");
    }
    if (!answer.result().isBoolean()) {
      return Decision.failed("OPA: allow is not a boolean: " + answer.result());
    }
    return answer.result().booleanValue() ? Decision.allow("OPA allowed") : Decision.deny("OPA denied");
  }

  @Override
  public TableAccess tableAccess(PrincipalName principal, TableRef table) {
    Answer answer = query(OpaProtocol.TABLE_ACCESS_RULE, OpaProtocol.tableAccessInput(json, principal, table));
    if (answer.failure() != null) {
      return TableAccess.denied(answer.failure());
    }
    if (answer.result() == null) {
      return TableAccess.denied(Decision.deny("OPA: table_access is undefined for " + principal + " on " + table));
    }
    try {
      return OpaProtocol.parseTableAccess(answer.result(), "OPA allowed");
    } catch (IllegalArgumentException e) {
      return TableAccess.denied(Decision.failed("OPA: malformed table_access: " + e.getMessage()));
    }
  }

  private Answer query(String rule, ObjectNode input) {
    ObjectNode body = json.createObjectNode();
    body.set("input", input);
    HttpRequest request = HttpRequest.newBuilder(config.ruleUri(rule))
        .timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Answer.failed("OPA answered HTTP " + response.statusCode() + " for " + rule);
      }
      JsonNode document = json.readTree(response.body());
      if (document == null || !document.isObject()) {
        return Answer.failed("OPA answer for " + rule + " is not a JSON object");
      }
      JsonNode result = document.get("result");
      return new Answer(result == null || result.isNull() ? null : result, null);
    } catch (HttpTimeoutException e) {
      return Answer.failed("OPA timed out after " + config.timeout() + " for " + rule);
    } catch (IOException e) {
      return Answer.failed("OPA unreachable for " + rule + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted while asking OPA for " + rule);
    } catch (RuntimeException e) {
      return Answer.failed("OPA query for " + rule + " failed: " + e);
    }
  }

  private record Answer(JsonNode result, Decision failure) {
    static Answer failed(String reason) {
      return new Answer(null, Decision.failed(reason));
    }
  }
}
