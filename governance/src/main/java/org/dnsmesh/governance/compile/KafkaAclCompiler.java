package org.dnsmesh.governance.compile;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dnsmesh.governance.decision.EmbeddedPolicyDecisionPoint;
import org.dnsmesh.governance.policy.AccessPolicy;
import org.dnsmesh.governance.policy.DomainName;
import org.dnsmesh.governance.policy.MaskExpressions;
import org.dnsmesh.governance.policy.Principal;
import org.dnsmesh.governance.policy.Privilege;
import org.dnsmesh.governance.policy.ResourceRef;
import org.dnsmesh.governance.policy.StaticTableClassifications;

/**
 * Compiles the access policy into Kafka ACLs for KRaft's {@code StandardAuthorizer} (with
 * {@code allow.everyone.if.no.acl.found=false}, so whatever no ACL allows is denied), the way
 * {@link TrinoRulesCompiler} compiles it into Trino's rules. Decisions come from the embedded evaluator:
 * <ul>
 *   <li>Domain topics ({@code <domain>.<product>.<port>}) carry events before validation and masking, so only a
 *       principal that may <em>write</em> the domain reads or writes them (prefix {@code <domain>.}, consumer groups
 *       likewise); {@code manage} adds topic creation. Readers of masked tables (analysts, stewards) get nothing:
 *       the clear values of a topic would bypass every mask. The same writers own the domain's transactional ids
 *       (prefix {@code <domain>.}: WRITE and DESCRIBE), so an exactly-once Kafka Streams application whose
 *       {@code application.id} starts with {@code <domain>.} (its group, internal topics and transactional ids all
 *       derive from it) runs inside its domain's prefix and nowhere else.</li>
 *   <li>{@value #GOVERNANCE_EVENTS_TOPIC} is written only by {@value #CATALOG_PRINCIPAL} and read by principals
 *       holding {@code audit}; {@value #QUALITY_ALERTS_TOPIC} is written only by {@value #QUALITY_MONITOR_PRINCIPAL}
 *       and read by principals holding {@code review} or {@code audit}; {@value #SECURITY_ALERTS_TOPIC} is written
 *       only by {@value #SECURITY_DETECTIONS_PRINCIPAL} (the security domain's detection topology) and read by
 *       principals holding {@code audit} or holding {@code review} on the {@value #SECURITY_DOMAIN} domain. Their
 *       readers' consumer groups are prefixed with the topic name.</li>
 *   <li>{@value #SECURITY_SUPPRESSIONS_TOPIC} (approved suppressions, compacted) is written only by
 *       {@value #CATALOG_PRINCIPAL}, which publishes what a security steward approved, and read only by
 *       {@value #SECURITY_DETECTIONS_PRINCIPAL} (a GlobalKTable: assigned partitions, no consumer group). A forged
 *       suppression produced by anyone else would silence alerts, so nobody else may write it.</li>
 * </ul>
 * Grants below domain level (a product or table) give no Kafka access: fail closed.
 */
public final class KafkaAclCompiler {
  public static final String GOVERNANCE_EVENTS_TOPIC = "mesh.governance.events";
  public static final String QUALITY_ALERTS_TOPIC = "mesh.quality.alerts";
  /** The catalog service's Kafka identity (it is the token issuer, not a policy principal). */
  public static final String CATALOG_PRINCIPAL = "catalog-service";
  public static final String QUALITY_MONITOR_PRINCIPAL = "quality-monitor";
  public static final String SECURITY_ALERTS_TOPIC = "mesh.security.alerts";
  /** The security domain's detection topology: the only writer of {@value #SECURITY_ALERTS_TOPIC}. */
  public static final String SECURITY_DETECTIONS_PRINCIPAL = "security-detections";
  static final String SECURITY_DOMAIN = "security";
  /** Approved detection suppressions: written only by {@value #CATALOG_PRINCIPAL}, read by the detection topology. */
  public static final String SECURITY_SUPPRESSIONS_TOPIC = "mesh.security.suppressions";
  /**
   * The detection topology's Kafka Streams {@code application.id}: Streams purges consumed records of its repartition
   * topics ({@code DeleteRecords}), so its principal may delete records of its own internal topics — and nothing else.
   */
  public static final String SECURITY_DETECTIONS_APPLICATION = "security.registrar-detections";
  /** Topics and groups of the mesh itself; a domain of this name would own them by prefix. */
  static final String RESERVED_DOMAIN = "mesh";

