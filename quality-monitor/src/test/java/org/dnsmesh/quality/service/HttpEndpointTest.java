package org.dnsmesh.quality.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.dnsmesh.quality.TestDatabase;
import org.dnsmesh.quality.store.JdbcHeartbeatStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5: the monitor's metrics carry no authentication, so they are on loopback only. From the machine's
 * own network address (what another host reaches) no connection is accepted; on loopback they answer.
 */
class HttpEndpointTest {
  @Test
  void metricsAnswerOnLoopbackOnlyNeverOnTheNetworkAddress() throws Exception {
    Optional<InetAddress> network = nonLoopbackAddress();
    assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address to connect to");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("quality_checks_total").increment();
    try (HttpEndpoint endpoint = new HttpEndpoint(port, registry, new JdbcHeartbeatStore(TestDatabase.migrated()),
            "endpoint-test", Duration.ofSeconds(30), Clock.systemUTC());
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(local.statusCode()).isEqualTo(200);
      assertThat(local.body()).contains("quality_checks_total");
      int bound = port;
      assertThatThrownBy(() -> new Socket(network.get(), bound).close()).as("metrics from " + network.get())
          .isInstanceOf(ConnectException.class);
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .findFirst();
  }
}
