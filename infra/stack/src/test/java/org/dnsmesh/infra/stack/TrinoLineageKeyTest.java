package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage ingest key: random per start, owner-only, and what Trino sends is what the catalog's hash matches. */
class TrinoLineageKeyTest {
  @TempDir
  Path state;

  private StackConfig config() {
    return StackConfig.fromSources(Path.of("/tmp/mesh-home"), new Properties(), Map.of()).withStateDir(state);
  }

  @Test
  void everyRotationWritesANewOwnerOnlyKey() throws Exception {
    TrinoLineageKey key = new TrinoLineageKey(config().layout());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      String value = key.rotate();
      assertThat(value).matches("[0-9a-f]{64}");
      assertThat(seen.add(value)).as("a new key at every mesh up").isTrue();
      assertThat(key.current()).isEqualTo(value);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file().getParent())))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void theCatalogGetsTheSha256OfTheKeyNotTheKey() {
    // FIPS 180-2 test vector: SHA-256("abc")
    assertThat(TrinoLineageKey.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    TrinoLineageKey key = new TrinoLineageKey(config().layout());
    String value = key.rotate();
    assertThat(key.sha256Hex()).isEqualTo(TrinoLineageKey.sha256Hex(value)).doesNotContain(value);
  }

  @Test
  void trinosListenerSendsTheCurrentKeyToTheTrinoReceiverOnly() throws Exception {
    StackConfig config = config();
    String value = new TrinoLineageKey(config.layout()).rotate();
    Properties listener = new Properties();
    listener.load(new StringReader(new TrinoServer(config, "", "", message -> { }).eventListener()));
    assertThat(listener.getProperty("event-listener.name")).isEqualTo("openlineage");
    assertThat(listener.getProperty("openlineage-event-listener.transport.type")).isEqualTo("HTTP");
    assertThat(listener.getProperty("openlineage-event-listener.transport.url")).isEqualTo(config.catalogUrl());
    assertThat(listener.getProperty("openlineage-event-listener.transport.endpoint")).isEqualTo("/api/v1/lineage/trino");
    assertThat(listener.getProperty("openlineage-event-listener.transport.api-key")).isEqualTo(value);
    assertThat(listener.getProperty("openlineage-event-listener.namespace")).isEqualTo("trino");
    assertThat(listener.getProperty("openlineage-event-listener.trino.include-query-types")).contains("SELECT");
    assertThat(listener.stringPropertyNames()).as("no other credential").noneMatch(name -> name.contains("token")
        || name.contains("password"));
  }
}
