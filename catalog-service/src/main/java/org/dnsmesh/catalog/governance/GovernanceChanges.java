package org.dnsmesh.catalog.governance;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.dnsmesh.catalog.auth.ActivePolicy;
import org.dnsmesh.catalog.auth.Caller;
import org.dnsmesh.governance.decision.AccessDeniedException;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.StaticTableClassifications;
import org.dnsmesh.governance.workflow.ChangeKind;
import org.dnsmesh.governance.workflow.ChangeRequestId;
import org.dnsmesh.governance.workflow.ChangeRequestService;
import org.dnsmesh.governance.workflow.ChangeState;
import org.dnsmesh.governance.workflow.PrincipalDirectory;
import org.dnsmesh.governance.workflow.WorkflowException;

/**
 * The catalog's handle on governance's one change-request machine: the store, the review rules, the events on
 * Kafka, a publisher per kind, and the decision point — the embedded evaluator of the policy in force, or in OPA
 * mode ({@code mesh.policy.engine=opa}) the catalog's own decision point, so workflow decisions go to OPA too.
 * Also the one translation of governance's exceptions into the catalog's error vocabulary.
 */
@ApplicationScoped
public class GovernanceChanges {
  private final GovernanceContext context;
  private final KafkaEventSink events;
  private final ActivePolicy active;
  private final PolicyDecisionPoint catalogDecisions;
  private final Map<ChangeKind, org.dnsmesh.governance.workflow.ChangePublisher> publishers;

  public GovernanceChanges(GovernanceContext context, KafkaEventSink events, ActivePolicy active,
      PolicyDecisionPoint catalogDecisions, ContractVersionPublisher contracts, AccessPolicyPublisher policies,
      AccessGrantPublisher grants, SuppressionPublisher suppressions) {
    this.context = context;
    this.events = events;
    this.active = active;
    this.catalogDecisions = catalogDecisions;
    this.publishers = Map.of(ChangeKind.CONTRACT_VERSION, contracts, ChangeKind.ACCESS_POLICY, policies,
        ChangeKind.ACCESS_REQUEST, grants, ChangeKind.SUPPRESSION, suppressions);
  }

  /** The machine over the policy in force now (the policy file may have changed since the last call). */
  ChangeRequestService service() {
    AccessPolicy policy = context.policy();
    PolicyDecisionPoint decisions = active.embedded() ? decisionPoint(policy) : catalogDecisions;
    return new ChangeRequestService(context.store(), decisions, PrincipalDirectory.of(policy), context.rules(), events,
        publishers, CallerPrincipals.SYSTEM, context.clock());
  }

  /** The kind of the change with this id, if it is one (no authorization: the API routes by it; ids are random). */
  Optional<ChangeKind> kindOf(String id) {
    try {
      return service().kindOf(ChangeRequestId.parse(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  GovernanceContext context() {
    return context;
  }

  /** Workflow decisions (contract and policy changes) need no table classifications or mask rendering. */
  static EmbeddedPolicyDecisionPoint decisionPoint(AccessPolicy policy) {
    return new EmbeddedPolicyDecisionPoint(policy, new StaticTableClassifications(List.of()), new MaskExpressions());
  }

  static PrincipalName name(Caller caller) {
    try {
      return PrincipalName.of(caller.subject());
    } catch (IllegalArgumentException e) {
      throw new ForbiddenException("Access denied: %s", e.getMessage());
    }
  }

  static ChangeRequestId changeId(String id) {
    try {
      return ChangeRequestId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("Invalid change id '%s': expected a UUID", id);
    }
  }

  /** The {@code state} query parameter of a list, if given; an unknown state is a 400 that lists the known ones. */
  static Optional<ChangeState> state(Optional<String> text) {
    return text.map(s -> {
      try {
        return ChangeState.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("Invalid state '%s': expected one of %s", s, List.of(ChangeState.values()));
      }
    });
  }

  /** Governance's exceptions in the catalog's error vocabulary (one body shape for every API). */
  static <T> T translate(Supplier<T> work) {
    try {
      return work.get();
    } catch (AccessDeniedException e) {
      throw new ForbiddenException("Access denied: %s", e.getMessage());
    } catch (WorkflowException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> new NotFoundException("%s", capitalised(e.getMessage()));
        case NOT_ALLOWED -> new ForbiddenException("Not allowed: %s", e.getMessage());
        case INVALID_STATE, CONCURRENT_UPDATE -> new ChangeConflictException(capitalised(e.getMessage()));
        case INVALID_REQUEST -> new BadRequestException("%s", capitalised(e.getMessage()));
      };
    }
  }

  private static String capitalised(String message) {
    return message == null || message.isEmpty() ? String.valueOf(message)
        : Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }
}
