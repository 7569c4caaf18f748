package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka broker on free loopback ports in a temporary folder, for tests that need one (no mocks), locked down
 * like the mesh's: SASL/SCRAM with credentials generated for this broker and the shipped policy's ACLs applied.
 * {@code try (EphemeralKafka kafka = EphemeralKafka.start(home)) { kafka.clientProperties("pipeline-na") ... }}.
 */
public final class EphemeralKafka implements AutoCloseable {
  private final KafkaBroker broker;
  private final StackConfig config;
  private KafkaCredentials credentials;

  private EphemeralKafka(StackConfig config) {
    this.config = config;
    this.broker = new KafkaBroker(config);
  }

  /** @param projectHome the repository root (where infra/kafka-runtime/target/lib is built) */
  public static EphemeralKafka start(Path projectHome) {
    try {
      Path state = Files.createTempDirectory("dnsmesh-kafka-");
      StackConfig config = StackConfig.fromEnvironment(projectHome).withStateDir(state)
          .withFreePorts();
      EphemeralKafka kafka = new EphemeralKafka(config);
      kafka.broker.preflight();
      kafka.credentials = kafka.broker.credentials();
      kafka.broker.start();
      try {
        kafka.broker.awaitReady(Duration.ofSeconds(90));
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      return kafka;
    } catch (IOException e) {
      throw new StackException("Cannot create a temporary folder for Kafka: " + e.getMessage(), e);
    }
  }

  /** Finds the repository root by walking up from the working directory to the folder with `mesh`. */
  public static Path projectHome() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mesh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new StackException("Cannot find the project root (a folder with the `mesh` script) above "
          + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public String bootstrapServers() {
    return config.kafkaBootstrap();
  }

  /**
   * Client settings (bootstrap servers, SASL/SCRAM) for a user of the shipped access policy, e.g.
   * {@code pipeline-na}, {@code catalog-service}, {@code quality-monitor}; what that user may do is the policy's ACLs.
   */
  public Map<String, Object> clientProperties(String user) {
    return new HashMap<>(credentials.clientProperties(bootstrapServers(), user));
  }

  /** Client settings of the broker's super user: test setup only (creating topics outside the domains). */
  public Map<String, Object> adminProperties() {
    return clientProperties(KafkaCredentials.BROKER);
  }

  /** Writes {@code user}'s settings as a Kafka client properties file (0600) and returns its path. */
  public Path clientConfigFile(String user) {
    return credentials.writeClientConfig(bootstrapServers(), user);
  }

  /** The broker's state folder (its configuration, data and the credentials under {@code secrets/kafka}). */
  public Path stateDir() {
    return config.stateDir();
  }

  /** The controller listener's port (tests prove clients cannot use it). */
  public int controllerPort() {
    return config.kafkaControllerPort();
  }

  /** CPU time the broker process has used so far (benchmarks account for it), when the OS reports it. */
  public java.util.Optional<Duration> brokerCpu() {
    return broker.process().running().flatMap(handle -> handle.info().totalCpuDuration());
  }

  /** Kills the broker hard (tests of crash recovery) — the data folder stays. */
  public void kill() {
    broker.process().running().ifPresent(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() {
    broker.stop();
    try {
      TrinoDistribution.deleteTree(config.stateDir());
    } catch (IOException ignored) {
      // temp folder; the OS cleans it eventually
    }
  }
}
