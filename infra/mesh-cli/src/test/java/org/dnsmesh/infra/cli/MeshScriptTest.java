package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dnsmesh.infra.stack.EphemeralKafka;
import org.junit.jupiter.api.Test;

/** The ./mesh entry script: finds a JDK 25 by itself, and says what to install when there is none. */
class MeshScriptTest {
  private static final Path HOME = EphemeralKafka.projectHome();

  @Test
  void missingJdkGivesOneClearMessageAndExitCode2() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", HOME.resolve("mesh").toString(), "status")
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("HOME", System.getProperty("user.home"));
    builder.environment().put("PATH", "/usr/bin:/bin"); // javac there, if any, is the default JDK 17
    builder.environment().put("JAVA_HOME", "/nonexistent/jdk-17");
    builder.environment().put("MESH_JDK_DIRS", "/nonexistent/jvm");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("needs a JDK 25 or newer").contains("temurin-25-jdk").contains("JAVA_HOME");
  }

  @Test
  void helpListsEveryCommand() {
    var out = new java.io.StringWriter();
    var commandLine = new picocli.CommandLine(new MeshCli());
    commandLine.setOut(new java.io.PrintWriter(out));
    assertThat(commandLine.execute("--help")).isZero();
    assertThat(out.toString()).contains("up", "status", "down", "token", "test");
  }

  @Test
  void tokenRefusesUnknownPrincipals() {
    var err = new java.io.StringWriter();
    var commandLine = new picocli.CommandLine(new MeshCli());
    commandLine.setErr(new java.io.PrintWriter(err));
    java.nio.file.Path policy = java.nio.file.Path.of("../../governance/policies/mesh-policy.yaml");
    assertThat(TokenCommand.DemoPrincipal.resolve(policy, "publisher-na").domains()).containsExactly("na");
    assertThat(TokenCommand.DemoPrincipal.resolve(policy, "steward-eu").roles()).containsExactly("steward");
    assertThat(TokenCommand.DemoPrincipal.resolve(policy, "root").roles()).contains("admin");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenCommand.DemoPrincipal.resolve(policy, "publisher-mars"))
        .hasMessageContaining("Unknown principal 'publisher-mars'").hasMessageContaining("ana");
  }
}
