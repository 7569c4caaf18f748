package org.dnsmesh.infra.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Brings the whole stack up in one call and down again: PostgreSQL (checked, database created), Kafka,
 * the catalog service and Trino. Either everything is ready or nothing is left running.
 */
public final class MeshStack implements AutoCloseable {
  /** The stack's own probes: long enough for a slow start, no longer. */
  static final Duration PROBE_TOKEN_LIFETIME = Duration.ofMinutes(30);
  /** The policy's admin principal; Trino's readiness probe runs `SELECT 1` as it. */
  static final String HEALTH_PRINCIPAL = "root";

  private final StackConfig config;
  private final Consumer<String> progress;
  private final DevTokens tokens;

  public MeshStack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.tokens = new DevTokens(config.layout().jwtPrivateKey(), config.layout().jwtPublicKey());
  }

  public StackConfig config() {
    return config;
  }

  public DevTokens tokens() {
    return tokens;
  }

  /** Components in start order; built lazily because Trino's needs its client secret. */
  List<StackComponent> components() {
    tokens.ensureKeyPair();
    String trinoCredential = new ServiceCredentials(config.layout()).credential("trino");
    String healthToken = tokens.mint(HEALTH_PRINCIPAL, List.of("admin"), List.of(), PROBE_TOKEN_LIFETIME);
    return List.of(new KafkaBroker(config), new CatalogServiceProcess(config),
        new TrinoServer(config, trinoCredential, healthToken, progress), new QualityMonitorProcess(config));
  }

  /** Starts everything and waits until each component answers a real request. Returns the start time. */
  public Duration up() {
    long started = System.nanoTime();
    if (Runtime.version().feature() < 25) {
      throw new StackException("The mesh needs a JDK 25 or newer; this is " + Runtime.version()
          + ". Use ./mesh, which finds one, or set JAVA_HOME to a JDK 25.");
    }
    progress.accept("Checking PostgreSQL at " + config.postgres().serverUrl() + " ...");
    new PostgresDatabase(config.postgres()).ensureDatabase();
    createStateFolders();
    List<StackComponent> components = components();
    for (StackComponent component : components) {
      if (component.process().running().isPresent()) {
        throw new StackException(component.name() + " of an earlier mesh is still running (pid file "
            + config.layout().pidFile(component.process().name()) + "). Run `./mesh down` first.");
      }
    }
    // a new lineage ingest key per start: the catalog gets its hash, Trino the key (both written at their start)
    new TrinoLineageKey(config.layout()).rotate();
    progress.accept("Checking ports and artifacts ...");
    for (StackComponent component : components) {
      component.preflight();
    }
    writeStackProperties();
    List<StackComponent> startedComponents = new ArrayList<>();
    try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> readiness = new ArrayList<>();
      for (StackComponent component : components) {
        progress.accept("Starting " + component.name() + " (log: " + component.process().logFile() + ")");
        component.start();
        startedComponents.add(component);
        readiness.add(waiters.submit(() -> {
          component.awaitReady(config.startTimeout());
          progress.accept(String.format("  %s ready after %.1f s", component.name(),
              (System.nanoTime() - started) / 1e9));
        }));
      }
      for (Future<?> ready : readiness) {
        ready.get();
      }
      // keys and certificates written by keytool and the key-pair generator too: the whole folder owner-only
      PrivateFiles.restrictTree(config.layout().secrets());
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      progress.accept("Start-up failed; stopping what was started ...");
      for (StackComponent component : startedComponents.reversed()) {
        component.stop();
      }
      if (cause instanceof StackException stackException) {
        throw stackException;
      }
      throw new StackException("Start-up failed: " + cause, cause);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Stops every component recorded in the state folder, in reverse start order. */
  public List<String> down() {
    List<String> stopped = new ArrayList<>();
    List<StackComponent> components = new ArrayList<>(componentsForControl());
    for (StackComponent component : components.reversed()) {
      if (component.stop()) {
        stopped.add(component.name());
      }
    }
    return stopped;
  }

  public List<ComponentStatus> status() {
    List<ComponentStatus> statuses = new ArrayList<>();
    for (StackComponent component : componentsForControl()) {
      var pid = component.process().running();
      statuses.add(new ComponentStatus(component.name(), pid.map(ProcessHandle::pid).orElse(null),
          pid.isPresent() && component.isReady(), component.process().logFile().toString()));
    }
    return statuses;
  }

  private List<StackComponent> componentsForControl() {
    // stopping and probing need neither keys nor a download: build the components without them
    String healthToken = java.nio.file.Files.exists(config.layout().jwtPrivateKey())
        ? tokens.mint(HEALTH_PRINCIPAL, List.of("admin"), List.of(), Duration.ofMinutes(5)) : "";
    return List.of(new KafkaBroker(config), new CatalogServiceProcess(config),
        new TrinoServer(config, "", healthToken, progress), new QualityMonitorProcess(config));
  }

  @Override
  public void close() {
    down();
  }

  /** The state folder and everything in it is the mesh user's alone (0700): secrets, configs, logs, warehouse. */
  private void createStateFolders() {
    StackLayout layout = config.layout();
    try {
      PrivateFiles.directory(layout.root());
      PrivateFiles.directory(layout.secrets());
      PrivateFiles.directory(layout.logs());
      PrivateFiles.directory(layout.pids());
      PrivateFiles.directory(layout.warehouse());
      for (String domain : config.domains()) {
        PrivateFiles.directory(layout.warehouse().resolve(domain));
      }
      // the running mesh works on its own copy of the policy: approved policy changes rewrite it, not the repo
      Path livePolicy = config.livePolicyFile();
      if (!Files.exists(livePolicy)) {
        Files.createDirectories(livePolicy.getParent());
        Files.copy(config.shippedPolicyFile(), livePolicy);
      }
    } catch (IOException e) {
      throw new StackException("Cannot create the state folder " + layout.root() + ": " + e.getMessage(), e);
    }
  }

  /** Remembers the ports of this mesh so `status` and `down` from another shell find the same processes. */
  private void writeStackProperties() {
    Properties properties = new Properties();
    properties.setProperty("mesh.catalog-port", Integer.toString(config.catalogPort()));
    properties.setProperty("mesh.trino-port", Integer.toString(config.trinoPort()));
    properties.setProperty("mesh.trino-https-port", Integer.toString(config.trinoHttpsPort()));
    properties.setProperty("mesh.kafka-port", Integer.toString(config.kafkaPort()));
    properties.setProperty("mesh.kafka-controller-port", Integer.toString(config.kafkaControllerPort()));
    properties.setProperty("mesh.domains", String.join(",", config.domains()));
    try (Writer writer = Files.newBufferedWriter(config.layout().stackProperties())) {
      properties.store(writer, "Written by mesh up");
    } catch (IOException e) {
      throw new StackException("Cannot write " + config.layout().stackProperties() + ": " + e.getMessage(), e);
    }
  }

  /** The configuration of the mesh last started from this state folder, or {@code config} itself. */
  public static StackConfig recorded(StackConfig config) {
    if (!Files.exists(config.layout().stackProperties())) {
      return config;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(config.layout().stackProperties())) {
      properties.load(reader);
    } catch (IOException e) {
      return config;
    }
    Properties merged = new Properties();
    merged.putAll(properties);
    merged.putAll(System.getProperties());
    return StackConfig.fromSources(config.home(), merged, System.getenv())
        .withStateDir(config.stateDir());
  }

  public record ComponentStatus(String name, Long pid, boolean ready, String log) {}
}
