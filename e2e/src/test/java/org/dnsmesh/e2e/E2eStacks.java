package org.dnsmesh.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.dnsmesh.infra.stack.MeshStack;
import org.dnsmesh.infra.stack.PostgresDatabase;
import org.dnsmesh.infra.stack.StackConfig;

/**
 * How an end-to-end class gets its one stack: a fresh state folder, its own database (suffixed by
 * {@code MESH_TEST_DB_SUFFIX}, so checkouts testing side by side never share one), free ports; started from an
 * empty database and logged with its start time.
 */
final class E2eStacks {
  private E2eStacks() {}

  static StackConfig config(String database, String statePrefix) throws IOException {
    return StackConfig.fromEnvironment(EphemeralKafka.projectHome())
        .withStateDir(Files.createTempDirectory(statePrefix))
        .withDatabase(database + System.getenv().getOrDefault("MESH_TEST_DB_SUFFIX", ""))
        .withFreePorts();
  }

  static MeshStack up(StackConfig config) throws Exception {
    new PostgresDatabase(config.postgres()).dropDatabase();
    MeshStack stack = new MeshStack(config, message -> System.out.println("[mesh] " + message));
    Duration startTime = stack.up();
    System.out.printf("[mesh] stack ready in %.1f s%n", startTime.toMillis() / 1000.0);
    return stack;
  }
}
