package org.dnsmesh.catalog.auth;

import org.dnsmesh.governance.policy.Operation;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.dnsmesh.governance.decision.Decision;
import org.junit.jupiter.api.Test;

/** The authorizer fails closed: anything but an allow is a 403 that says why. */
class AuthorizerTest {
  private static final Caller ALICE = new Caller("alice", Set.of(), Set.of());
  private static final CatalogResource TABLE = CatalogResource.object("na", List.of("resolver"), "queries");

  @Test
  void decisionPointThatThrowsDenies() {
    Authorizer authorizer = new Authorizer(request -> {
      throw new IllegalStateException("OPA connection reset");
    });

    assertThatThrownBy(() -> authorizer.authorizeOrThrow(ALICE, Operation.LOAD_TABLE, TABLE))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("could not answer")
        .hasMessageContaining("na.resolver.queries")
        .hasMessageContaining("OPA connection reset");
  }

  @Test
  void failedClosedAnswerDenies() {
    Authorizer authorizer = new Authorizer(request -> Decision.failed("OPA: timed out after 500ms"));

    assertThatThrownBy(() -> authorizer.authorizeOrThrow(ALICE, Operation.COMMIT_TABLE, TABLE))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("could not answer")
        .hasMessageContaining("timed out after 500ms");
  }

  @Test
  void noAnswerDenies() {
    Authorizer authorizer = new Authorizer(request -> null);

    assertThatThrownBy(() -> authorizer.authorizeOrThrow(ALICE, Operation.LOAD_TABLE, TABLE))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("no answer");
  }

  @Test
  void denialNamesWhoWhatAndWhy() {
    Authorizer authorizer = new Authorizer(request -> Decision.deny("no grant of write on na.resolver.queries"));

    assertThatThrownBy(() -> authorizer.authorizeOrThrow(ALICE, Operation.COMMIT_TABLE, TABLE))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("Access denied: alice may not commit-table on na.resolver.queries: no grant of write on na.resolver.queries");
  }

  @Test
  void allowProceeds() {
    Authorizer authorizer = new Authorizer(request -> Decision.allow("granted"));

    assertThatCode(() -> authorizer.authorizeOrThrow(ALICE, Operation.LOAD_TABLE, TABLE)).doesNotThrowAnyException();
  }
}
