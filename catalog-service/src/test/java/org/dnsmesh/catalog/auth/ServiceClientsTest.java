package org.dnsmesh.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceClientsTest {
  @Test
  void withoutASecretsFileNoClientAuthenticates() {
    ServiceClients clients = new ServiceClients(Optional.empty());
    assertThat(clients.authenticate("trino", "dnsmesh-dev-secret")).isFalse();
    assertThat(clients.authenticate("trino", "")).isFalse();
  }

  @Test
  void onlyTheListedSecretOfThatClientAuthenticates(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("clients.properties");
    Files.writeString(file, "trino=s3cr3t-a\nquality-monitor=s3cr3t-b\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ServiceClients clients = new ServiceClients(Optional.of(file));
    assertThat(clients.authenticate("trino", "s3cr3t-a")).isTrue();
    assertThat(clients.authenticate("trino", "s3cr3t-b")).as("another client's secret").isFalse();
    assertThat(clients.authenticate("root", "s3cr3t-a")).as("a principal without a secret").isFalse();
  }

  @Test
  void aSecretsFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("clients.properties");
    Files.writeString(file, "trino=s3cr3t-a\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(new ServiceClients(Optional.of(file)).authenticate("trino", "s3cr3t-a")).isFalse();
  }

  @Test
  void basicHeaderIsParsed() {
    assertThat(ServiceClients.basicCredentials("Basic dHJpbm86YTpi")).get()
        .satisfies(e -> assertThat(e.getKey() + "|" + e.getValue()).isEqualTo("trino|a:b"));
    assertThat(ServiceClients.basicCredentials("Bearer x")).isEmpty();
    assertThat(ServiceClients.basicCredentials("Basic !!!")).isEmpty();
  }
}
