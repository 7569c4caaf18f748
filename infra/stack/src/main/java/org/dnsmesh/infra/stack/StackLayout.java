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

  public Path stackProperties() {
    return root.resolve("stack.properties");
  }
}
