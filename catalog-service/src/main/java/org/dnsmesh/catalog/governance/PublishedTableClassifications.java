package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableClassifications;
import org.dnsmesh.governance.policy.TableRef;
import org.jboss.logging.Logger;

/**
 * The column classifications the catalog's decision point needs to know who sees a table masked or
 * filtered (and so is not handed its files): the same tables {@link AccessRulesWriter} compiles into
 * Trino's rules (published contracts plus the tables file), so both doors answer alike. A snapshot is
 * rebuilt at most every {@link #MAX_AGE} and at once after a publication ({@link #invalidate}); a snapshot
 * that cannot be built is empty, which denies file access to every reader that does not write (fail closed).
 */
@ApplicationScoped
public class PublishedTableClassifications {
  private static final Logger LOG = Logger.getLogger(PublishedTableClassifications.class);
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private record Snapshot(AccessPolicy policy, StaticTableClassifications tables, long builtAtNanos) {}

  private final AccessRulesWriter rules;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  public PublishedTableClassifications(AccessRulesWriter rules) {
    this.rules = rules;
  }

  /** The classifications as seen under {@code policy} (only its domains' products count). */
  public TableClassifications forPolicy(AccessPolicy policy) {
    return new TableClassifications() {
      @Override
      public Optional<TableClassification> find(TableRef table) {
        return current(policy).find(table);
      }

      @Override
      public Collection<TableClassification> all() {
        return current(policy).all();
      }
    };
  }

  void onPublished(@jakarta.enterprise.event.Observes org.dnsmesh.catalog.registry.ProductService.ContractPublished published) {
    invalidate();
  }

  /** A contract was published: the next decision rebuilds the snapshot. */
  public void invalidate() {
    snapshot.set(null);
  }

  private StaticTableClassifications current(AccessPolicy policy) {
    Snapshot now = snapshot.get();
    if (fresh(now, policy)) {
      return now.tables();
    }
    synchronized (this) { // one rebuild at a time; the others take its result
      now = snapshot.get();
      return fresh(now, policy) ? now.tables() : rebuild(policy);
    }
  }

  private static boolean fresh(Snapshot snapshot, AccessPolicy policy) {
    return snapshot != null && snapshot.policy() == policy && System.nanoTime() - snapshot.builtAtNanos() < MAX_AGE.toNanos();
  }

  private StaticTableClassifications rebuild(AccessPolicy policy) {
    long clock = System.nanoTime();
    StaticTableClassifications tables;
    try {
      tables = rules.classifications(policy);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Table classifications could not be read; no table counts as classified until they can");
      tables = new StaticTableClassifications(List.of());
    }
    snapshot.set(new Snapshot(policy, tables, clock));
    return tables;
  }
}
