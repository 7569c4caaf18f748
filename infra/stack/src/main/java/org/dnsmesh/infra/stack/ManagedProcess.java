package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A background process of the stack: started detached (its own session, so Ctrl-C in the shell that ran
 * `mesh up` does not reach it), output appended to one log file, tracked by a pid file. It runs with umask 077:
 * whatever a service writes (Trino's and Kafka's data, the warehouse, logs) is its user's alone.
 */
public final class ManagedProcess {
  private final String name;
  private final Path pidFile;
  private final Path logFile;

  public ManagedProcess(String name, Path pidFile, Path logFile) {
    this.name = name;
    this.pidFile = pidFile;
    this.logFile = logFile;
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  public ProcessHandle start(List<String> command, Path workingDirectory, Map<String, String> environment) {
    if (running().isPresent()) {
      throw new StackException(name + " is already running (pid " + running().get().pid() + ", pid file "
          + pidFile + "). Run `./mesh down` first.");
    }
    try {
      PrivateFiles.directory(pidFile.getParent());
      PrivateFiles.directory(logFile.getParent());
      PrivateFiles.directory(workingDirectory);
      List<String> full = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        full.add("/usr/bin/setsid");
      }
      if (Files.isExecutable(Path.of("/bin/sh"))) {
        // the shell sets the umask and execs the service in place (same pid); "$@" keeps every argument intact
        full.addAll(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", name));
      }
      full.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(full)
          .directory(workingDirectory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting " + name + ": "
          + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      Process process = builder.start();
      // setsid execs in place when the caller is not a group leader, so the pid is the service's own.
      Files.writeString(pidFile, Long.toString(process.pid()));
      return process.toHandle();
    } catch (IOException e) {
      throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
    }
  }

  /** The live process recorded in the pid file, if any; a stale pid file is removed. */
  public Optional<ProcessHandle> running() {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (handle.isEmpty()) {
        Files.deleteIfExists(pidFile);
      }
      return handle;
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops the process and its children: SIGTERM, then SIGKILL after {@code grace}. */
  public boolean stop(Duration grace) {
    Optional<ProcessHandle> handle = running();
    if (handle.isEmpty()) {
      return false;
    }
    ProcessHandle process = handle.get();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timeoutOrInterrupt) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the kernel reaps it; nothing else to do
      }
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // a stale pid file is detected and removed by running()
    }
    return true;
  }

  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }
}
