package org.dnsmesh.governance.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dnsmesh.governance.policy.Operation;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableRef;
import org.junit.jupiter.api.Test;

class CachingPolicyDecisionPointTest {
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Decision next = Decision.allow("ok");

  private final PolicyDecisionPoint counting = new PolicyDecisionPoint() {
    @Override
    public Decision authorize(PrincipalName principal, Operation operation, ResourceRef resource) {
      calls.incrementAndGet();
      return next;
    }

    @Override
    public TableAccess tableAccess(PrincipalName principal, TableRef table) {
      calls.incrementAndGet();
      return TableAccess.denied(next.allowed() ? Decision.deny("none") : next);
    }
  };

  private final CachingPolicyDecisionPoint cache = new CachingPolicyDecisionPoint(counting, Duration.ofSeconds(5), 2, clock::get);

  private Decision ask(String who) {
    return cache.authorize(PrincipalName.of(who), Operation.LIST_CATALOG, ResourceRef.mesh());
  }

  @Test
  void servesFromCacheUntilTheTtlExpires() {
    ask("a");
    ask("a");
    assertThat(calls).hasValue(1);

    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    ask("a");
    assertThat(calls).hasValue(2);
  }

  @Test
  void staysWithinItsBound() {
    ask("a");
    ask("b");
    ask("c");
    assertThat(cache.size()).isEqualTo(2);
    ask("a"); // evicted as least recently used
    assertThat(calls).hasValue(4);
  }

  @Test
  void doesNotCacheFailures() {
    next = Decision.failed("OPA down");
    ask("a");
    next = Decision.allow("back");

    assertThat(ask("a").allowed()).isTrue();
    assertThat(calls).hasValue(2);
  }

  @Test
  void invalidatesOnPolicyChange() {
    cache.tableAccess(PrincipalName.of("a"), TableRef.parse("na.x.y"));
    cache.invalidateAll();
    cache.tableAccess(PrincipalName.of("a"), TableRef.parse("na.x.y"));
    assertThat(calls).hasValue(2);
  }
}
