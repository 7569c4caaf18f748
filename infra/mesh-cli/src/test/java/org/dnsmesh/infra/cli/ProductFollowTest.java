package org.dnsmesh.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dnsmesh.productkit.pipeline.IngestSummary;
import org.dnsmesh.products.demo.DemoProducts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProductFollowTest {

  @Test
  void helpTellsHowFollowingWorksItsOptionsExitCodesAndExamples() {
    java.io.StringWriter text = new java.io.StringWriter();
    new CommandLine(new ProductRunCommand()).setUsageHelpWidth(160).usage(new java.io.PrintWriter(text));
    assertThat(text.toString()).contains("--checkpoint", "--poll-every", "#open", "dns.<time>.log.gz",
        "SIGTERM", "Exit codes:",
        "--from zeek:/var/log/zeek/current/dns.log", "quarantined/dead-lettered", "pipeline failed");
  }

  @Test
  void theProgressLineAccountsForEveryLineRead() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProductFollow.StatusLine line = new ProductFollow.StatusLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        "na/na-resolver-queries");
    // 1,000 read = 990 published + 4 rejected (quarantined once committed) + 6 dead-lettered
    IngestSummary read = new IngestSummary(1_000, 990, 0, 6, 4, 0);
    line.print(new DemoProducts.FollowStatus(read, 500, 4, 490, 2_048, Duration.ofSeconds(2)));

    // in = 500 + 4 + 6 = 510 in 2 s; lag = 994 produced - 504 committed
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[na/na-resolver-queries] read 1,000 lines;"
        + " in 510 = 500 written + 4 quarantined + 6 dead-lettered; 255 events/s; lag 490 records, 2,048 bytes\n");
  }

  @Test
  void sigtermStopsTheRunInsteadOfShuttingTheJvmDown() throws Exception {
    Process child = child("clean");
    kill(child, "TERM");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // the stop ran on the live JVM (no shutdown hook before it): the final commit could still use every pool
    assertThat(output(child)).containsExactly("ready", "stop requested", "final commit done", "shutdown hook");
    assertThat(child.exitValue()).isEqualTo(1); // what the run decided, not 143
  }

  @Test
  void aSecondSignalExitsAtOnce() throws Exception {
    Process child = child("stuck");
    kill(child, "INT");
    Thread.sleep(500);
    kill(child, "TERM");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(128 + 15);
    assertThat(output(child)).containsExactly("ready", "stop requested", "shutdown hook");
  }

  private static Process child(String mode) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), StopSignalsMain.class.getName(), mode)
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
    readers.put(child, out);
    return child;
  }

  private static final java.util.Map<Process, BufferedReader> readers = new java.util.concurrent.ConcurrentHashMap<>();

  private static List<String> output(Process child) throws Exception {
    List<String> lines = new ArrayList<>(List.of("ready"));
    String line;
    while ((line = readers.get(child).readLine()) != null) {
      lines.add(line);
    }
    return lines;
  }

  private static void kill(Process child, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
  }
}
