/**
 * Governance: access policy model and decision point (embedded / OPA), compilers to an OPA bundle and to
 * Trino access rules, contract-change review workflow and hash-chained audit log. See governance/README.md.
 */
package org.dnsmesh.governance;
