package org.dnsmesh.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor against real child processes: SIGKILL -> restarted after backoff; stop -> SIGTERM, gone. */
class ProcessSupervisorTest {

  @TempDir Path dir;

  @Test
  void aChildKilledWithSigkillIsRestartedAndStopEndsIt() throws Exception {
    Path log = dir.resolve("logs/pipeline.log");
    Path state = dir.resolve("state/pipeline.properties");
    // the child counts its starts in a file, then waits to be killed (TERM ends it with a last line)
    Path starts = dir.resolve("starts");
    ProcessSupervisor.Child child = new ProcessSupervisor.Child("pipeline", List.of("/bin/sh", "-c",
        "echo started >> " + starts + "; trap 'echo terminated; exit 0' TERM; while true; do sleep 0.1; done"),
        Map.of(), log, state);
    ProcessSupervisor supervisor = new ProcessSupervisor(List.of(child), Duration.ofMillis(200), Duration.ofSeconds(2),
        Duration.ofSeconds(60), Duration.ofSeconds(10));
    supervisor.start();
    try {
      long first = await(() -> ProcessSupervisor.State.read(state).map(ProcessSupervisor.State::pid).orElse(null));
      ProcessHandle.of(first).orElseThrow();
      new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();

      long second = await(() -> ProcessSupervisor.State.read(state).map(ProcessSupervisor.State::pid)
          .filter(pid -> pid != first).orElse(null));
      ProcessSupervisor.State restarted = ProcessSupervisor.State.read(state).orElseThrow();
      assertThat(restarted.restarts()).isEqualTo(1);
      assertThat(restarted.state()).isEqualTo("running");
      assertThat(restarted.lastExit()).startsWith("exit 137 (SIGKILL)");
      assertThat(Files.readAllLines(starts)).hasSize(2);
      assertThat(Files.readString(log)).contains("exited: exit 137 (SIGKILL)", "restarting pipeline in 200 ms",
          "(restart 1)");

      supervisor.stop();
      supervisor.awaitStopped();
      assertThat(ProcessHandle.of(second).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(ProcessSupervisor.State.read(state).orElseThrow().state()).isEqualTo("stopped");
      assertThat(Files.readString(log)).contains("terminated");
      assertThat(Files.readAllLines(starts)).as("not restarted after stop").hasSize(2);
    } finally {
      supervisor.stop();
    }
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    ProcessSupervisor supervisor = new ProcessSupervisor(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(1));
    assertThat(List.of(1, 2, 3, 4, 7, 8, 20).stream().map(n -> supervisor.backoff(n).toSeconds()))
        .containsExactly(1L, 2L, 4L, 8L, 60L, 60L, 60L);
  }

  private static long await(Supplier<Long> pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Long value = pid.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no (new) child within 30 s");
  }
}
