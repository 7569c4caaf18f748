package org.dnsmesh.governance.compile;

import java.util.Objects;

/**
 * One Kafka ACL (an ALLOW entry from any host), independent of Kafka's client library: the names of the enums are
 * Kafka's own {@code ResourceType}, {@code PatternType} and {@code AclOperation} values, so the launcher maps them
 * with {@code valueOf}.
 *
 * @param principal the policy principal; Kafka sees it as {@code User:<principal>} (the SCRAM user name)
 */
public record KafkaAcl(String principal, Resource resource, String name, Pattern pattern, Operation operation)
    implements Comparable<KafkaAcl> {

  public enum Resource { TOPIC, GROUP, TRANSACTIONAL_ID }

  public enum Pattern { LITERAL, PREFIXED }

  public enum Operation { READ, WRITE, CREATE, DESCRIBE, DELETE }

  public KafkaAcl {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(operation, "operation");
  }

  /** Kafka's principal string. */
  public String kafkaPrincipal() {
    return "User:" + principal;
  }

  @Override
  public int compareTo(KafkaAcl other) {
    return toString().compareTo(other.toString());
  }

  /** E.g. {@code pipeline-na WRITE TOPIC na.* }; a trailing {@code *} marks a prefix. */
  @Override
  public String toString() {
    return principal + " " + operation + " " + resource + " " + name + (pattern == Pattern.PREFIXED ? "*" : "");
  }
}
