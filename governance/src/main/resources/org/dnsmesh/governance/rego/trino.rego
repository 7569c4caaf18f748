# Trino OPA access control (plugin/opa, Trino 476) over the same policy as dnsmesh.authz.
# Configure Trino with (see governance/README.md):
#   opa.policy.uri                      = <opa>/v1/data/dnsmesh/trino/allow
#   opa.policy.batched-uri              = <opa>/v1/data/dnsmesh/trino/batch
#   opa.policy.row-filters-uri          = <opa>/v1/data/dnsmesh/trino/row_filters
#   opa.policy.column-masking-uri       = <opa>/v1/data/dnsmesh/trino/column_mask
#   opa.policy.batch-column-masking-uri = <opa>/v1/data/dnsmesh/trino/batch_column_masks
# Trino catalog = mesh domain, schema = product, table = table. Anything not allowed here is denied.
package dnsmesh.trino

import rego.v1

import data.dnsmesh.authz

policy := data.dnsmesh.policy

user := input.context.identity.user

known_user if policy.principals[user]

default allow := false

# Session-level operations for every known principal.
allow if {
	known_user
	input.action.operation in {"ExecuteQuery", "ReadSystemInformation"}
}

# Own queries only.
allow if {
	known_user
	input.action.operation in {"ViewQueryOwnedBy", "FilterViewQueryOwnedBy", "KillQueryOwnedBy"}
	input.action.resource.user.user == user
}

# Built-in functions (the mask expressions use them).
allow if {
	known_user
	input.action.operation in {"ExecuteFunction", "FilterFunctions", "ShowFunctions"}
	input.action.resource.function.catalogName == "system"
	input.action.resource.function.schemaName == "builtin"
}

# The masks' evaluation identity (Trino's mask environment): the masking catalog's pseudonym function, nothing else.
# It is no principal; a principal calling the function directly is refused (no rule allows it).
masking_identity := "mesh-masking"

allow if {
	user == masking_identity
	input.action.operation == "ExecuteFunction"
	f := input.action.resource.function
	f.catalogName == "mesh"
	f.schemaName == "masking"
	f.functionName == "pseudonym"
}

# Masks are analysed in their table's catalog as that identity, and the columns they read are checked as it.
allow if {
	user == masking_identity
	input.action.operation in {"AccessCatalog", "SelectFromColumns"}
}

allow if {
	input.action.operation in {"AccessCatalog", "FilterCatalogs", "ShowSchemas"}
	catalog := input.action.resource.catalog.name
	can_discover([catalog])
}

allow if {
	input.action.operation in {"FilterSchemas", "ShowCreateSchema", "ShowTables"}
	s := input.action.resource.schema
	can_discover_schema(s.catalogName, s.schemaName)
}

allow if {
	input.action.operation in {"FilterTables", "ShowColumns", "FilterColumns", "ShowCreateTable"}
	t := input.action.resource.table
	can_discover_schema(t.catalogName, t.schemaName)
	can_discover([t.catalogName, t.schemaName, t.tableName])
}

# Metadata tables: information_schema of a visible catalog, system.jdbc / system.metadata for JDBC clients.
allow if {
	input.action.operation in {"FilterTables", "ShowColumns", "FilterColumns", "SelectFromColumns"}
	t := input.action.resource.table
	t.schemaName == "information_schema"
	can_discover([t.catalogName])
}

allow if {
	known_user
	input.action.operation in {"FilterTables", "ShowColumns", "FilterColumns", "SelectFromColumns"}
	t := input.action.resource.table
	t.catalogName == "system"
	t.schemaName in {"jdbc", "metadata", "information_schema"}
}

allow if {
	known_user
	input.action.operation in {"AccessCatalog", "FilterCatalogs"}
	input.action.resource.catalog.name == "system"
}

allow if {
	input.action.operation == "SelectFromColumns"
	t := input.action.resource.table
	"read" in table_privileges(t)
}

allow if {
	input.action.operation in {"InsertIntoTable", "DeleteFromTable", "TruncateTable", "UpdateTableColumns"}
	t := input.action.resource.table
	"write" in table_privileges(t)
}

allow if {
	input.action.operation in {"CreateTable", "DropTable", "AddColumn", "DropColumn", "RenameColumn", "AlterColumn",
		"SetTableProperties", "SetTableComment", "SetColumnComment"}
	t := input.action.resource.table
	"manage" in authz.privileges(user, [t.catalogName, t.schemaName, t.tableName])
}

allow if {
	input.action.operation in {"CreateSchema", "DropSchema"}
	s := input.action.resource.schema
	"manage" in authz.privileges(user, [s.catalogName, s.schemaName])
}

# Batched filtering: indices of the allowed filterResources; for FilterColumns, indices of the columns.
batch contains i if {
	input.action.operation != "FilterColumns"
	some i, resource in input.action.filterResources
	allow with input.action.resource as resource
}

batch contains i if {
	input.action.operation == "FilterColumns"
	t := input.action.filterResources[0].table
	can_discover([t.catalogName, t.schemaName, t.tableName])
	some i, _ in t.columns
}

row_filters := [{"expression": f.expression} |
	input.action.operation == "GetRowFilters"
	t := input.action.resource.table
	access := table_access(t)
	some f in access.row_filters
]

column_mask := {"expression": e, "identity": masking_identity} if {
	input.action.operation == "GetColumnMask"
	e := mask_expression(input.action.resource.column)
}

batch_column_masks contains {"index": i, "viewExpression": {"expression": e, "identity": masking_identity}} if {
	input.action.operation == "GetColumnMask"
	some i, resource in input.action.filterResources
	e := mask_expression(resource.column)
}

mask_expression(column) := e if {
	access := table_access({"catalogName": column.catalogName, "schemaName": column.schemaName, "tableName": column.tableName})
	some m in access.column_masks
	m.column == column.columnName
	e := m.expression
}

table_access(t) := access if {
	u := user
	path := [t.catalogName, t.schemaName, t.tableName]
	access := authz.table_access with input as {"principal": u, "table": path}
}

table_privileges(t) := {p |
	access := table_access(t)
	some p in access.privileges
}

can_discover(path) if "discover" in authz.privileges(user, path)

# information_schema is visible wherever its catalog is.
can_discover_schema(catalog, "information_schema") if can_discover([catalog])

can_discover_schema(catalog, schema) if {
	schema != "information_schema"
	can_discover([catalog, schema])
}
