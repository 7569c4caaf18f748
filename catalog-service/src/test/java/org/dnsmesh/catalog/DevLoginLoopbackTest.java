package org.dnsmesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 1: the dev login, when turned on, answers only on loopback. The catalog is bound to every address
 * here (mesh up binds it to 127.0.0.1 only), and a request from the machine's own network address carries what a
 * remote attacker would send to look local: the right one-time secret, an allowed {@code Host}, and
 * {@code X-Forwarded-For} / {@code Forwarded} naming 127.0.0.1. It is refused with the reason and the secret stays
 * unspent: the same request over loopback then gets its token.
 */
@QuarkusTest
@TestProfile(DevLoginLoopbackTest.AllAddresses.class)
@QuarkusTestResource(value = CatalogTestEnvironment.class, restrictToAnnotatedClass = false)
class DevLoginLoopbackTest {
  /** Binds the catalog to every address, so that a non-loopback connection reaches it at all. */
  public static class AllAddresses implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.host", "0.0.0.0");
    }
  }

  @TestHTTPResource("/")
  URL base;

  @Test
  void aDevLoginFromANonLoopbackAddressIsRefusedWhateverItClaims() throws IOException {
    Optional<InetAddress> network = nonLoopbackAddress();
    assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address to connect from");
    String body = "{\"principal\":\"root\",\"bootstrapSecret\":\"" + CatalogTestEnvironment.BOOTSTRAP_SECRET + "\"}";
    String spoofed = "X-Forwarded-For: 127.0.0.1\r\nForwarded: for=127.0.0.1\r\nX-Real-IP: 127.0.0.1\r\n";

    String remote = post(network.get(), body, spoofed);
    assertThat(status(remote)).as(remote).isEqualTo(403);
    assertThat(remote).contains("only on loopback").doesNotContain("access_token");

    String local = post(InetAddress.getLoopbackAddress(), body, "");
    assertThat(status(local)).as("the same secret over loopback: it was right and is still unspent").isEqualTo(200);
    assertThat(local).contains("access_token");
  }

  /** A raw HTTP/1.1 POST to the test port at {@code address}, with the Host an allowed name and extra headers. */
  private String post(InetAddress address, String json, String extraHeaders) throws IOException {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(address, base.getPort())) {
      socket.setSoTimeout(10_000);
      String request = "POST /api/v1/auth/dev-token HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\nConnection: close\r\n"
          + extraHeaders + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
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
