package org.dnsmesh.infra.trinoauth;

import io.trino.spi.connector.CatalogSchemaTableName;
import io.trino.spi.security.AccessDeniedException;
import io.trino.spi.security.SystemAccessControl;
import io.trino.spi.security.SystemSecurityContext;

/**
 * Trino's file-based access control never checks table procedures ({@code ALTER TABLE ... EXECUTE optimize /
 * expire_snapshots / remove_orphan_files}): a principal who may only read a table could expire its snapshots or
 * rewrite its files. Listed after the file-based control in {@code access-control.config-files} (Trino asks every
 * listed control and all must allow), this one allows everything the file rules decide and adds the one missing
 * check: a table procedure only for a principal whose first matching table rule grants OWNERSHIP, i.e. who manages
 * the table under the policy ({@link OwnershipRules}, the same compiled {@code rules.json}).
 */
public final class TableProcedureGuard implements SystemAccessControl {
  private final OwnershipRules rules;

  public TableProcedureGuard(OwnershipRules rules) {
    this.rules = rules;
  }

  @Override
  public void checkCanExecuteTableProcedure(SystemSecurityContext context, CatalogSchemaTableName table, String procedure) {
    var identity = context.getIdentity();
    var name = table.getSchemaTableName();
    if (!rules.owns(identity.getUser(), identity.getGroups(), table.getCatalogName(), name.getSchemaName(), name.getTableName())) {
      AccessDeniedException.denyExecuteTableProcedure(table.toString(), procedure);
    }
  }

  // Everything else is decided by the file-based control listed before this one: allow here, filter nothing.

  @Override
  public void checkCanImpersonateUser(io.trino.spi.security.Identity p0, java.lang.String p1) {}

  @Override
  public void checkCanSetUser(java.util.Optional<java.security.Principal> p0, java.lang.String p1) {}

  @Override
  public void checkCanExecuteQuery(io.trino.spi.security.Identity p0, io.trino.spi.QueryId p1) {}

  @Override
  public void checkCanViewQueryOwnedBy(io.trino.spi.security.Identity p0, io.trino.spi.security.Identity p1) {}

  @Override
  public java.util.Collection<io.trino.spi.security.Identity> filterViewQueryOwnedBy(io.trino.spi.security.Identity p0, java.util.Collection<io.trino.spi.security.Identity> p1) { return p1; }

  @Override
  public void checkCanKillQueryOwnedBy(io.trino.spi.security.Identity p0, io.trino.spi.security.Identity p1) {}

  @Override
  public void checkCanReadSystemInformation(io.trino.spi.security.Identity p0) {}

  @Override
  public void checkCanWriteSystemInformation(io.trino.spi.security.Identity p0) {}

  @Override
  public void checkCanSetSystemSessionProperty(io.trino.spi.security.Identity p0, io.trino.spi.QueryId p1, java.lang.String p2) {}

  @Override
  public boolean canAccessCatalog(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1) { return true; }

  @Override
  public void checkCanCreateCatalog(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1) {}

  @Override
  public void checkCanDropCatalog(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1) {}

  @Override
  public java.util.Set<java.lang.String> filterCatalogs(io.trino.spi.security.SystemSecurityContext p0, java.util.Set<java.lang.String> p1) { return p1; }

  @Override
  public void checkCanCreateSchema(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1, java.util.Map<java.lang.String, java.lang.Object> p2) {}

  @Override
  public void checkCanDropSchema(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1) {}

  @Override
  public void checkCanRenameSchema(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1, java.lang.String p2) {}

  @Override
  public void checkCanSetSchemaAuthorization(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1, io.trino.spi.security.TrinoPrincipal p2) {}

  @Override
  public void checkCanShowSchemas(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1) {}

  @Override
  public java.util.Set<java.lang.String> filterSchemas(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.util.Set<java.lang.String> p2) { return p2; }

  @Override
  public void checkCanShowCreateSchema(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1) {}

