package org.dnsmesh.catalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the service needs for a test run: a fresh database {@code dnsmesh_test_catalog_service},
 * a temporary warehouse root and a freshly generated key pair (tests sign their tokens with it, see
 * {@link DevTokens}), the dev login on with a one-time bootstrap secret, decided by the shipped access policy.
 */
public class CatalogTestEnvironment implements QuarkusTestResourceLifecycleManager {
  public static final String DATABASE = "dnsmesh_test_catalog_service";
  /** System property naming the test installation's private key ({@link DevTokens} signs with it). */
  public static final String PRIVATE_KEY_PROPERTY = "dnsmesh-test.private-key";
  /** The one-time bootstrap secret of the test installation's dev login. */
  public static final String BOOTSTRAP_SECRET = "test-bootstrap-secret-0123456789abcdef";
  /** The OAuth2 client secret of every policy principal in tests (generated per run, like mesh up does). */
  public static final String CLIENT_SECRET = TestClients.randomSecret();
  /** The mesh's own access policy decides every test request (Surefire runs in the module folder). */
  public static final Path POLICY_FILE = Path.of("../governance/policies/mesh-policy.yaml").toAbsolutePath().normalize();

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("catalog-service-test");
      TestKeys.Files2 keys = TestKeys.write(root.resolve("keys"));
      System.setProperty(PRIVATE_KEY_PROPERTY, keys.privateKey().toString());
      Path bootstrap = root.resolve("keys/bootstrap-secret");
      Files.writeString(bootstrap, BOOTSTRAP_SECRET + "\n");
      return Map.of(
          "quarkus.datasource.jdbc.url", TestDatabase.recreate(DATABASE),
          "mesh.warehouse.root", root.resolve("warehouse").toString(),
          "mesh.auth.public-key", keys.publicKey().toString(),
          "mesh.auth.private-key", keys.privateKey().toString(),
          "mesh.auth.dev-tokens", "true",
          "mesh.auth.bootstrap-secret-file", bootstrap.toString(),
          "mesh.auth.client-secrets-file", TestClients.write(root.resolve("secrets/oauth-clients.properties"),
              POLICY_FILE, CLIENT_SECRET).toString(),
          "mesh.domains", "na,eu",
          "mesh.policy.file", POLICY_FILE.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // the database stays for inspection; the next run recreates it
  }
}
