package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Kafka broker on free loopback ports in a temporary folder, for tests that need one (no mocks):
 * {@code try (EphemeralKafka kafka = EphemeralKafka.start(home)) { kafka.bootstrapServers() ... }}.
 */
public final class EphemeralKafka implements AutoCloseable {
  private final KafkaBroker broker;
  private final StackConfig config;

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