  /**
   * Every ACL the policy implies, sorted. Throws when a domain is called {@value #RESERVED_DOMAIN} (its prefix would
   * cover the mesh's own topics).
   */
  public List<KafkaAcl> compile(AccessPolicy policy) {
    // masks play no part in Kafka ACLs; the decision point needs an expression renderer all the same
    EmbeddedPolicyDecisionPoint decisions = new EmbeddedPolicyDecisionPoint(policy,
        new StaticTableClassifications(List.of()), new MaskExpressions());
    Set<KafkaAcl> acls = new TreeSet<>();
    for (DomainName domain : policy.domains()) {
      if (domain.value().equals(RESERVED_DOMAIN)) {
        throw new IllegalArgumentException("domain '" + RESERVED_DOMAIN + "' is reserved: its Kafka prefix '"
            + RESERVED_DOMAIN + ".' would cover the mesh's own topics");
      }
    }
    boolean catalogInPolicy = false;
    for (Principal principal : policy.principals()) {
      String name = principal.name().value();
      catalogInPolicy |= name.equals(CATALOG_PRINCIPAL);
      Set<Privilege> anywhere = EnumSet.noneOf(Privilege.class);
      for (DomainName domain : policy.domains()) {
        Set<Privilege> privileges = decisions.privilegesOn(principal.name(), ResourceRef.domain(domain.value()));
        anywhere.addAll(privileges);
        if (domain.value().equals(SECURITY_DOMAIN) && privileges.contains(Privilege.REVIEW)) {
          reader(acls, name, SECURITY_ALERTS_TOPIC);
        }
        if (privileges.contains(Privilege.WRITE)) {
          String prefix = domain.value() + ".";
          acls.add(topic(name, prefix, KafkaAcl.Pattern.PREFIXED, KafkaAcl.Operation.READ));
          acls.add(topic(name, prefix, KafkaAcl.Pattern.PREFIXED, KafkaAcl.Operation.WRITE));
          acls.add(topic(name, prefix, KafkaAcl.Pattern.PREFIXED, KafkaAcl.Operation.DESCRIBE));
          acls.add(group(name, prefix));
          acls.add(transactionalId(name, prefix, KafkaAcl.Operation.WRITE));
          acls.add(transactionalId(name, prefix, KafkaAcl.Operation.DESCRIBE));
          if (privileges.contains(Privilege.MANAGE)) {
            acls.add(topic(name, prefix, KafkaAcl.Pattern.PREFIXED, KafkaAcl.Operation.CREATE));
          }
        }
      }
      if (anywhere.contains(Privilege.AUDIT)) {
        reader(acls, name, GOVERNANCE_EVENTS_TOPIC);
        reader(acls, name, SECURITY_ALERTS_TOPIC);
      }
      if (anywhere.contains(Privilege.AUDIT) || anywhere.contains(Privilege.REVIEW)) {
        reader(acls, name, QUALITY_ALERTS_TOPIC);
      }
    }
    if (catalogInPolicy) {
      throw new IllegalArgumentException("principal '" + CATALOG_PRINCIPAL + "' is the catalog service's own "
          + "Kafka identity and must not appear in the policy");
    }
    writer(acls, CATALOG_PRINCIPAL, GOVERNANCE_EVENTS_TOPIC);
    writer(acls, QUALITY_MONITOR_PRINCIPAL, QUALITY_ALERTS_TOPIC);
    writer(acls, SECURITY_DETECTIONS_PRINCIPAL, SECURITY_ALERTS_TOPIC);
    writer(acls, CATALOG_PRINCIPAL, SECURITY_SUPPRESSIONS_TOPIC);
    acls.add(topic(SECURITY_DETECTIONS_PRINCIPAL, SECURITY_SUPPRESSIONS_TOPIC, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.READ));
    acls.add(topic(SECURITY_DETECTIONS_PRINCIPAL, SECURITY_SUPPRESSIONS_TOPIC, KafkaAcl.Pattern.LITERAL,
        KafkaAcl.Operation.DESCRIBE));
    acls.add(topic(SECURITY_DETECTIONS_PRINCIPAL, SECURITY_DETECTIONS_APPLICATION + "-", KafkaAcl.Pattern.PREFIXED,
        KafkaAcl.Operation.DELETE));
    return List.copyOf(acls);
  }

  /** Kafka users that need a SCRAM credential: every policy principal plus the catalog service. */
  public List<String> principals(AccessPolicy policy) {
    Set<String> names = new TreeSet<>();
    policy.principals().forEach(p -> names.add(p.name().value()));
    names.add(CATALOG_PRINCIPAL);
    names.add(QUALITY_MONITOR_PRINCIPAL);
    names.add(SECURITY_DETECTIONS_PRINCIPAL);
    return new ArrayList<>(names);
  }

  private static void writer(Set<KafkaAcl> acls, String principal, String topic) {
    acls.add(topic(principal, topic, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.WRITE));
    acls.add(topic(principal, topic, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.CREATE));
    acls.add(topic(principal, topic, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.DESCRIBE));
  }

  private static void reader(Set<KafkaAcl> acls, String principal, String topic) {
    acls.add(topic(principal, topic, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.READ));
    acls.add(topic(principal, topic, KafkaAcl.Pattern.LITERAL, KafkaAcl.Operation.DESCRIBE));
    acls.add(group(principal, topic + "."));
  }

  private static KafkaAcl topic(String principal, String name, KafkaAcl.Pattern pattern, KafkaAcl.Operation operation) {
    return new KafkaAcl(principal, KafkaAcl.Resource.TOPIC, name, pattern, operation);
  }

  private static KafkaAcl transactionalId(String principal, String prefix, KafkaAcl.Operation operation) {
    return new KafkaAcl(principal, KafkaAcl.Resource.TRANSACTIONAL_ID, prefix, KafkaAcl.Pattern.PREFIXED, operation);
  }

  private static KafkaAcl group(String principal, String prefix) {
    return new KafkaAcl(principal, KafkaAcl.Resource.GROUP, prefix, KafkaAcl.Pattern.PREFIXED, KafkaAcl.Operation.READ);
  }
}
