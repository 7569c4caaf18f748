package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad environments fail before anything starts, with one message that names cause and fix. */
class MeshStackFailureTest {
  @TempDir Path state;

  private StackConfig config(Map<String, String> environment) {
    Properties properties = new Properties();
    properties.setProperty("mesh.state-dir", state.toString());
    return StackConfig.fromSources(EphemeralKafka.projectHome(), properties, environment)
        .withPorts(Ports.findFree(), Ports.findFree(), Ports.findFree(), Ports.findFree());
  }

  @Test
  void refusingPostgresIsNamedWithItsSettings() {
    int closed = Ports.findFree();
    MeshStack stack = new MeshStack(config(Map.of("MESH_PG_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/")),
        message -> {});
    assertThatThrownBy(stack::up)
        .isInstanceOf(StackException.class)
        .hasMessageContaining("PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed)
        .hasMessageContaining("MESH_PG_URL");
    assertThat(state.resolve("pids")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  void takenPortStopsStartBeforeAnyProcess() throws Exception {
    StackConfig config = config(Map.of("MESH_PG_DATABASE", "dnsmesh_test_stack"));
    try (ServerSocket taken = new ServerSocket(config.kafkaPort(), 1, InetAddress.getLoopbackAddress())) {
      MeshStack stack = new MeshStack(config, message -> {});
      assertThatThrownBy(stack::up)
          .isInstanceOf(StackException.class)
          .satisfiesAnyOf(
              e -> assertThat(e).hasMessageContaining("Port " + config.kafkaPort()).hasMessageContaining(
                  "MESH_KAFKA_PORT"),
              // a checkout where nothing is built yet fails on the missing artifact instead
              e -> assertThat(e).hasMessageContaining("Build the project first"));
      try (var pids = Files.list(state.resolve("pids"))) {
        assertThat(pids).isEmpty();
      }
    } finally {
      new PostgresDatabase(config.postgres()).dropDatabase();
    }
  }
}
