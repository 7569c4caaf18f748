package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void takenPortIsNamedWithItsSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(Ports.isFree(port)).isFalse();
      assertThatThrownBy(() -> Ports.requireFree(port, "Trino HTTP", "MESH_TRINO_PORT"))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("Port " + port + " (Trino HTTP) is already in use")
          .hasMessageContaining("MESH_TRINO_PORT");
    }
  }
}
