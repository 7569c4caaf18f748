package org.dnsmesh.catalog.governance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Period;
import java.util.Optional;

/** Settings of the contract-change workflow under {@code mesh.governance.} (the launcher passes them as -D). */
@ConfigMapping(prefix = "mesh.governance")
public interface GovernanceConfig {

  /**
   * The access policy (YAML): grants decide who may propose, review and audit; Trino's rules are compiled from it.
   * Defaults to the decision point's {@code mesh.policy.file}, so one setting serves both.
   */
  @WithName("policy-file")
  @WithDefault("${mesh.policy.file:governance/policies/mesh-policy.yaml}")
  String policyFile();

  /**
   * Column classifications of tables no published contract describes yet (the demo tables); tables of
   * products with a published contract are classified from that contract instead.
   */
  @WithName("tables-file")
  @WithDefault("governance/policies/demo-tables.yaml")
  String tablesFile();

  /**
   * Trino's file-based access-control rules ({@code security.config-file} of the stack's Trino), rewritten
   * on every approved change; Trino re-reads it within its refresh period. Unset: rules are not regenerated
   * (logged and shown in health).
   */
  @WithName("trino-rules-file")
  Optional<String> trinoRulesFile();

  /** Kafka for workflow events; without bootstrap servers events are only logged (shown in health). */
  Kafka kafka();

  /** Quorums and the sunset of a MAJOR change's previous version. */
  Review review();

  /** Access requests: how long a grant may last, and how often expired grants are looked for. */
  Access access();

  /** Detection suppressions: which product's findings they suppress, the rules they may name, where they go. */
  Suppressions suppressions();

  interface Suppressions {
    /**
     * The product whose findings suppressions are about (the change's subject): whoever may see it may propose one,
     * and only stewards of its domain approve.
     */
    @WithDefault("security.detections")
    String product();

    /**
     * The detection rules a suppression may name, each with the case scope its findings bundle into
     * ({@code RULE:domain} or {@code RULE:account}); the security product's {@code Rule} enum, as deployed
     * (the product's tests hold the enum to this default).
     */
    @WithDefault(org.dnsmesh.governance.workflow.Suppression.SECURITY_PRODUCT_RULES)
    java.util.List<String> rules();

    /** The compacted topic the detection topology reads approved suppressions from (key: suppression id). */
    @WithDefault("mesh.security.suppressions")
    String topic();
  }

  interface Access {
    /** The longest term an access request may ask for (ISO-8601); longer requests are refused with 400. */
    @WithName("max-term")
    @WithDefault("P90D")
    java.time.Duration maxTerm();

    /**
     * How often expired grants are revoked (and grants approved on another catalog instance picked up): a grant
     * stops reading at most this long after its expiry.
     */
    @WithName("expiry-check-interval")
    @WithDefault("PT2S")
    java.time.Duration expiryCheckInterval();
  }

  interface Kafka {
    /** Bootstrap servers, e.g. {@code 127.0.0.1:9092}; unset = no Kafka. */
    @WithName("bootstrap-servers")
    Optional<String> bootstrapServers();

    /**
     * A Kafka client properties file with this service's credentials ({@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config}), as {@code mesh up} writes it (0600); unset = no SASL.
     */
    @WithName("client-config")
    Optional<java.nio.file.Path> clientConfig();

    /** Topic of workflow events (keyed by product). */
    @WithDefault("mesh.governance.events")
    String topic();
  }

  interface Review {
    /** Stewards of the product's domain whose approval every change needs. */
    @WithName("steward-quorum")
    @WithDefault("1")
    int stewardQuorum();

    /** Governance-role approvals a MAJOR or classification change needs in addition. */
    @WithName("governance-quorum")
    @WithDefault("1")
    int governanceQuorum();

    /** How long the previous version of a MAJOR change stays readable after approval. */
    @WithName("major-sunset")
    @WithDefault("P90D")
    Period majorSunset();
  }
}
