package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Keeps long-running children alive: each {@link Child} is started, and whenever it exits (a crash, SIGKILL, an
 * exception) it is started again after a backoff that doubles from {@code firstBackoff} to {@code maxBackoff} and
 * starts over once a child has run {@code healthyAfter} without exiting. Each child appends its output to its own
 * log and has a state file ({@code pid}, {@code state}, {@code restarts}, {@code last-exit}) that {@code mesh status}
 * reads. {@link #stop} (the supervisor's own SIGTERM, via a shutdown hook) sends SIGTERM to every child, waits for
 * it to commit and exit, and SIGKILLs only what is still there after the grace period.
 */
public final class ProcessSupervisor {

  /** One supervised process: its name, command, environment, log and state file. */
  public record Child(String name, List<String> command, Map<String, String> environment, Path log, Path stateFile) {
    public Child {
      Objects.requireNonNull(name, "name");
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(stateFile, "stateFile");
    }
  }

  /** What a state file says. */
  public record State(Long pid, String state, int restarts, String lastExit) {
    /** Reads a child's state file; empty when it has none. */
    public static Optional<State> read(Path stateFile) {
      if (!Files.exists(stateFile)) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      try (var reader = Files.newBufferedReader(stateFile)) {
        properties.load(reader);
      } catch (IOException e) {
        return Optional.empty();
      }
      String pid = properties.getProperty("pid", "");
      Long live = pid.isBlank() ? null
          : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).map(h -> h.pid()).orElse(null);
      return Optional.of(new State(live, properties.getProperty("state", "unknown"),
          Integer.parseInt(properties.getProperty("restarts", "0")), properties.getProperty("last-exit", "")));
    }
  }

  private final List<Child> children;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration healthyAfter;
  private final Duration grace;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Process> running = new ArrayList<>();
  private volatile boolean stopping;

  public ProcessSupervisor(List<Child> children, Duration firstBackoff, Duration maxBackoff, Duration healthyAfter,
      Duration grace) {
    this.children = List.copyOf(children);
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
    this.healthyAfter = Objects.requireNonNull(healthyAfter, "healthyAfter");
    this.grace = Objects.requireNonNull(grace, "grace");
  }

  /** Backoff 1 s doubling to 60 s, healthy after 60 s up, 30 s grace on stop. */
  public static ProcessSupervisor withDefaults(List<Child> children) {
    return new ProcessSupervisor(children, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  /** Starts a thread per child that keeps it running until {@link #stop}. */
  public void start() {
    for (Child child : children) {
      Thread thread = new Thread(() -> keepRunning(child), "supervise-" + child.name());
      thread.start();
      threads.add(thread);
    }
  }

  /** Blocks until {@link #stop} has been called and every child has exited. */
  public void awaitStopped() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** SIGTERM to every child, SIGKILL after the grace period; then the supervising threads end. */
  public void stop() {
    stopping = true;
    List<Process> processes;
    synchronized (running) {
      processes = List.copyOf(running);
    }
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    threads.forEach(Thread::interrupt); // wakes a thread sleeping through a backoff
  }

  private void keepRunning(Child child) {
    int restarts = 0;
    int failuresInARow = 0;
    String lastExit = "";
    while (!stopping) {
      Instant started = Instant.now();
      Process process;
      try {
        log(child, "---- " + started + " starting " + child.name() + (restarts == 0 ? "" : " (restart " + restarts + ")"));
        ProcessBuilder builder = new ProcessBuilder(child.command()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(child.log().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(child.environment());
        synchronized (running) {
          if (stopping) {
            break;
          }
          process = builder.start();
          running.add(process);
        }
      } catch (IOException e) {
        lastExit = "could not start: " + e.getMessage();
        process = null;
      }
      if (process != null) {
        writeState(child, process.pid(), "running", restarts, lastExit);
        int code = waitFor(process);
        synchronized (running) {
          running.remove(process);
        }
        lastExit = "exit " + code + (code == 137 ? " (SIGKILL)" : code == 143 ? " (SIGTERM)" : "") + " at "
            + Instant.now();
        log(child, "---- " + child.name() + " exited: " + lastExit);
      }
      if (stopping) {
        break;
      }
      failuresInARow = Duration.between(started, Instant.now()).compareTo(healthyAfter) >= 0 ? 1 : failuresInARow + 1;
      Duration backoff = backoff(failuresInARow);
      restarts++;
      writeState(child, null, "restarting in " + backoff.toMillis() / 1000.0 + " s", restarts, lastExit);
      log(child, "---- restarting " + child.name() + " in " + backoff.toMillis() + " ms");
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        break;
      }
    }
    writeState(child, null, "stopped", restarts, lastExit);
  }

  /** {@code firstBackoff * 2^(failures - 1)}, at most {@code maxBackoff}. */
  Duration backoff(int failuresInARow) {
    Duration backoff = firstBackoff;
    for (int i = 1; i < failuresInARow && backoff.compareTo(maxBackoff) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }

  private static int waitFor(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // only stop() interrupts, and it has already sent SIGTERM: wait for the exit
      }
    }
  }

  private static void log(Child child, String line) {
    try {
      PrivateFiles.directory(child.log().getParent());
      Files.writeString(child.log(), line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the state file still says what happened
    }
  }

  private static void writeState(Child child, Long pid, String state, int restarts, String lastExit) {
    Properties properties = new Properties();
    properties.setProperty("pid", pid == null ? "" : pid.toString());
    properties.setProperty("state", state);
    properties.setProperty("restarts", Integer.toString(restarts));
    properties.setProperty("last-exit", lastExit);
    try {
      PrivateFiles.directory(child.stateFile().getParent());
      Path temp = child.stateFile().resolveSibling(child.stateFile().getFileName() + ".tmp");
      try (var writer = Files.newBufferedWriter(temp)) {
        properties.store(writer, child.name());
      }
      Files.move(temp, child.stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ignored) {
      // status shows "unknown" for it
    }
  }
}
