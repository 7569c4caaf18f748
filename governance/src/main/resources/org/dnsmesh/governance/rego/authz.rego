# Decisions of the DNS Data Mesh access policy, for the catalog's OPA client (OpaPolicyDecisionPoint).
# Shipped by governance's RegoBundleCompiler; the policy itself is in data.dnsmesh.policy (data.json),
# compiled from the policy YAML. Semantics are those of EmbeddedPolicyDecisionPoint; the decision-case
# table (decision-cases.json) is the specification both must pass.
#
#   allow         input {"principal", "operation", "resource": [domain, product, table] cut at its level}
#   table_access  input {"principal", "table": [domain, product, table]}; undefined = denied
package dnsmesh.authz

import rego.v1

policy := data.dnsmesh.policy

default allow := false

allow if {
	input.operation != "read-table-files"
	op := policy.operations[input.operation]
	count(input.resource) in op.levels
	op.privilege in privileges(input.principal, input.resource)
}

# File locations: to the table's writers, or to readers whose view is neither masked nor filtered.
allow if {
	input.operation == "read-table-files"
	count(input.resource) == 3
	privs := privileges(input.principal, input.resource)
	"read" in privs
	"write" in privs
}

allow if {
	input.operation == "read-table-files"
	count(input.resource) == 3
	"read" in privileges(input.principal, input.resource)
	access := table_access with input as {"principal": input.principal, "table": input.resource}
	count(access.column_masks) == 0
	count(access.row_filters) == 0
}

table_access := result if {
	p := policy.principals[input.principal]
	t := policy.tables[concat(".", input.table)]
	privs := privileges(input.principal, input.table)
	count(privs - {"discover"}) > 0
	result := {
		"privileges": sort(privs),
		"column_masks": column_masks(input.principal, p, input.table, t),
		"row_filters": row_filters(input.principal, p, input.table, t),
	}
}

# Union of matching grants; every privilege implies discover on the resource and its ancestors,
# and every known principal may discover the mesh itself (list domains).
privileges(name, resource) := (covered | reached) | mesh if {
	p := policy.principals[name]
	covered := {priv |
		some g in policy.grants
		subject_matches(g.subject, name, p, resource)
		some pattern in g.resources
		covers(pattern, resource)
		some priv in array.concat(g.privileges, ["discover"])
	}
	reached := {"discover" |
		some g in policy.grants
		subject_matches(g.subject, name, p, resource)
		some pattern in g.resources
		reaches_below(pattern, resource)
	}
	mesh := {"discover" | count(resource) == 0}
}

column_masks(name, p, table, t) := [m |
	some c in t.columns
	c.mask != "none"
	not clear_for(c.clear_for, name, p, table)
	m := {"column": c.name, "function": c.mask, "expression": c.expression}
]

clear_for(selectors, name, p, resource) if {
	some s in selectors
	subject_matches(s, name, p, resource)
}

row_filters(name, p, table, t) := [f |
	some r in policy.row_filters
	subject_matches(r.subject, name, p, table)
	any_covers(r.resources, table)
	not any_covers(r.except, table)
	value := p.attributes[r.attribute]
	some e in row_predicates(r, t, table[0], value)
	f := {"expression": e}
]

# Fail closed: per row where the table has the column; otherwise the whole table by its domain's region.
row_predicates(r, t, _, value) := [sprintf("%s = '%s'", [r.column, replace(value, "'", "''")])] if has_column(t, r.column)

row_predicates(r, t, domain, value) := [] if {
	not has_column(t, r.column)
	region_is(domain, value)
}

row_predicates(r, t, domain, value) := ["false"] if {
	not has_column(t, r.column)
	not region_is(domain, value)
}

has_column(t, name) if {
	some c in t.columns
	c.name == name
}

region_is(domain, value) if policy.regions[domain] == value

# ---- subjects: {principal, role, domain, scope}; "" = not constrained ----

subject_matches(s, name, p, resource) if {
	principal_ok(s, name)
	role_ok(s, p, resource)
}

principal_ok(s, _) if s.principal == ""

principal_ok(s, name) if s.principal == name

role_ok(s, _, _) if s.role == ""

role_ok(s, p, resource) if {
	s.role != ""
	some b in p.roles
	b.role == s.role
	domain_ok(s, b)
	scope_ok(s, b, resource)
}

domain_ok(s, _) if s.domain == ""

domain_ok(s, b) if s.domain == b.domain

scope_ok(s, _, _) if s.scope == "any"

scope_ok(s, b, resource) if {
	s.scope == "own-domain"
	count(resource) > 0
	resource[0] == b.domain
}

# ---- resource patterns: arrays of segments, "*" matches any one segment; ["*"] covers everything ----

covers(pattern, _) if pattern == ["*"]

covers(pattern, resource) if {
	count(pattern) <= count(resource)
	every i, segment in pattern {
		segment_ok(segment, resource[i])
	}
}

reaches_below(pattern, resource) if {
	not covers(pattern, resource)
	count(pattern) > count(resource)
	every i, value in resource {
		segment_ok(pattern[i], value)
	}
}

any_covers(patterns, resource) if {
	some pattern in patterns
	covers(pattern, resource)
}

segment_ok(segment, _) if segment == "*"

segment_ok(segment, value) if segment == value
