package org.dnsmesh.catalog;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A test profile whose policy changes write a copy of the shipped policy ({@code target/<folder>/mesh-policy.yaml})
 * and Trino's rules next to it, never the shipped file.
 */
abstract class CopiedPolicyProfile implements QuarkusTestProfile {
  private final Path policy;
  private final Path rules;

  CopiedPolicyProfile(String folder) {
    this.policy = policy(folder);
    this.rules = rules(folder);
  }

  static Path policy(String folder) {
    return Path.of("target", folder, "mesh-policy.yaml").toAbsolutePath();
  }

  static Path rules(String folder) {
    return Path.of("target", folder, "rules.json").toAbsolutePath();
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Files.createDirectories(policy.getParent());
      Files.copy(CatalogTestEnvironment.POLICY_FILE, policy, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("mesh.governance.policy-file", policy.toString(), "mesh.governance.trino-rules-file", rules.toString());
  }
}
