package org.dnsmesh.governance.decision;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Where the OPA server is, which package holds our rules, and how long to wait before denying. */
public record OpaConfig(URI baseUri, String packagePath, Duration timeout) {
  public OpaConfig {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(packagePath, "packagePath");
    Objects.requireNonNull(timeout, "timeout");
    if (!packagePath.matches("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new IllegalArgumentException("OPA package path '" + packagePath + "' must look like dnsmesh/authz");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("OPA timeout must be positive, was " + timeout);
    }
  }

  /** {@code <base>/v1/data/<package>/<rule>} per OPA's Data API. */
  public URI ruleUri(String rule) {
    String base = baseUri.toString().replaceAll("/+$", "");
    return URI.create(base + "/v1/data/" + packagePath + "/" + rule);
  }
}
