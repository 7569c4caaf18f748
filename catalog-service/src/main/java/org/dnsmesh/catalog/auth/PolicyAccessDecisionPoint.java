package org.dnsmesh.catalog.auth;

import java.util.Objects;
import org.dnsmesh.governance.decision.Decision;
import org.dnsmesh.governance.decision.PolicyDecisionPoint;
import org.dnsmesh.governance.policy.PrincipalName;

/**
 * Decides catalog requests through the governance {@link PolicyDecisionPoint} (embedded evaluator or
 * OPA): the token's subject is the policy principal, {@link #policyOperation} maps the catalog operation
 * to the policy operation that carries the privilege it needs, and {@link CatalogResource} maps what it
 * acts on to the policy's {@code domain.product.table} path.
 */
public final class PolicyAccessDecisionPoint implements AccessDecisionPoint {
  private final PolicyDecisionPoint policy;

  public PolicyAccessDecisionPoint(PolicyDecisionPoint policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public Decision decide(AccessRequest request) {
    return policy.authorize(PrincipalName.of(request.caller().subject()), policyOperation(request.operation()),
        request.resource().toPolicyResource());
  }

  /**
   * The policy operation (and so the privilege) each catalog operation needs. The policy has fewer
   * operations than the catalog: where none is named after the catalog's, the one needing the same
   * privilege at the same level stands in (noted on the line).
   */
  public static org.dnsmesh.governance.policy.Operation policyOperation(Operation operation) {
    return switch (operation) {
      // discover: see that a domain, namespace or table exists
      case CATALOG_CONFIG, LIST_NAMESPACES, LIST_TABLES, LIST_VIEWS, LIST_DOMAINS,
           SEARCH_PRODUCTS, READ_SCHEMA, READ_LINEAGE -> org.dnsmesh.governance.policy.Operation.LIST_CATALOG;
      case LOAD_NAMESPACE, READ_DOMAIN, READ_PRODUCT -> org.dnsmesh.governance.policy.Operation.READ_METADATA;
      // table metadata hands out the data files: only to writers and to readers the policy neither masks
      // nor filters (everyone else reads through Trino, which applies masks and filters)
      case LOAD_TABLE -> org.dnsmesh.governance.policy.Operation.READ_TABLE_FILES;
      case LOAD_VIEW, REPORT_METRICS -> org.dnsmesh.governance.policy.Operation.READ_TABLE;
      // write
      case COMMIT_TABLE, COMMIT_TRANSACTION -> org.dnsmesh.governance.policy.Operation.WRITE_TABLE;
      case SEND_LINEAGE -> org.dnsmesh.governance.policy.Operation.REPORT_LINEAGE;
      // manage; namespace properties and product registration: manage on the product
      case CREATE_NAMESPACE, UPDATE_NAMESPACE_PROPERTIES, PUBLISH_PRODUCT ->
          org.dnsmesh.governance.policy.Operation.CREATE_NAMESPACE;
      case DROP_NAMESPACE -> org.dnsmesh.governance.policy.Operation.DROP_NAMESPACE;
      case CREATE_TABLE, REGISTER_TABLE, CREATE_VIEW, REGISTER_VIEW -> org.dnsmesh.governance.policy.Operation.CREATE_TABLE;
      // a rename drops the source (the service checks create on the destination too)
      case DROP_TABLE, DROP_VIEW, RENAME_TABLE, RENAME_VIEW -> org.dnsmesh.governance.policy.Operation.DROP_TABLE;
      // a lifecycle run deletes rows and files of the table: recorded only by who manages it (manage, table level)
      case RECORD_LIFECYCLE_RUN -> org.dnsmesh.governance.policy.Operation.DROP_TABLE;
      case REPLACE_VIEW -> org.dnsmesh.governance.policy.Operation.UPDATE_TABLE_SCHEMA;
      // administer the mesh: a new domain widens what the policy covers
      case CREATE_DOMAIN -> org.dnsmesh.governance.policy.Operation.UPDATE_POLICY;
    };
  }
}
