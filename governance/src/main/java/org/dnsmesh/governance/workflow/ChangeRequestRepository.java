package org.dnsmesh.governance.workflow;

import java.util.List;
import java.util.Optional;

/** Storage of change requests; implementations run inside a {@link org.dnsmesh.governance.store.GovernanceStore} transaction. */
public interface ChangeRequestRepository {
  void insert(ChangeRequest change);

  Optional<ChangeRequest> find(ChangeRequestId id);

  /**
   * Stores {@code updated} if the stored row still has {@code updated.rowVersion()} (optimistic locking);
   * returns it with the next row version, or throws {@link WorkflowException.Reason#CONCURRENT_UPDATE}.
   */
  ChangeRequest update(ChangeRequest updated);

  /** Newest first; empty filters match everything. */
  List<ChangeRequest> list(Optional<ChangeKind> kind, Optional<ChangeSubject> subject, Optional<ChangeState> state);
}
