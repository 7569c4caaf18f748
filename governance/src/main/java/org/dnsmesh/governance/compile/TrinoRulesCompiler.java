package org.dnsmesh.governance.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.dnsmesh.governance.AtomicFiles;
import org.dnsmesh.governance.decision.ColumnMask;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.decision.RowFilter;
import org.dnsmesh.governance.decision.TableAccess;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.PrincipalName;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.TableClassification;
import org.dnsmesh.governance.policy.TableClassifications;
import org.dnsmesh.governance.policy.TableRef;

/**
 * Compiles policy + table classifications into Trino's file-based access-control rules
 * ({@code access-control.name=file}, {@code security.config-file}, {@code security.refresh-period}).
 * Decisions come from the embedded evaluator, one exact rule per principal and table (first match wins in
 * Trino), so Trino enforces exactly what the decision point answers. Each section ends with an explicit
 * catch-all deny; a table with no classified contract gets no rule and is therefore denied.
 */
public final class TrinoRulesCompiler {
  /** Trino schemas every known principal may read so that JDBC/CLI metadata calls work. */
  /**
   * The Trino user as which the catalog service asks Trino who ran a query its lineage listener reported (Trino
   * 476's OpenLineage events name no user): it may view every query and do nothing else.
   */
  public static final String LINEAGE_READER = org.dnsmesh.governance.policy.ReservedPrincipals.LINEAGE_READER;
  static final String SYSTEM_METADATA_SCHEMAS = "jdbc|metadata|information_schema";
  /**
   * Trino's Iceberg hidden columns that name or describe the files under a table. A principal whose view is
   * masked or filtered may not select them: file locations are for writers and unmasked readers only (the
   * same rule as the catalog's loadTable). Metadata tables ({@code "t$files"}, ...) match no rule and stay denied.
   */
  public static final List<String> FILE_COLUMNS = List.of("$path", "$file_modified_time", "$partition");
  private final MaskExpressions expressions;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public TrinoRulesCompiler(MaskExpressions expressions) {
    this.expressions = Objects.requireNonNull(expressions, "expressions");
  }

