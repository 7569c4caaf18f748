package org.dnsmesh.governance.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCompilerMainTest {
  @Test
  void writesRulesAndBundle(@TempDir Path out) {
    PolicyCompilerMain.run(new String[] {"--policy", "policies/mesh-policy.yaml", "--tables", "policies/demo-tables.yaml",
        "--trino-rules", out.resolve("rules.json").toString(), "--opa-bundle", out.resolve("bundle").toString()});

    assertThat(out.resolve("rules.json")).isNotEmptyFile();
    assertThat(out.resolve("bundle/dnsmesh/policy/data.json")).isNotEmptyFile();
  }

  @Test
  void rejectsUnknownOptions() {
    assertThatThrownBy(() -> PolicyCompilerMain.run(new String[] {"--polcy", "x"})).hasMessageContaining("--polcy");
  }
}
