package org.dnsmesh.infra.stack;

import java.nio.file.Path;

/** Where the stack keeps its state: one folder, so `mesh down` and a delete clean up everything. */
public record StackLayout(Path root) {
  public Path logs() {
    return root.resolve("logs");
  }

  public Path pids() {
    return root.resolve("pids");
  }

  public Path secrets() {
    return root.resolve("secrets");
  }

  public Path warehouse() {
    return root.resolve("warehouse");
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path trino() {
    return root.resolve("trino");
  }

  public Path log(String component) {
    return logs().resolve(component + ".log");
  }

  public Path pidFile(String component) {
    return pids().resolve(component + ".pid");
  }

  public Path jwtPrivateKey() {
    return secrets().resolve("jwt-private.pem");
  }

  public Path jwtPublicKey() {
    return secrets().resolve("jwt-public.pem");
  }

  /** PKCS#12 key store with Trino's self-signed TLS certificate. */
  public Path trinoKeyStore() {
    return secrets().resolve("trino-tls.p12");
  }

  /** The same certificate as PEM: clients' trust store (JDBC {@code SSLTrustStorePath}). */
  public Path trinoCertificate() {
    return secrets().resolve("trino-tls.pem");
  }

  public Path trinoSecrets() {
    return secrets().resolve("trino.properties");
  }

  /** The ingest key of Trino's lineage listener, new at every {@code up} ({@link TrinoLineageKey}). */
  public Path trinoLineageKey() {
    return secrets().resolve("trino-lineage.key");
  }

  /** OAuth2 client secrets of the service principals ({@link ServiceCredentials}). */
  public Path oauthClients() {
    return secrets().resolve("oauth-clients.properties");
  }

  /** The catalog service's private settings (database password, secrets files), read by Quarkus from its working folder. */
  public Path catalogServiceConfig() {
    return root.resolve("catalog-service/config/application.properties");
  }

  public Path trinoRules() {
    return trino().resolve("etc/rules.json");
  }

  public Path stackProperties() {
    return root.resolve("stack.properties");
  }
}
