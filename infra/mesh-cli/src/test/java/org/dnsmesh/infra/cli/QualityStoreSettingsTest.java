package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `mesh quality` reads the stack's database (MESH_PG_* / -Dmesh.pg-*), not always the default one. */
class QualityStoreSettingsTest {

  @Test
  void qualityStatusFollowsTheStacksPostgresSettings() {
    String database = "dnsmesh_test_quality_cli_absent";
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setProperty("mesh.pg-database", database);
    System.setProperty("mesh.pg-user", "postgres");
    try {
      assertThat(MeshCli.qualityStore(MeshCli.config()).url())
          .isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + database);
      // the database does not exist: the error names the stack's database, which shows where it looked
      assertThat(MeshCli.run("quality", "status")).isEqualTo(2);
      // an explicit option still wins
      MeshCli.run("quality", "--store-url", "jdbc:postgresql://127.0.0.1:5432/dnsmesh_test_other_absent", "status");
    } finally {
      System.clearProperty("mesh.pg-database");
      System.clearProperty("mesh.pg-user");
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("mesh: ")))
        .satisfiesExactly(
            line -> assertThat(line).contains("jdbc:postgresql://127.0.0.1:5432/" + database),
            line -> assertThat(line).contains("dnsmesh_test_other_absent"));
  }
}
