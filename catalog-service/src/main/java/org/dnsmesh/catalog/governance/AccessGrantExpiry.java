package org.dnsmesh.catalog.governance;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dnsmesh.governance.workflow.AccessGrant;
import org.jboss.logging.Logger;

/**
 * The scheduled check that ends grants: every {@code mesh.governance.access.expiry-check-interval} it revokes the
 * grants past their expiry (one audit entry each, by the first catalog instance that sees them), re-reads the
 * grants in force (so grants approved on another instance apply here too) and, when anything changed, applies
 * them through {@link GrantEnforcement}; the first check after a start applies the grants in force too (the launcher
 * rewrites Trino's rules from the policy file alone when it starts Trino). Between two checks an expired grant is already left out of any policy
 * compiled ({@link GrantsInForce#over}).
 */
@ApplicationScoped
public class AccessGrantExpiry {
  private static final Logger LOG = Logger.getLogger(AccessGrantExpiry.class);

  private final GovernanceContext context;
  private final GrantsInForce grants;
  private final GrantEnforcement enforcement;
  private final GovernanceConfig config;
  private ScheduledExecutorService scheduler;
  /** Whether grants were applied since this process started (the launcher writes Trino's rules from the file alone). */
  private boolean appliedSinceStart;

  public AccessGrantExpiry(GovernanceContext context, GrantsInForce grants, GrantEnforcement enforcement, GovernanceConfig config) {
    this.context = context;
    this.grants = grants;
    this.enforcement = enforcement;
    this.config = config;
  }

  void start(@Observes StartupEvent started) {
    long millis = Math.max(100, config.access().expiryCheckInterval().toMillis());
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("access-grant-expiry").daemon().factory());
    scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warnf("Access grant expiry check failed (next try in %s): %s", config.access().expiryCheckInterval(), e.getMessage());
    }
  }

  /** One check; returns the grants this call revoked. */
  public synchronized List<AccessGrant> check() {
    List<AccessGrant> revoked = context.store().<List<AccessGrant>>inTransaction(tx -> {
      List<AccessGrant> expired = tx.grants().revokeExpired(context.clock().instant(), CallerPrincipals.SYSTEM.value());
      for (AccessGrant grant : expired) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("change", grant.change().toString());
        details.put("principal", grant.principal().value());
        details.put("grantedAt", grant.grantedAt().toString());
        details.put("expiresAt", grant.expiresAt().toString());
        tx.audit().append(CallerPrincipals.SYSTEM.value(), "access-grant.expired", grant.product().toString(), details);
      }
      return expired;
    });
    boolean changed = grants.reload();
    boolean firstWithGrants = !appliedSinceStart && !grants.all().isEmpty();
    appliedSinceStart = true;
    if (!revoked.isEmpty() || changed || firstWithGrants) {
      GrantEnforcement.Outcome outcome = enforcement.apply();
      for (AccessGrant grant : revoked) {
        LOG.infof("Access grant of %s on %s expired at %s and is revoked; %s", grant.principal(), grant.product(),
            grant.expiresAt(), outcome.rules().detail());
      }
    }
    return revoked;
  }
}
