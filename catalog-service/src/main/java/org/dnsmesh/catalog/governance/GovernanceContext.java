package org.dnsmesh.catalog.governance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.dnsmesh.governance.GovernanceMigrations;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.PolicyLoader;
import org.dnsmesh.governance.policy.Role;
import org.dnsmesh.governance.store.GovernanceStore;
import org.dnsmesh.governance.store.JdbcGovernanceStore;
import org.dnsmesh.governance.workflow.ReviewRules;
import org.jboss.logging.Logger;

/**
 * What the workflow needs from its surroundings, set up once at startup: governance's tables (its own
 * Flyway history in schema {@code governance} of the catalog's database), the store, the review rules and
 * the access policy (re-read when the file changes, so an edited policy applies without a restart).
 */
@Startup
@ApplicationScoped
public class GovernanceContext {
  private static final Logger LOG = Logger.getLogger(GovernanceContext.class);

  private final GovernanceStore store;
  private final ReviewRules rules;
  private final Path policyFile;
  private final Clock clock = Clock.systemUTC();
  private AccessPolicy policy;
  private FileTime policyModified;

  public GovernanceContext(AgroalDataSource dataSource, GovernanceConfig config) {
    int applied = GovernanceMigrations.migrate(dataSource);
    LOG.infof("Governance schema ready (%d migration(s) applied)", applied);
    this.store = new JdbcGovernanceStore(dataSource, clock);
    GovernanceConfig.Review review = config.review();
    this.rules = new ReviewRules(review.stewardQuorum(), review.governanceQuorum(),
        Role.STEWARD, Role.GOVERNANCE, review.majorSunset());
    this.policyFile = Path.of(config.policyFile()).toAbsolutePath().normalize();
    try {
      policy();
      LOG.infof("Governance policy %s (version %d); review rules %s", policyFile, policy.version(), rules);
    } catch (RuntimeException e) {
      // the catalog keeps serving; every governance call is refused until the policy loads (deny by default)
      LOG.errorf("%s. Contract-change and audit endpoints answer 503 until mesh.governance.policy-file names a"
          + " readable policy.", e.getMessage());
    }
  }

  /** Whether a policy is loaded (for health). */
  public synchronized boolean policyLoaded() {
    return policy != null;
  }

  public Path policyFile() {
    return policyFile;
  }

  public GovernanceStore store() {
    return store;
  }

  public ReviewRules rules() {
    return rules;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Puts an approved policy in force for the workflow at once (its file was just written, so the change
   * check below does not re-read it).
   */
  public synchronized void install(AccessPolicy approved) {
    policy = approved;
    try {
      policyModified = Files.getLastModifiedTime(policyFile);
    } catch (IOException e) {
      policyModified = null; // re-read on the next call; the installed policy stays if the file does not load
    }
  }

  /** The current policy; a changed file is re-read (a broken one keeps the last good policy, logged). */
  public synchronized AccessPolicy policy() {
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(policyFile);
    } catch (IOException e) {
      if (policy == null) {
        throw new ServiceUnavailableException("Governance is unavailable: access policy %s cannot be read"
            + " (mesh.governance.policy-file): %s", policyFile, e.getMessage());
      }
      return policy;
    }
    if (policy == null || !modified.equals(policyModified)) {
      try {
        policy = PolicyLoader.load(policyFile);
        policyModified = modified;
      } catch (RuntimeException e) {
        if (policy == null) {
          throw new ServiceUnavailableException("Governance is unavailable: access policy %s does not load: %s",
              policyFile, e.getMessage());
        }
        LOG.errorf("Access policy %s changed but does not load (%s): keeping version %d", policyFile, e.getMessage(),
            policy.version());
      }
    }
    return policy;
  }
}
