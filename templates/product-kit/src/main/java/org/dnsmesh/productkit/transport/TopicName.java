package org.dnsmesh.productkit.transport;

import java.util.Objects;
import java.util.regex.Pattern;

/** A product's Kafka topic: {@code <domain>.<product>.<port>}, e.g. {@code na.na-resolver-queries.raw}. */
public record TopicName(String domain, String product, String port) {

  private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public TopicName {
    check("domain", domain);
    check("product", product);
    check("port", port);
  }

  private static void check(String what, String value) {
    Objects.requireNonNull(value, what);
    if (!PART.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + value + "' must match " + PART.pattern());
    }
  }

  /** The dead-letter topic of the same product. */
  public TopicName deadLetter() {
    return new TopicName(domain, product, "dlq");
  }

  public static TopicName parse(String topic) {
    String[] parts = topic.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("topic '" + topic + "' is not <domain>.<product>.<port>");
    }
    return new TopicName(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return domain + "." + product + "." + port;
  }
}