  public ObjectNode compile(AccessPolicy policy, TableClassifications tables) {
    EmbeddedPolicyDecisionPoint decisions = new EmbeddedPolicyDecisionPoint(policy, tables, expressions);
    String knownUsers = userPattern(policy.principals().stream().map(Principal::name).toList());
    ObjectNode root = json.createObjectNode();

    ArrayNode catalogs = root.putArray("catalogs");
    for (Principal principal : policy.principals()) {
      for (DomainName domain : policy.domains()) {
        Set<Privilege> privileges = privilegesInDomain(decisions, principal.name(), domain, tables);
        if (privileges.contains(Privilege.WRITE) || privileges.contains(Privilege.MANAGE)) {
          catalogs.add(catalogRule(principal.name(), domain, "all"));
        } else if (privileges.contains(Privilege.DISCOVER)) {
          catalogs.add(catalogRule(principal.name(), domain, "read-only"));
        }
      }
    }
    catalogs.addObject().put("user", knownUsers).put("catalog", "system").put("allow", "read-only");
    // the masks' evaluation identity: Trino analyses a mask in its table's catalog as that identity, checks the columns
    // it reads as that identity, and lets only it call the masking function. No token can name it (the policy may not
    // declare it, Trino's authenticator refuses it, impersonation is off), so it exists only inside mask evaluation.
    catalogs.addObject().put("user", exactly(MaskExpressions.MASKING_IDENTITY)).put("allow", "read-only");
    catalogs.addObject().put("allow", "none");

    ArrayNode schemas = root.putArray("schemas");
    for (Principal principal : policy.principals()) {
      for (DomainName domain : policy.domains()) {
        if (decisions.privilegesOn(principal.name(), ResourceRef.domain(domain.value())).contains(Privilege.MANAGE)) {
          schemas.addObject().put("user", userPattern(List.of(principal.name()))).put("catalog", literal(domain.value()))
              .put("schema", ".*").put("owner", true);
          continue;
        }
        for (String product : productsOf(domain, tables)) {
          if (decisions.privilegesOn(principal.name(), ResourceRef.product(domain.value(), product)).contains(Privilege.MANAGE)) {
            schemas.addObject().put("user", userPattern(List.of(principal.name()))).put("catalog", literal(domain.value()))
                .put("schema", literal(product)).put("owner", true);
          }
        }
      }
    }
    schemas.addObject().put("owner", false);

    ArrayNode tableRules = root.putArray("tables");
    for (Principal principal : policy.principals()) {
      for (TableClassification table : tables.all()) {
        TableAccess access = decisions.tableAccess(principal.name(), table.table());
        if (access.decision().allowed()) {
          tableRules.add(tableRule(principal.name(), table.table(), access));
          if (access.can(Privilege.MANAGE) && access.columnMasks().isEmpty() && access.rowFilters().isEmpty()) {
            tableRules.add(metadataTablesRule(principal.name(), table.table()));
          }
        }
      }
    }
    ObjectNode systemTables = tableRules.addObject();
    systemTables.put("user", knownUsers).put("catalog", "system").put("schema", SYSTEM_METADATA_SCHEMAS);
    systemTables.putArray("privileges").add("SELECT");
    ObjectNode informationSchema = tableRules.addObject();
    informationSchema.put("user", knownUsers).put("schema", "information_schema");
    informationSchema.putArray("privileges").add("SELECT");
    // the masks' evaluation identity: Trino checks the columns a mask reads as the identity it is evaluated as
    tableRules.addObject().put("user", exactly(MaskExpressions.MASKING_IDENTITY)).putArray("privileges").add("SELECT");
    tableRules.addObject().putArray("privileges"); // catch-all: everything else denied and hidden

    // with function rules present, a catalog function no rule grants is refused (system.builtin stays open)
    ObjectNode pseudonym = root.putArray("functions").addObject();
    pseudonym.put("user", exactly(MaskExpressions.MASKING_IDENTITY)).put("catalog", exactly(MaskExpressions.MASKING_CATALOG))
        .put("schema", exactly(MaskExpressions.MASKING_SCHEMA)).put("function", exactly(MaskExpressions.PSEUDONYM_NAME));
    pseudonym.putArray("privileges").add("EXECUTE");

    ArrayNode queries = root.putArray("queries");
    // the catalog's query-lineage lookup: views any query (who ran it, which tables), runs and kills none
    queries.addObject().put("user", exactly(LINEAGE_READER)).putArray("allow").add("view");
    ObjectNode execute = queries.addObject().put("user", knownUsers);
    execute.putArray("allow").add("execute");
    return root;
  }

  /**
   * Principal/table pairs that can write and also see masks: Trino 476 refuses INSERT into a table with
   * column masks for the inserting user ("Insert into table with column masks is not supported"), so such
   * principals must write through the catalog's Iceberg REST API (as product pipelines do), or the policy
   * must show them those columns in clear. Measured on Trino 476 with the demo policy.
   */
  public List<String> warnings(AccessPolicy policy, TableClassifications tables) {
    EmbeddedPolicyDecisionPoint decisions = new EmbeddedPolicyDecisionPoint(policy, tables, expressions);
    List<String> warnings = new ArrayList<>();
    for (Principal principal : policy.principals()) {
      for (TableClassification table : tables.all()) {
        TableAccess access = decisions.tableAccess(principal.name(), table.table());
        if (access.can(Privilege.WRITE) && !access.columnMasks().isEmpty()) {
          warnings.add(principal.name() + " may write " + table.table() + " but sees masked columns "
              + access.columnMasks().stream().map(ColumnMask::column).toList() + ": Trino refuses its INSERTs (write via Iceberg REST)");
        }
      }
    }
    return warnings;
  }

