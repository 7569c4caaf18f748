package org.dnsmesh.governance.store;

import java.util.function.Function;
import org.dnsmesh.governance.audit.AuditLog;
import org.dnsmesh.governance.workflow.AccessGrantRepository;
import org.dnsmesh.governance.workflow.ChangeRequestRepository;

/** Runs work in one transaction, so a workflow step and its audit entry commit (or roll back) together. */
public interface GovernanceStore {
  <T> T inTransaction(Function<Transaction, T> work);

  interface Transaction {
    ChangeRequestRepository changes();

    AuditLog audit();

    /** Time-boxed grants of approved access requests. */
    default AccessGrantRepository grants() {
      throw new UnsupportedOperationException("this store keeps no access grants");
    }
  }
}
