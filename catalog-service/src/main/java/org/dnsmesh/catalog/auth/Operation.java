package org.dnsmesh.catalog.auth;

/**
 * Every operation the service authorizes; each handler asks the decision point for one of these first.
 * {@link PolicyAccessDecisionPoint#policyOperation} says which policy operation decides each one.
 */
public enum Operation {
  CATALOG_CONFIG,
  LIST_NAMESPACES,
  LOAD_NAMESPACE,
  CREATE_NAMESPACE,
  UPDATE_NAMESPACE_PROPERTIES,
  DROP_NAMESPACE,
  LIST_TABLES,
  LOAD_TABLE,
  CREATE_TABLE,
  REGISTER_TABLE,
  COMMIT_TABLE,
  RENAME_TABLE,
  DROP_TABLE,
  REPORT_METRICS,
  COMMIT_TRANSACTION,
  LIST_VIEWS,
  LOAD_VIEW,
  CREATE_VIEW,
  REGISTER_VIEW,
  REPLACE_VIEW,
  RENAME_VIEW,
  DROP_VIEW,
  LIST_DOMAINS,
  CREATE_DOMAIN,
  READ_DOMAIN,
  SEARCH_PRODUCTS,
  READ_PRODUCT,
  READ_SCHEMA,
  PUBLISH_PRODUCT,
  READ_LINEAGE,
  SEND_LINEAGE,
  /** Record a retention / maintenance run of a table in the audit log (issue 18): manage on the table. */
  RECORD_LIFECYCLE_RUN
}
