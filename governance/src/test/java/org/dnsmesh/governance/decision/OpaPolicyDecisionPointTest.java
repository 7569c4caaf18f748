package org.dnsmesh.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.dnsmesh.governance.DemoPolicy;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OPA client against a fake OPA: same behaviour as embedded, and every failure denies. */
class OpaPolicyDecisionPointTest extends PolicyDecisionPointContract {
  private FakeOpaServer opa;
  private OpaPolicyDecisionPoint point;

  @BeforeEach
  void start() throws IOException {
    opa = new FakeOpaServer(DemoPolicy.embedded());
    // Generous: the build machines are shared; only the timeout test uses a short one.
    point = OpaPolicyDecisionPoint.create(new OpaConfig(opa.baseUri(), "dnsmesh/authz", Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    opa.close();
  }

  @Override
  PolicyDecisionPoint decisionPoint() {
    return point;
  }

  @Test
  void postsInputToTheDataApi() {
    point.authorize(PrincipalName.of("nora"), Operation.APPROVE_CHANGE, ResourceRef.product("na", "resolver"));

    assertThat(opa.requests()).containsExactly(
        "POST /v1/data/dnsmesh/authz/allow {\"input\":{\"principal\":\"nora\",\"operation\":\"approve-change\",\"resource\":[\"na\",\"resolver\"]}}");
  }

  @Test
  void http500FailsClosed() {
    opa.mode(FakeOpaServer.Mode.HTTP_500);

    Decision decision = point.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh());

    assertThat(decision.effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
    assertThat(decision.reason()).contains("HTTP 500");
    assertThat(point.tableAccess(PrincipalName.of("nora"), QUERIES).decision().effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
  }

  @Test
  void timeoutFailsClosed() {
    opa.mode(FakeOpaServer.Mode.SLOW); // answers after 1.5 s
    OpaPolicyDecisionPoint impatient = OpaPolicyDecisionPoint.create(new OpaConfig(opa.baseUri(), "dnsmesh/authz", Duration.ofMillis(200)));

    Decision decision = impatient.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh());

    assertThat(decision.effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
    assertThat(decision.reason()).contains("timed out");
  }

  @Test
  void undefinedResultDenies() {
    opa.mode(FakeOpaServer.Mode.UNDEFINED);

    assertThat(point.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh()).effect()).isEqualTo(Decision.Effect.DENY);
    assertThat(point.tableAccess(PrincipalName.of("nora"), QUERIES).decision().effect()).isEqualTo(Decision.Effect.DENY);
  }

  @Test
  void malformedAnswersFailClosed() {
    opa.mode(FakeOpaServer.Mode.GARBAGE);
    assertThat(point.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh()).effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);

    opa.mode(FakeOpaServer.Mode.WRONG_TYPE);
    assertThat(point.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh()).effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
    assertThat(point.tableAccess(PrincipalName.of("nora"), QUERIES).decision().effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
  }

  @Test
  void unreachableServerFailsClosed() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    OpaPolicyDecisionPoint down = OpaPolicyDecisionPoint.create(
        new OpaConfig(URI.create("http://127.0.0.1:" + closedPort), "dnsmesh/authz", Duration.ofMillis(300)));

    assertThat(down.authorize(PrincipalName.of("root"), Operation.LIST_CATALOG, ResourceRef.mesh()).effect()).isEqualTo(Decision.Effect.FAILED_CLOSED);
  }
}
