package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real catalog service (its built {@code quarkus-run.jar}) on a free port, with a fresh PostgreSQL database,
 * a temporary warehouse and its own signing key, for tests that talk to it over HTTP:
 * {@code try (EphemeralCatalog catalog = EphemeralCatalog.start(home, "dnsmesh_test_x")) { catalog.url() ... }}.
 * Tests that use it declare a build-order dependency on {@code catalog-service}.
 */
public final class EphemeralCatalog implements AutoCloseable {
  private final StackConfig config;
  private final CatalogServiceProcess process;
  private final DevTokens tokens;

  private EphemeralCatalog(StackConfig config) {
    this.config = config;
    this.process = new CatalogServiceProcess(config);
    this.tokens = new DevTokens(config.layout().jwtPrivateKey(), config.layout().jwtPublicKey());
  }

  /**
   * @param projectHome the repository root (where catalog-service/target/quarkus-app is built)
   * @param database a database named {@code dnsmesh_test_*}; dropped and created again
   */
  public static EphemeralCatalog start(Path projectHome, String database) {
    try {
      Path state = Files.createTempDirectory("dnsmesh-catalog-");
      StackConfig config = StackConfig.fromEnvironment(projectHome).withStateDir(state).withDatabase(database)
          .withFreePorts();
      PostgresDatabase postgres = new PostgresDatabase(config.postgres());
      postgres.dropDatabase();
      postgres.ensureDatabase();
      for (String domain : config.domains()) {
        Files.createDirectories(config.layout().warehouse().resolve(domain));
      }
      EphemeralCatalog catalog = new EphemeralCatalog(config);
      catalog.tokens.ensureKeyPair();
      catalog.process.preflight();
      catalog.process.start();
      try {
        catalog.process.awaitReady(Duration.ofSeconds(120));
      } catch (RuntimeException e) {
        catalog.close();
        throw e;
      }
      return catalog;
    } catch (IOException e) {
      throw new StackException("Cannot create a temporary folder for the catalog service: " + e.getMessage(), e);
    }
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return config.catalogUrl();
  }

  public String icebergRestUrl() {
    return config.icebergRestUrl();
  }

  public StackConfig config() {
    return config;
  }

  /** A token signed with this catalog's key. */
  public String token(String subject, List<String> roles, List<String> domains) {
    return tokens.mint(subject, roles, domains, Duration.ofMinutes(30));
  }

  /** The domain's publisher, as {@code mesh token publisher-<domain>} would mint it. */
  public String publisherToken(String domain) {
    return token("publisher-" + domain, List.of("publisher"), List.of(domain));
  }

  @Override
  public void close() {
    process.stop();
    try {
      TrinoDistribution.deleteTree(config.stateDir());
    } catch (IOException ignored) {
      // temp folder; the OS cleans it eventually
    }
  }
}