  @Override
  public void checkCanShowCreateTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanCreateTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Map<java.lang.String, java.lang.Object> p2) {}

  @Override
  public void checkCanDropTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanRenameTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, io.trino.spi.connector.CatalogSchemaTableName p2) {}

  @Override
  public void checkCanSetTableProperties(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Map<java.lang.String, java.util.Optional<java.lang.Object>> p2) {}

  @Override
  public void checkCanSetTableComment(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanSetViewComment(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanSetColumnComment(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanShowTables(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1) {}

  @Override
  public java.util.Set<io.trino.spi.connector.SchemaTableName> filterTables(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.util.Set<io.trino.spi.connector.SchemaTableName> p2) { return p2; }

  @Override
  public void checkCanShowColumns(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public java.util.Set<java.lang.String> filterColumns(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Set<java.lang.String> p2) { return p2; }

  @Override
  public java.util.Map<io.trino.spi.connector.SchemaTableName, java.util.Set<java.lang.String>> filterColumns(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.util.Map<io.trino.spi.connector.SchemaTableName, java.util.Set<java.lang.String>> p2) { return p2; }

  @Override
  public void checkCanAddColumn(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanAlterColumn(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanDropColumn(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanSetTableAuthorization(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, io.trino.spi.security.TrinoPrincipal p2) {}

  @Override
  public void checkCanRenameColumn(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanSelectFromColumns(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Set<java.lang.String> p2) {}

  @Override
  public void checkCanInsertIntoTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanDeleteFromTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanTruncateTable(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanUpdateTableColumns(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Set<java.lang.String> p2) {}

  @Override
  public void checkCanCreateView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanRenameView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, io.trino.spi.connector.CatalogSchemaTableName p2) {}

  @Override
  public void checkCanSetViewAuthorization(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, io.trino.spi.security.TrinoPrincipal p2) {}

  @Override
  public void checkCanDropView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanCreateViewWithSelectFromColumns(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Set<java.lang.String> p2) {}

  @Override
  public void checkCanCreateMaterializedView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Map<java.lang.String, java.lang.Object> p2) {}

  @Override
  public void checkCanRefreshMaterializedView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanSetMaterializedViewProperties(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.Map<java.lang.String, java.util.Optional<java.lang.Object>> p2) {}

  @Override
  public void checkCanDropMaterializedView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) {}

  @Override
  public void checkCanRenameMaterializedView(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, io.trino.spi.connector.CatalogSchemaTableName p2) {}

  @Override
  public void checkCanSetCatalogSessionProperty(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.lang.String p2) {}

  @Override
  public void checkCanGrantSchemaPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanDenySchemaPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaName p2, io.trino.spi.security.TrinoPrincipal p3) {}

  @Override
  public void checkCanRevokeSchemaPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanGrantTablePrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaTableName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanDenyTablePrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaTableName p2, io.trino.spi.security.TrinoPrincipal p3) {}

  @Override
  public void checkCanRevokeTablePrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.security.Privilege p1, io.trino.spi.connector.CatalogSchemaTableName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanGrantEntityPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.EntityPrivilege p1, io.trino.spi.connector.EntityKindAndName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanDenyEntityPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.EntityPrivilege p1, io.trino.spi.connector.EntityKindAndName p2, io.trino.spi.security.TrinoPrincipal p3) {}

  @Override
  public void checkCanRevokeEntityPrivilege(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.EntityPrivilege p1, io.trino.spi.connector.EntityKindAndName p2, io.trino.spi.security.TrinoPrincipal p3, boolean p4) {}

  @Override
  public void checkCanShowRoles(io.trino.spi.security.SystemSecurityContext p0) {}

  @Override
  public void checkCanCreateRole(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.util.Optional<io.trino.spi.security.TrinoPrincipal> p2) {}

  @Override
  public void checkCanDropRole(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1) {}

  @Override
  public void checkCanGrantRoles(io.trino.spi.security.SystemSecurityContext p0, java.util.Set<java.lang.String> p1, java.util.Set<io.trino.spi.security.TrinoPrincipal> p2, boolean p3, java.util.Optional<io.trino.spi.security.TrinoPrincipal> p4) {}

  @Override
  public void checkCanRevokeRoles(io.trino.spi.security.SystemSecurityContext p0, java.util.Set<java.lang.String> p1, java.util.Set<io.trino.spi.security.TrinoPrincipal> p2, boolean p3, java.util.Optional<io.trino.spi.security.TrinoPrincipal> p4) {}

  @Override
  public void checkCanShowCurrentRoles(io.trino.spi.security.SystemSecurityContext p0) {}

  @Override
  public void checkCanShowRoleGrants(io.trino.spi.security.SystemSecurityContext p0) {}

  @Override
  public void checkCanExecuteProcedure(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) {}

  @Override
  public boolean canExecuteFunction(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) { return true; }

  @Override
  public boolean canCreateViewWithExecuteFunction(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) { return true; }

  @Override
  public void checkCanShowFunctions(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaName p1) {}

  @Override
  public java.util.Set<io.trino.spi.function.SchemaFunctionName> filterFunctions(io.trino.spi.security.SystemSecurityContext p0, java.lang.String p1, java.util.Set<io.trino.spi.function.SchemaFunctionName> p2) { return p2; }

  @Override
  public void checkCanCreateFunction(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) {}

  @Override
  public void checkCanDropFunction(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) {}

  @Override
  public void checkCanShowCreateFunction(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaRoutineName p1) {}

  @Override
  public java.util.List<io.trino.spi.security.ViewExpression> getRowFilters(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1) { return java.util.List.of(); }

  @Override
  public java.util.Optional<io.trino.spi.security.ViewExpression> getColumnMask(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.lang.String p2, io.trino.spi.type.Type p3) { return java.util.Optional.empty(); }

  @Override
  public void checkCanSetEntityAuthorization(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.EntityKindAndName p1, io.trino.spi.security.TrinoPrincipal p2) {}

  @Override
  public java.util.Map<io.trino.spi.connector.ColumnSchema, io.trino.spi.security.ViewExpression> getColumnMasks(io.trino.spi.security.SystemSecurityContext p0, io.trino.spi.connector.CatalogSchemaTableName p1, java.util.List<io.trino.spi.connector.ColumnSchema> p2) { return java.util.Map.of(); }

  @Override
  public java.lang.Iterable<io.trino.spi.eventlistener.EventListener> getEventListeners() { return java.util.List.of(); }

  @Override
  public void shutdown() {}
}
