package org.dnsmesh.catalog.auth;

/** Every operation the service authorizes; each handler asks the decision point for one of these first. */
public enum Operation {
  CATALOG_CONFIG(AccessKind.READ),
  LIST_NAMESPACES(AccessKind.READ),
  LOAD_NAMESPACE(AccessKind.READ),
  CREATE_NAMESPACE(AccessKind.WRITE),
  UPDATE_NAMESPACE_PROPERTIES(AccessKind.WRITE),
  DROP_NAMESPACE(AccessKind.WRITE),
  LIST_TABLES(AccessKind.READ),
  LOAD_TABLE(AccessKind.READ),
  CREATE_TABLE(AccessKind.WRITE),
  REGISTER_TABLE(AccessKind.WRITE),
  COMMIT_TABLE(AccessKind.WRITE),
  RENAME_TABLE(AccessKind.WRITE),
  DROP_TABLE(AccessKind.WRITE),
  REPORT_METRICS(AccessKind.READ),
  COMMIT_TRANSACTION(AccessKind.WRITE),
  LIST_VIEWS(AccessKind.READ),
  LOAD_VIEW(AccessKind.READ),
  CREATE_VIEW(AccessKind.WRITE),
  REPLACE_VIEW(AccessKind.WRITE),
  RENAME_VIEW(AccessKind.WRITE),
  DROP_VIEW(AccessKind.WRITE),
  LIST_DOMAINS(AccessKind.READ),
  CREATE_DOMAIN(AccessKind.ADMINISTER),
  READ_REGISTRY(AccessKind.READ),
  PUBLISH_PRODUCT(AccessKind.WRITE),
  SEND_LINEAGE(AccessKind.WRITE);

  private final AccessKind kind;

  Operation(AccessKind kind) {
    this.kind = kind;
  }

  public AccessKind kind() {
    return kind;
  }
}
