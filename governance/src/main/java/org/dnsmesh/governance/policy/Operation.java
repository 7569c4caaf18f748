package org.dnsmesh.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every operation the catalog and governance APIs authorize (in the manner of Polaris'
 * {@code PolarisAuthorizableOperation}): the privilege it needs and the resource levels it applies to.
 * A request at another level is denied.
 */
public enum Operation {
  LIST_CATALOG(Privilege.DISCOVER, EnumSet.of(ResourceLevel.MESH, ResourceLevel.DOMAIN, ResourceLevel.PRODUCT)),
  READ_METADATA(Privilege.DISCOVER, EnumSet.of(ResourceLevel.DOMAIN, ResourceLevel.PRODUCT, ResourceLevel.TABLE)),
  READ_LINEAGE(Privilege.DISCOVER, EnumSet.of(ResourceLevel.DOMAIN, ResourceLevel.PRODUCT, ResourceLevel.TABLE)),
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
  ISSUE_TOKEN(Privilege.ADMINISTER, EnumSet.of(ResourceLevel.MESH));

  private final Privilege privilege;
  private final Set<ResourceLevel> levels;

  Operation(Privilege privilege, Set<ResourceLevel> levels) {
    this.privilege = privilege;
    this.levels = levels;
  }

  public Privilege privilege() {
    return privilege;
  }

  public Set<ResourceLevel> levels() {
    return Set.copyOf(levels);
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
