package org.dnsmesh.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.junit.jupiter.api.Test;

class EmbeddedRulesTest {
  private final EmbeddedRules rules = new EmbeddedRules();

  private boolean allowed(Caller caller, Operation operation, String domain) {
    return rules.decide(new AccessRequest(caller, operation, Optional.ofNullable(domain), "x")).allowed();
  }

  @Test
  void adminAndServiceDoEverything() {
    for (Role role : Set.of(Role.ADMIN, Role.SERVICE)) {
      Caller caller = new Caller("p", Set.of(role), Set.of());
      for (Operation operation : Operation.values()) {
        assertThat(allowed(caller, operation, "na")).as(role + " " + operation).isTrue();
      }
    }
  }

  @Test
  void publisherWritesOnlyOwnDomain() {
    Caller publisher = new Caller("publisher-na", Set.of(Role.PUBLISHER), Set.of("na"));
    assertThat(allowed(publisher, Operation.CREATE_TABLE, "na")).isTrue();
    assertThat(allowed(publisher, Operation.COMMIT_TABLE, "eu")).isFalse();
    assertThat(allowed(publisher, Operation.LOAD_TABLE, "eu")).isTrue();
    assertThat(allowed(publisher, Operation.CREATE_DOMAIN, "na")).isFalse();
    assertThat(allowed(publisher, Operation.COMMIT_TABLE, null)).isFalse();
  }

  @Test
  void readersOnlyRead() {
    for (Role role : Set.of(Role.ANALYST, Role.STEWARD, Role.GOVERNANCE)) {
      Caller caller = new Caller("p", Set.of(role), Set.of("na"));
      for (Operation operation : Operation.values()) {
        assertThat(allowed(caller, operation, "na")).as(role + " " + operation)
            .isEqualTo(operation.kind() == AccessKind.READ);
      }
    }
  }

  @Test
  void callerWithoutKnownRoleIsDenied() {
    Caller nobody = new Caller("nobody", Set.of(), Set.of("na"));
    for (Operation operation : Operation.values()) {
      assertThat(allowed(nobody, operation, "na")).isFalse();
    }
  }

  @Test
  void failingOrSilentDecisionPointDenies() {
    Caller admin = new Caller("admin", Set.of(Role.ADMIN), Set.of());
    Authorizer throwing = new Authorizer(request -> {
      throw new IllegalStateException("policy store down");
    });
    assertThatThrownBy(() -> throwing.authorizeOrThrow(admin, Operation.LOAD_TABLE, Optional.of("na"), "t"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("policy store down");
    Authorizer silent = new Authorizer(request -> null);
    assertThatThrownBy(() -> silent.authorizeOrThrow(admin, Operation.LOAD_TABLE, Optional.of("na"), "t"))
        .isInstanceOf(ForbiddenException.class);
    assertThatCode(() -> new Authorizer(rules).authorizeOrThrow(admin, Operation.LOAD_TABLE, Optional.of("na"), "t"))
        .doesNotThrowAnyException();
  }

  @Test
  void devPrincipalsNeedAKnownDomain() {
    assertThat(DevPrincipals.resolve("publisher-na", Set.of("na"))).get()
        .isEqualTo(new Caller("publisher-na", Set.of(Role.PUBLISHER), Set.of("na")));
    assertThat(DevPrincipals.resolve("steward-eu", Set.of("na"))).isEmpty();
    assertThat(DevPrincipals.resolve("root", Set.of("na"))).isEmpty();
    assertThat(DevPrincipals.resolve("analyst", Set.of())).get().extracting(Caller::roles).isEqualTo(Set.of(Role.ANALYST));
  }
}
