package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every operation the catalog and governance APIs authorize, one enum for the catalog, governance and the
 * compiled rules (in the manner of Polaris' {@code PolarisAuthorizableOperation}): the privilege it needs and
 * the resource levels it applies to. A request at another level is denied. The first group are the policy's
 * own operations (the OPA bundle and the Trino rules know these); each API operation of the second group is
 * {@link #decidedAs() decided as} the policy operation needing the same privilege at the same levels.
 */
public enum Operation {
  LIST_CATALOG(Privilege.DISCOVER, EnumSet.of(ResourceLevel.MESH, ResourceLevel.DOMAIN, ResourceLevel.PRODUCT)),
  READ_METADATA(Privilege.DISCOVER, EnumSet.of(ResourceLevel.DOMAIN, ResourceLevel.PRODUCT, ResourceLevel.TABLE)),
  /** The lineage graph (mesh-wide) or a node's lineage. */
  READ_LINEAGE(Privilege.DISCOVER, EnumSet.of(ResourceLevel.MESH, ResourceLevel.DOMAIN, ResourceLevel.PRODUCT, ResourceLevel.TABLE)),
  READ_TABLE(Privilege.READ, EnumSet.of(ResourceLevel.TABLE)),
  /**
   * Be handed the table's file locations (Iceberg loadTable). Needs read, and either write (the table's
   * producers write those files) or a read that carries no column mask and no row filter on a classified
   * table: masked or filtered data is read only through Trino, which applies the masks and filters.
   */
  READ_TABLE_FILES(Privilege.READ, EnumSet.of(ResourceLevel.TABLE)),
  WRITE_TABLE(Privilege.WRITE, EnumSet.of(ResourceLevel.TABLE)),
  REPORT_LINEAGE(Privilege.WRITE, EnumSet.of(ResourceLevel.PRODUCT, ResourceLevel.TABLE)),
  CREATE_NAMESPACE(Privilege.MANAGE, EnumSet.of(ResourceLevel.PRODUCT)),
  DROP_NAMESPACE(Privilege.MANAGE, EnumSet.of(ResourceLevel.PRODUCT)),
  CREATE_TABLE(Privilege.MANAGE, EnumSet.of(ResourceLevel.TABLE)),
  DROP_TABLE(Privilege.MANAGE, EnumSet.of(ResourceLevel.TABLE)),
  UPDATE_TABLE_SCHEMA(Privilege.MANAGE, EnumSet.of(ResourceLevel.TABLE)),
  PROPOSE_CHANGE(Privilege.PROPOSE, EnumSet.of(ResourceLevel.PRODUCT)),
  APPROVE_CHANGE(Privilege.REVIEW, EnumSet.of(ResourceLevel.PRODUCT)),
  REJECT_CHANGE(Privilege.REVIEW, EnumSet.of(ResourceLevel.PRODUCT)),
  PUBLISH_CONTRACT(Privilege.PUBLISH, EnumSet.of(ResourceLevel.PRODUCT)),
  READ_AUDIT_LOG(Privilege.AUDIT, EnumSet.of(ResourceLevel.MESH)),
  VERIFY_AUDIT_LOG(Privilege.AUDIT, EnumSet.of(ResourceLevel.MESH)),
  UPDATE_POLICY(Privilege.ADMINISTER, EnumSet.of(ResourceLevel.MESH)),
  ISSUE_TOKEN(Privilege.ADMINISTER, EnumSet.of(ResourceLevel.MESH)),

  // The catalog's API operations (Iceberg REST, registry, lineage), each decided as a policy operation above.
  // discover: see that a domain, namespace or table exists
  CATALOG_CONFIG(LIST_CATALOG),
  LIST_NAMESPACES(LIST_CATALOG),
  LIST_TABLES(LIST_CATALOG),
  LIST_VIEWS(LIST_CATALOG),
  LIST_DOMAINS(LIST_CATALOG),
  SEARCH_PRODUCTS(LIST_CATALOG),
  READ_SCHEMA(LIST_CATALOG),
  LOAD_NAMESPACE(READ_METADATA),
  READ_DOMAIN(READ_METADATA),
  READ_PRODUCT(READ_METADATA),
  /**
   * Table metadata hands out the data files: only to writers and to readers the policy neither masks nor
   * filters (everyone else reads through Trino, which applies masks and filters).
   */
  LOAD_TABLE(READ_TABLE_FILES),
  LOAD_VIEW(READ_TABLE),
  REPORT_METRICS(READ_TABLE),
  // write
  COMMIT_TABLE(WRITE_TABLE),
  COMMIT_TRANSACTION(WRITE_TABLE),
  SEND_LINEAGE(REPORT_LINEAGE),
  // manage; namespace properties and product registration: manage on the product
  UPDATE_NAMESPACE_PROPERTIES(CREATE_NAMESPACE),
  PUBLISH_PRODUCT(CREATE_NAMESPACE),
  REGISTER_TABLE(CREATE_TABLE),
  CREATE_VIEW(CREATE_TABLE),
  REGISTER_VIEW(CREATE_TABLE),
  // a rename drops the source (the service checks create on the destination too)
  RENAME_TABLE(DROP_TABLE),
  DROP_VIEW(DROP_TABLE),
  RENAME_VIEW(DROP_TABLE),
  REPLACE_VIEW(UPDATE_TABLE_SCHEMA),
  /** Record a retention / maintenance run of a table in the audit log (issue 18): it deletes rows and files. */
  RECORD_LIFECYCLE_RUN(DROP_TABLE),
  // administer the mesh: a new domain widens what the policy covers
  CREATE_DOMAIN(UPDATE_POLICY);

  private final Privilege privilege;
  private final Set<ResourceLevel> levels;
  private final Operation decidedAs;

  Operation(Privilege privilege, Set<ResourceLevel> levels) {
    this.privilege = privilege;
    this.levels = levels;
    this.decidedAs = null;
  }

  Operation(Operation decidedAs) {
    this.privilege = decidedAs.privilege;
    this.levels = decidedAs.levels;
    this.decidedAs = decidedAs;
  }

  public Privilege privilege() {
    return privilege;
  }

  public Set<ResourceLevel> levels() {
    return Set.copyOf(levels);
  }

  /** The policy operation that decides this one (itself for the policy's own operations). */
  public Operation decidedAs() {
    return decidedAs == null ? this : decidedAs;
  }

  /** The policy's own operations: what the OPA bundle and the decision cases know. */
  public static List<Operation> policyOperations() {
    return Arrays.stream(values()).filter(operation -> operation.decidedAs == null).toList();
  }

  public boolean appliesTo(ResourceRef resource) {
    return levels.contains(resource.level());
  }

  @JsonValue
  public String id() {
    return PolicyIds.idOf(this);
  }

  @JsonCreator
  public static Operation fromId(String id) {
    return PolicyIds.parse(Operation.class, id, "operation");
  }
}