  /** Writes the rules atomically: Trino re-reads the file every refresh period and a torn file fails every query. */
  public void writeTo(ObjectNode rules, Path file) {
    try {
      AtomicFiles.writeString(file, json.writeValueAsString(rules));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Trino rules to " + file + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode catalogRule(PrincipalName principal, DomainName domain, String allow) {
    return json.createObjectNode().put("user", userPattern(List.of(principal))).put("catalog", literal(domain.value())).put("allow", allow);
  }

  /**
   * Iceberg's metadata tables of a table ({@code "t$snapshots"}, {@code "t$files"}, ...) for a principal that manages
   * it and sees it unmasked and unfiltered (table maintenance counts snapshots and files; they name the files, so
   * nobody else gets them, as {@link #FILE_COLUMNS}).
   */
  private ObjectNode metadataTablesRule(PrincipalName principal, TableRef table) {
    ObjectNode rule = json.createObjectNode();
    rule.put("user", userPattern(List.of(principal)));
    rule.put("catalog", literal(table.domain()));
    rule.put("schema", literal(table.product()));
    rule.put("table", literal(table.table()) + METADATA_TABLES);
    rule.putArray("privileges").add("SELECT");
    return rule;
  }

  /** Suffixes of Iceberg's metadata tables in Trino. */
  static final String METADATA_TABLES =
      "\\$(snapshots|history|files|manifests|all_manifests|partitions|refs|entries|all_entries|properties|metadata_log_entries)";

  private ObjectNode tableRule(PrincipalName principal, TableRef table, TableAccess access) {
    ObjectNode rule = json.createObjectNode();
    rule.put("user", userPattern(List.of(principal)));
    rule.put("catalog", literal(table.domain()));
    rule.put("schema", literal(table.product()));
    rule.put("table", literal(table.table()));
    ArrayNode privileges = rule.putArray("privileges");
    trinoPrivileges(access.privileges()).forEach(privileges::add);
    if (!access.rowFilters().isEmpty()) {
      List<String> predicates = access.rowFilters().stream().map(RowFilter::expression).toList();
      rule.put("filter", predicates.size() == 1 ? predicates.getFirst()
          : predicates.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" AND ")));
    }
    boolean protectedView = !access.columnMasks().isEmpty() || !access.rowFilters().isEmpty();
    if (protectedView && !access.can(Privilege.WRITE)) {
      ArrayNode columns = rule.putArray("columns");
      access.columnMasks().forEach(mask -> columns.add(maskRule(mask)));
      FILE_COLUMNS.forEach(column -> columns.addObject().put("name", column).put("allow", false));
    } else if (!access.columnMasks().isEmpty()) {
      ArrayNode columns = rule.putArray("columns");
      access.columnMasks().forEach(mask -> columns.add(maskRule(mask)));
    }
    return rule;
  }

  /** A column's mask, evaluated as the masking identity (the only one that may execute the pseudonym function). */
  private ObjectNode maskRule(ColumnMask mask) {
    ObjectNode column = json.createObjectNode().put("name", mask.column()).put("mask", mask.expression());
    column.putObject("mask_environment").put("user", MaskExpressions.MASKING_IDENTITY);
    return column;
  }

  static List<String> trinoPrivileges(Set<Privilege> privileges) {
    List<String> trino = new ArrayList<>();
    if (privileges.contains(Privilege.READ)) {
      trino.add("SELECT");
    }
    if (privileges.contains(Privilege.WRITE)) {
      trino.addAll(List.of("INSERT", "DELETE", "UPDATE"));
    }
    if (privileges.contains(Privilege.MANAGE)) {
      trino.add("OWNERSHIP");
    }
    return trino;
  }

  private static Set<Privilege> privilegesInDomain(EmbeddedPolicyDecisionPoint decisions, PrincipalName principal,
                                                   DomainName domain, TableClassifications tables) {
    Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
    privileges.addAll(decisions.privilegesOn(principal, ResourceRef.domain(domain.value())));
    for (TableClassification table : tables.all()) {
      if (table.table().domain().equals(domain.value())) {
        privileges.addAll(decisions.tableAccess(principal, table.table()).privileges());
      }
    }
    return privileges;
  }

  private static Set<String> productsOf(DomainName domain, TableClassifications tables) {
    Set<String> products = new LinkedHashSet<>();
    tables.all().stream().map(TableClassification::table).filter(t -> t.domain().equals(domain.value()))
        .forEach(t -> products.add(t.product()));
    return products;
  }

  /** An anchored regex matching exactly these names (Trino matches user patterns as Java regexes). */
  static String userPattern(List<PrincipalName> names) {
    return "^(" + names.stream().map(n -> literal(n.value())).collect(Collectors.joining("|")) + ")$";
  }

  /** A pattern matching {@code name} only. */
  static String exactly(String name) {
    return "^(" + literal(name) + ")$";
  }

  /** Names here are [A-Za-z0-9._@-]: only '.' is a regex metacharacter among them. */
  static String literal(String name) {
    return name.replace(".", "\\.");
  }
}
